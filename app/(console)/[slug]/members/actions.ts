"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { accountAction } from "@/lib/account-action";
import type { ActionResult } from "@/lib/action-result";
import { inviteMembers, type InviteOutcome } from "@/lib/invitations/create";
import { dismissInvitation, resendInvitation, revokeInvitation } from "@/lib/invitations/manage";
import { invitationIdSchema, inviteSchema } from "@/lib/invitations/schemas";
import { changeMemberRole } from "@/lib/members/change-role";
import { acceptOwnership, cancelOwnershipTransfer, declineOwnership, offerOwnership } from "@/lib/members/ownership-transfer";
import { leaveOrganization, removeMember } from "@/lib/members/remove-member";
import { changeRoleSchema, memberIdSchema, offerOwnershipSchema } from "@/lib/members/schemas";
import { personalSpaceSlug } from "@/lib/accounts/queries";
import { currentUser } from "@/lib/auth/current-user";

const transferIdSchema = z.object({ transferId: z.uuid("Unknown transfer.") });
const nothing = z.object({});

export async function inviteMembersAction(slug: string, _state: ActionResult<InviteOutcome[]>, formData: FormData) {
  return accountAction(slug, inviteSchema, formData, (ctx, input, request) => inviteMembers(ctx, input.emails, input.role, request), (outcomes) => {
    const sent = outcomes.filter((o) => o.ok).length;
    return sent === outcomes.length ? `${sent} invitation${sent === 1 ? "" : "s"} sent.` : `${sent} of ${outcomes.length} invitations sent.`;
  });
}

export async function changeRoleAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(slug, changeRoleSchema, formData, (ctx, input, request) => changeMemberRole(ctx, input.userId, input.role, request), "Role changed.");
}

export async function removeMemberAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(slug, memberIdSchema, formData, (ctx, input, request) => removeMember(ctx, input.userId, request), "Member removed.");
}

export async function offerOwnershipAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(slug, offerOwnershipSchema, formData, (ctx, input, request) => offerOwnership(ctx, input.userId, input.password, request), "Ownership offered. It takes effect when they accept.");
}

export async function cancelTransferAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(slug, transferIdSchema, formData, (ctx, input, request) => cancelOwnershipTransfer(ctx, input.transferId, request), "Transfer cancelled.");
}

export async function acceptTransferAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(slug, transferIdSchema, formData, (ctx, input, request) => acceptOwnership(ctx, input.transferId, request), "You are now an owner.");
}

export async function declineTransferAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(slug, transferIdSchema, formData, (ctx, input, request) => declineOwnership(ctx, input.transferId, request), "Transfer declined.");
}

export async function resendInvitationAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(slug, invitationIdSchema, formData, (ctx, input, request) => resendInvitation(ctx, input.invitationId, request), "Invitation sent again.");
}

export async function revokeInvitationAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(slug, invitationIdSchema, formData, (ctx, input, request) => revokeInvitation(ctx, input.invitationId, request), "Invitation revoked.");
}

export async function dismissInvitationAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(slug, invitationIdSchema, formData, (ctx, input, request) => dismissInvitation(ctx, input.invitationId, request), "Invitation dismissed.");
}

export async function leaveOrganizationAction(slug: string, _state: ActionResult, formData: FormData): Promise<ActionResult> {
  const result = await accountAction(slug, nothing, formData, (ctx, _input, request) => leaveOrganization(ctx, request), "You left the organization.");
  if (result.status !== "success") return result;
  revalidatePath("/", "layout");
  const user = await currentUser();
  redirect(user ? `/${await personalSpaceSlug(user.id)}?flash=left` : "/");
}
