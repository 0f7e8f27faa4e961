import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { invitations, memberships, users } from "@/db/schema";
import { assertUnderOrganizationCap } from "@/lib/accounts/organization-cap";
import { recordAuditEvent } from "@/lib/audit";
import type { ActorContext } from "@/lib/authz/actor";
import { actingMember } from "@/lib/authz/member-actor";
import { rolesGrantableByInvitation } from "@/lib/authz/member-rules";
import { PublicError } from "@/lib/errors";
import { queueMail } from "@/lib/mail/outbox";
import { invitationAcceptedMail } from "@/lib/mail/member-templates";
import { currentRoles, lockOrganization } from "@/lib/members/organization-lock";
import { hashToken } from "@/lib/tokens";
import { invitationState } from "./tokens";

export type InvitationKey = { token: string } | { invitationId: string };

const refusals: Record<string, string> = {
  accepted: "This invitation has already been accepted.",
  declined: "This invitation was declined.",
  revoked: "This invitation was revoked by the organization.",
  dismissed: "This invitation is no longer valid.",
  expired: "This invitation has expired. Ask the organization to send a new one.",
};

const inviterGone = "This invitation no longer stands: the person who sent it can no longer invite you with this role. Ask the organization for a new invitation.";

/**
 * Accepts or declines an invitation addressed to this user's email. The organization, then the
 * invitation row are locked (the order every membership change takes), so two clicks at the same
 * moment create one membership: the second finds it accepted and, for the same user, simply
 * succeeds again. An invitation grants no more than its sender could grant now: a sender who has
 * left, was removed or lost the right to invite for that role takes the invitation with them.
 */
export async function respondToInvitation(ctx: ActorContext, key: InvitationKey, answer: "accept" | "decline") {
  const me = actingMember(ctx);
  const user = { id: me.userId, email: me.email, name: me.name ?? me.email };
  const outcome = await db.transaction(async (tx) => {
    const where = "token" in key ? eq(invitations.tokenHash, hashToken(key.token)) : eq(invitations.id, key.invitationId);
    const [found] = await tx.select({ accountId: invitations.accountId }).from(invitations).where(where);
    if (!found) throw new PublicError("invitation_not_found", "This invitation link is not valid.");
    const account = await lockOrganization(tx, found.accountId);
    const [invitation] = await tx.select().from(invitations).where(where).for("update");
    if (!invitation) throw new PublicError("invitation_not_found", "This invitation link is not valid.");
    if (invitation.email !== user.email.toLowerCase()) {
      throw new PublicError("invitation_wrong_recipient", `This invitation was sent to another email address. You are signed in as ${user.email}.`);
    }
    const joined = { slug: account.slug, name: account.name };
    const state = invitationState(invitation);
    if (state === "accepted" && answer === "accept" && invitation.respondedById === user.id) return joined;
    if (state !== "pending") throw new PublicError(state === "expired" ? "invitation_expired" : "invitation_not_pending", refusals[state] ?? "This invitation is no longer valid.");

    if (answer === "decline") {
      await tx.update(invitations).set({ status: "declined", respondedAt: sql`now()`, respondedById: user.id }).where(eq(invitations.id, invitation.id));
      await recordAuditEvent(tx, ctx, { accountId: invitation.accountId, action: "invitation.declined", targetType: "invitation", targetId: invitation.id });
      return joined;
    }

    const inviterRole = invitation.invitedById ? (await currentRoles(tx, account.id, [invitation.invitedById])).get(invitation.invitedById) : undefined;
    if (!inviterRole || !rolesGrantableByInvitation(inviterRole).includes(invitation.role)) {
      // Revoked for good (committed), then refused outside the transaction.
      await tx.update(invitations).set({ status: "revoked", respondedAt: sql`now()` }).where(eq(invitations.id, invitation.id));
      await recordAuditEvent(tx, ctx, {
        accountId: account.id,
        action: "invitation.revoked",
        targetType: "invitation",
        targetId: invitation.id,
        metadata: { email: invitation.email, role: invitation.role, reason: "inviter_cannot_grant", inviter: invitation.invitedById },
      });
      return { refused: inviterGone } as const;
    }

    await assertUnderOrganizationCap(tx, user.id);
    await tx.insert(memberships).values({ accountId: invitation.accountId, userId: user.id, role: invitation.role }).onConflictDoNothing();
    await tx.update(invitations).set({ status: "accepted", respondedAt: sql`now()`, respondedById: user.id }).where(eq(invitations.id, invitation.id));
    await recordAuditEvent(tx, ctx, { accountId: invitation.accountId, action: "invitation.accepted", targetType: "invitation", targetId: invitation.id, metadata: { role: invitation.role } });
    // The inviter is a current member (checked above under the lock), so only members hear of it.
    const [inviter] = await tx.select({ email: users.email }).from(users).where(eq(users.id, invitation.invitedById!));
    if (inviter) await queueMail(tx, invitationAcceptedMail(inviter.email, account.name, user.name, user.email));
    return joined;
  });
  if ("refused" in outcome) throw new PublicError("inviter_cannot_grant", outcome.refused);
  return outcome;
}

/** For sign-up from an invite link: the invited address, if the link is live. */
export async function liveInvitationEmail(token: string): Promise<string | undefined> {
  if (!token || token.length > 200) return undefined;
  const [row] = await db
    .select({ email: invitations.email, status: invitations.status, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(eq(invitations.tokenHash, hashToken(token))));
  return row && invitationState(row) === "pending" ? row.email : undefined;
}
