import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { invitations } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import type { AccountContext } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/can";
import { actingMember } from "@/lib/authz/member-actor";
import { invitableRoles } from "@/lib/authz/member-rules";
import { PublicError } from "@/lib/errors";
import { queueMail } from "@/lib/mail/outbox";
import { invitationMail } from "@/lib/mail/member-templates";
import { noLongerAMember } from "@/lib/members/change-role";
import { currentRoles, lockOrganization } from "@/lib/members/organization-lock";
import { hitRateLimit } from "@/lib/rate-limit";
import { newLinkToken } from "@/lib/tokens";
import { isUuid } from "@/lib/validation/ids";
import { mailboxFlooded } from "./mailbox-limit";
import { invitationExpiry, invitationState } from "./tokens";

const unknownInvitation = "This invitation does not exist in this organization.";

/** The invitation, only if it belongs to the context's organization, locked for this transaction. */
async function lockInvitation(tx: Transaction, ctx: AccountContext, invitationId: string) {
  const me = actingMember(ctx);
  if (!isUuid(invitationId)) throw new PublicError("invitation_not_found", unknownInvitation);
  const account = await lockOrganization(tx, ctx.account.id);
  const role = (await currentRoles(tx, account.id, [me.userId])).get(me.userId);
  if (!role) throw new PublicError("no_longer_member", noLongerAMember);
  assertCan({ ...ctx, role }, "members.invite");
  const [invitation] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, invitationId), eq(invitations.accountId, account.id)))
    .for("update");
  if (!invitation) throw new PublicError("invitation_not_found", unknownInvitation);
  return { account, invitation, actorRole: role, me };
}

/** A new link (the old one stops working) and seven more days. At most 3 resends an hour. */
export async function resendInvitation(ctx: AccountContext, invitationId: string) {
  assertCan(ctx, "members.invite");
  await db.transaction(async (tx) => {
    const { account, invitation, actorRole, me } = await lockInvitation(tx, ctx, invitationId);
    if (invitation.status !== "pending") throw new PublicError("invitation_not_pending", "Only pending or expired invitations can be resent.");
    if (!invitableRoles(actorRole).includes(invitation.role)) throw new PublicError("role_not_grantable", "You cannot resend an invitation for a role above your own.");
    const limit = await hitRateLimit(`invitation-resend:${invitation.id}`, { limit: 3, windowSeconds: 3600 }, tx);
    if (!limit.allowed) throw new PublicError("invitation_resend_limit", `This invitation was resent too often. Try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minutes.`);
    const flooded = await mailboxFlooded(tx, invitation.email);
    if (flooded) throw new PublicError("mailbox_limit", flooded);
    const { token, hash } = newLinkToken();
    await tx
      .update(invitations)
      .set({ tokenHash: hash, lastSentAt: sql`now()`, expiresAt: invitationExpiry(), sendCount: sql`${invitations.sendCount} + 1`, invitedById: me.userId })
      .where(eq(invitations.id, invitation.id));
    await recordAuditEvent(tx, ctx, { action: "invitation.resent", targetType: "invitation", targetId: invitation.id, metadata: { email: invitation.email } });
    await queueMail(tx, invitationMail(invitation.email, account.name, me.name ?? me.email, invitation.role, token));
  });
}

export async function revokeInvitation(ctx: AccountContext, invitationId: string) {
  assertCan(ctx, "members.invite");
  await db.transaction(async (tx) => {
    const { invitation } = await lockInvitation(tx, ctx, invitationId);
    if (invitation.status !== "pending") throw new PublicError("invitation_not_pending", "This invitation is no longer pending.");
    await tx.update(invitations).set({ status: "revoked", respondedAt: sql`now()` }).where(eq(invitations.id, invitation.id));
    await recordAuditEvent(tx, ctx, { action: "invitation.revoked", targetType: "invitation", targetId: invitation.id, metadata: { email: invitation.email } });
  });
}

/** Expired invitations stay listed until someone dismisses them: they never vanish silently. */
export async function dismissInvitation(ctx: AccountContext, invitationId: string) {
  assertCan(ctx, "members.invite");
  await db.transaction(async (tx) => {
    const { invitation } = await lockInvitation(tx, ctx, invitationId);
    if (invitationState(invitation) !== "expired") throw new PublicError("invitation_not_expired", "Only expired invitations can be dismissed; revoke a pending one.");
    await tx.update(invitations).set({ status: "dismissed", respondedAt: sql`now()` }).where(eq(invitations.id, invitation.id));
    await recordAuditEvent(tx, ctx, { action: "invitation.dismissed", targetType: "invitation", targetId: invitation.id, metadata: { email: invitation.email } });
  });
}
