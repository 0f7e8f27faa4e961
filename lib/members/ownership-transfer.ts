import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { memberships, ownershipTransfers, users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import { assertReauthenticated } from "@/lib/auth/reauthentication";
import type { AccountContext } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/can";
import { actingMember } from "@/lib/authz/member-actor";
import { isUniqueViolation, PublicError } from "@/lib/errors";
import { queueMail } from "@/lib/mail/outbox";
import { ownershipOfferedMail } from "@/lib/mail/member-templates";
import { isUuid } from "@/lib/validation/ids";
import { notAMember } from "./change-role";
import { currentRoles, lockOrganization } from "./organization-lock";
import { endPendingWork } from "./pending-work";

export async function pendingTransfer(ctx: AccountContext) {
  assertCan(ctx, "members.view");
  const [row] = await db
    .select({ id: ownershipTransfers.id, fromUserId: ownershipTransfers.fromUserId, toUserId: ownershipTransfers.toUserId, createdAt: ownershipTransfers.createdAt, fromName: users.name })
    .from(ownershipTransfers)
    .innerJoin(users, eq(users.id, ownershipTransfers.fromUserId))
    .where(and(eq(ownershipTransfers.accountId, ctx.account.id), eq(ownershipTransfers.status, "pending")));
  if (!row) return null;
  const [to] = await db.select({ name: users.name }).from(users).where(eq(users.id, row.toUserId));
  return { ...row, toName: to?.name ?? "" };
}

/**
 * An owner offers ownership to another member, who must accept it. Handing over the organization
 * cannot be taken back by the sender once accepted, so it needs the password (or a sign-in within
 * the last few minutes), not just a cookie.
 */
export async function offerOwnership(ctx: AccountContext, toUserId: string, password: string | undefined) {
  assertCan(ctx, "ownership.transfer");
  const me = actingMember(ctx);
  if (!isUuid(toUserId)) throw new PublicError("member_not_found", notAMember);
  await assertReauthenticated(me, password);
  try {
    await db.transaction(async (tx) => {
      const account = await lockOrganization(tx, ctx.account.id);
      const roles = await currentRoles(tx, ctx.account.id, [me.userId, toUserId]);
      if (roles.get(me.userId) !== "owner") throw new PublicError("not_owner", "Only owners can transfer ownership.");
      if (toUserId === me.userId) throw new PublicError("already_owner", "You are already an owner.");
      const targetRole = roles.get(toUserId);
      if (!targetRole) throw new PublicError("member_not_found", notAMember);
      if (targetRole === "owner") throw new PublicError("already_owner", "This member is already an owner.");
      const [offer] = await tx.insert(ownershipTransfers).values({ accountId: ctx.account.id, fromUserId: me.userId, toUserId }).returning();
      const [recipient] = await tx.select({ email: users.email }).from(users).where(eq(users.id, toUserId));
      await recordAuditEvent(tx, ctx, { action: "ownership.offered", targetType: "user", targetId: toUserId, metadata: { transferId: offer!.id } });
      await queueMail(tx, ownershipOfferedMail(recipient!.email, account.name, me.name ?? me.email, account.slug));
    });
  } catch (error) {
    if (isUniqueViolation(error, "ownership_transfers_open_key")) throw new PublicError("transfer_pending", "A transfer is already pending. Cancel it first.");
    throw error;
  }
}

async function closeTransfer(ctx: AccountContext, transferId: string, outcome: "accepted" | "declined" | "cancelled") {
  const me = actingMember(ctx);
  if (!isUuid(transferId)) throw new PublicError("transfer_not_pending", "This transfer is no longer pending.");
  await db.transaction(async (tx) => {
    await lockOrganization(tx, ctx.account.id);
    const [offer] = await tx
      .select()
      .from(ownershipTransfers)
      .where(and(eq(ownershipTransfers.id, transferId), eq(ownershipTransfers.accountId, ctx.account.id), eq(ownershipTransfers.status, "pending")))
      .for("update");
    if (!offer) throw new PublicError("transfer_not_pending", "This transfer is no longer pending.");
    const roles = await currentRoles(tx, ctx.account.id, [offer.fromUserId, offer.toUserId, me.userId]);

    if (outcome === "cancelled") {
      if (roles.get(me.userId) !== "owner") throw new PublicError("not_owner", "Only owners can cancel a transfer.");
    } else if (me.userId !== offer.toUserId) {
      throw new PublicError("not_transfer_recipient", "Only the member it was offered to can answer this transfer.");
    }

    if (outcome === "accepted") {
      const fromRole = roles.get(offer.fromUserId);
      const toRole = roles.get(offer.toUserId);
      if (fromRole !== "owner" || !toRole) {
        await tx.update(ownershipTransfers).set({ status: "cancelled", respondedAt: new Date() }).where(eq(ownershipTransfers.id, offer.id));
        throw new PublicError("transfer_lapsed", "This offer no longer stands: its sender is not an owner any more.");
      }
      // The roles swap: the recipient becomes owner, the sender takes the recipient's former role.
      await tx.update(memberships).set({ role: "owner" }).where(and(eq(memberships.accountId, ctx.account.id), eq(memberships.userId, offer.toUserId)));
      await tx.update(memberships).set({ role: toRole }).where(and(eq(memberships.accountId, ctx.account.id), eq(memberships.userId, offer.fromUserId)));
    }
    await tx.update(ownershipTransfers).set({ status: outcome, respondedAt: new Date() }).where(eq(ownershipTransfers.id, offer.id));
    await recordAuditEvent(tx, ctx, { action: `ownership.${outcome}`, targetType: "ownership_transfer", targetId: offer.id, metadata: { from: offer.fromUserId, to: offer.toUserId } });
    // The former owner now holds the recipient's old role: invitations it cannot grant are revoked.
    const senderRole = roles.get(offer.toUserId);
    if (outcome === "accepted" && senderRole) {
      await endPendingWork(tx, ctx, { accountId: ctx.account.id, userId: offer.fromUserId, reason: "role_changed", newRole: senderRole });
    }
  });
}

/** Only the member it was offered to answers, whatever their role (never the platform, a job or a read-only key: see actingMember). */
export const acceptOwnership = (ctx: AccountContext, transferId: string) => closeTransfer(ctx, transferId, "accepted");
export const declineOwnership = (ctx: AccountContext, transferId: string) => closeTransfer(ctx, transferId, "declined");
export const cancelOwnershipTransfer = (ctx: AccountContext, transferId: string) => {
  assertCan(ctx, "ownership.transfer");
  return closeTransfer(ctx, transferId, "cancelled");
};
