"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { accountAction } from "@/lib/account-action";
import type { ActionResult } from "@/lib/action-result";
import { inviteMembers, type InviteOutcome } from "@/lib/invitations/create";
import { dismissInvitation, resendInvitation, revokeInvitation } from "@/lib/invitations/manage";
import { invitationIdSchema, inviteMembersForm } from "@/lib/invitations/schemas";
import { changeMemberRole } from "@/lib/members/change-role";
import { acceptOwnership, cancelOwnershipTransfer, declineOwnership, offerOwnership } from "@/lib/members/ownership-transfer";
import { leaveOrganization, removeMember } from "@/lib/members/remove-member";
import { changeRoleForm, memberIdSchema, offerOwnershipSchema } from "@/lib/members/schemas";
import { personalSpaceSlug } from "@/lib/accounts/queries";
import { loadActorContext } from "@/lib/authz/context";

const transferIdSchema = z.object({ transferId: z.uuid("Unknown transfer.") });
const nothing = z.object({});

export async function inviteMembersAction(slug: string, _state: ActionResult<InviteOutcome[]>, formData: FormData) {
  return accountAction(slug, inviteMembersForm, formData, (ctx, input) => inviteMembers(ctx, input), (outcomes) => {
    const sent = outcomes.filter((o) => o.ok).length;
    return sent === outcomes.length ? `${sent} invitation${sent === 1 ? "" : "s"} sent.` : `${sent} of ${outcomes.length} invitations sent.`;
  });
}

export async function changeRoleAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(slug, changeRoleForm, formData, (ctx, input) => changeMemberRole(ctx, input.userId, input.role), "Role changed.");
}

export async function removeMemberAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(slug, memberIdSchema, formData, (ctx, input) => removeMember(ctx, input.userId), "Member removed.");
}

export async function offerOwnershipAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(slug, offerOwnershipSchema, formData, (ctx, input) => offerOwnership(ctx, input.userId, input.password), "Ownership offered. It takes effect when they accept.");
}

export async function cancelTransferAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(slug, transferIdSchema, formData, (ctx, input) => cancelOwnershipTransfer(ctx, input.transferId), "Transfer cancelled.");
}

export async function acceptTransferAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(slug, transferIdSchema, formData, (ctx, input) => acceptOwnership(ctx, input.transferId), "You are now an owner.");
}

export async function declineTransferAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(slug, transferIdSchema, formData, (ctx, input) => declineOwnership(ctx, input.transferId), "Transfer declined.");
}

export async function resendInvitationAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(slug, invitationIdSchema, formData, (ctx, input) => resendInvitation(ctx, input.invitationId), "Invitation sent again.");
}

export async function revokeInvitationAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(slug, invitationIdSchema, formData, (ctx, input) => revokeInvitation(ctx, input.invitationId), "Invitation revoked.");
}

export async function dismissInvitationAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(slug, invitationIdSchema, formData, (ctx, input) => dismissInvitation(ctx, input.invitationId), "Invitation dismissed.");
}

export async function leaveOrganizationAction(slug: string, _state: ActionResult, formData: FormData): Promise<ActionResult> {
  const result = await accountAction(slug, nothing, formData, (ctx) => leaveOrganization(ctx), "You left the organization.");
  if (result.status !== "success") return result;
  revalidatePath("/", "layout");
  const ctx = await loadActorContext();
  redirect(ctx ? `/${await personalSpaceSlug(ctx.actor.userId)}?flash=left` : "/");
}
