import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { memberships, ownershipTransfers, users } from "@/db/schema";
import { recordAuditEntry } from "@/lib/audit";
import type { AccountContext } from "@/lib/authz/account-context";
import { assertReauthenticated } from "@/lib/auth/reauthentication";
import { assertCan } from "@/lib/authz/can";
import { isUniqueViolation, PublicError } from "@/lib/errors";
import { queueMail } from "@/lib/mail/outbox";
import { ownershipOfferedMail } from "@/lib/mail/member-templates";
import type { RequestInfo } from "@/lib/request-info";
import { notAMember } from "./change-role";
import { currentRoles, lockOrganization } from "./organization-lock";
import { endPendingWork } from "./pending-work";

export async function pendingTransfer(ctx: AccountContext) {
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
export async function offerOwnership(ctx: AccountContext, toUserId: string, password: string | undefined, request: RequestInfo) {
  assertCan(ctx, "ownership.transfer");
  await assertReauthenticated(ctx.user, password);
  try {
    await db.transaction(async (tx) => {
      const account = await lockOrganization(tx, ctx.account.id);
      const roles = await currentRoles(tx, ctx.account.id, [ctx.user.id, toUserId]);
      if (roles.get(ctx.user.id) !== "owner") throw new PublicError("Only owners can transfer ownership.");
      if (toUserId === ctx.user.id) throw new PublicError("You are already an owner.");
      const targetRole = roles.get(toUserId);
      if (!targetRole) throw new PublicError(notAMember);
      if (targetRole === "owner") throw new PublicError("This member is already an owner.");
      const [offer] = await tx.insert(ownershipTransfers).values({ accountId: ctx.account.id, fromUserId: ctx.user.id, toUserId }).returning();
      const [recipient] = await tx.select({ email: users.email }).from(users).where(eq(users.id, toUserId));
      await recordAuditEntry(tx, { accountId: ctx.account.id, actor: ctx.user, action: "ownership.offered", targetType: "user", targetId: toUserId, metadata: { transferId: offer!.id }, request });
      await queueMail(tx, ownershipOfferedMail(recipient!.email, account.name, ctx.user.name, account.slug));
    });
  } catch (error) {
    if (isUniqueViolation(error, "ownership_transfers_open_key")) throw new PublicError("A transfer is already pending. Cancel it first.");
    throw error;
  }
}

async function closeTransfer(ctx: AccountContext, transferId: string, outcome: "accepted" | "declined" | "cancelled", request: RequestInfo) {
  await db.transaction(async (tx) => {
    await lockOrganization(tx, ctx.account.id);
    const [offer] = await tx
      .select()
      .from(ownershipTransfers)
      .where(and(eq(ownershipTransfers.id, transferId), eq(ownershipTransfers.accountId, ctx.account.id), eq(ownershipTransfers.status, "pending")))
      .for("update");
    if (!offer) throw new PublicError("This transfer is no longer pending.");
    const roles = await currentRoles(tx, ctx.account.id, [offer.fromUserId, offer.toUserId, ctx.user.id]);

    if (outcome === "cancelled") {
      if (roles.get(ctx.user.id) !== "owner") throw new PublicError("Only owners can cancel a transfer.");
    } else if (ctx.user.id !== offer.toUserId) {
      throw new PublicError("Only the member it was offered to can answer this transfer.");
    }

    if (outcome === "accepted") {
      const fromRole = roles.get(offer.fromUserId);
      const toRole = roles.get(offer.toUserId);
      if (fromRole !== "owner" || !toRole) {
        await tx.update(ownershipTransfers).set({ status: "cancelled", respondedAt: new Date() }).where(eq(ownershipTransfers.id, offer.id));
        throw new PublicError("This offer no longer stands: its sender is not an owner any more.");
      }
      // The roles swap: the recipient becomes owner, the sender takes the recipient's former role.
      await tx.update(memberships).set({ role: "owner" }).where(and(eq(memberships.accountId, ctx.account.id), eq(memberships.userId, offer.toUserId)));
      await tx.update(memberships).set({ role: toRole }).where(and(eq(memberships.accountId, ctx.account.id), eq(memberships.userId, offer.fromUserId)));
    }
    await tx.update(ownershipTransfers).set({ status: outcome, respondedAt: new Date() }).where(eq(ownershipTransfers.id, offer.id));
    await recordAuditEntry(tx, {
      accountId: ctx.account.id,
      actor: ctx.user,
      action: `ownership.${outcome}`,
      targetType: "ownership_transfer",
      targetId: offer.id,
      metadata: { from: offer.fromUserId, to: offer.toUserId },
      request,
    });
    // The former owner now holds the recipient's old role: invitations it cannot grant are revoked.
    const senderRole = roles.get(offer.toUserId);
    if (outcome === "accepted" && senderRole) {
      await endPendingWork(tx, { accountId: ctx.account.id, userId: offer.fromUserId, actor: ctx.user, reason: "role_changed", newRole: senderRole, request });
    }
  });
}

export const acceptOwnership = (ctx: AccountContext, transferId: string, request: RequestInfo) => closeTransfer(ctx, transferId, "accepted", request);
export const declineOwnership = (ctx: AccountContext, transferId: string, request: RequestInfo) => closeTransfer(ctx, transferId, "declined", request);
export const cancelOwnershipTransfer = (ctx: AccountContext, transferId: string, request: RequestInfo) => {
  assertCan(ctx, "ownership.transfer");
  return closeTransfer(ctx, transferId, "cancelled", request);
};
