import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { recordAuditEntry } from "@/lib/audit";
import type { AccountContext } from "@/lib/authz/account-context";
import { assertCan } from "@/lib/authz/can";
import { removalRefusal } from "@/lib/authz/member-rules";
import { PublicError } from "@/lib/errors";
import { queueMail } from "@/lib/mail/outbox";
import { removedFromOrganizationMail } from "@/lib/mail/member-templates";
import type { RequestInfo } from "@/lib/request-info";
import { notAMember } from "./change-role";
import { currentRoles, lockOrganization, ownerCount } from "./organization-lock";
import { endPendingWork } from "./pending-work";

/**
 * Removes a member. Their very next request to the organization finds no membership: a 404. Their
 * pending invitations and ownership offers end with them; the removal mail is the last they get.
 */
export async function removeMember(ctx: AccountContext, targetUserId: string, request: RequestInfo) {
  assertCan(ctx, "members.remove");
  await db.transaction(async (tx) => {
    const account = await lockOrganization(tx, ctx.account.id);
    const roles = await currentRoles(tx, ctx.account.id, [ctx.user.id, targetUserId]);
    const actorRole = roles.get(ctx.user.id);
    const targetRole = roles.get(targetUserId);
    if (!actorRole) throw new PublicError("You are no longer a member of this organization.");
    assertCan({ role: actorRole, accountKind: ctx.accountKind }, "members.remove");
    if (!targetRole) throw new PublicError(notAMember);
    const refusal = removalRefusal({ userId: ctx.user.id, role: actorRole }, { userId: targetUserId, role: targetRole });
    if (refusal) throw new PublicError(refusal);
    if (targetRole === "owner" && (await ownerCount(tx, ctx.account.id)) <= 1) throw new PublicError("The organization needs at least one owner.");

    await tx.delete(memberships).where(and(eq(memberships.accountId, ctx.account.id), eq(memberships.userId, targetUserId)));
    await endPendingWork(tx, { accountId: ctx.account.id, userId: targetUserId, actor: ctx.user, reason: "member_removed", request });
    const [target] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, targetUserId));
    await recordAuditEntry(tx, {
      accountId: ctx.account.id,
      actor: ctx.user,
      action: "member.removed",
      targetType: "user",
      targetId: targetUserId,
      metadata: { email: target?.email, role: targetRole },
      request,
    });
    if (target) await queueMail(tx, removedFromOrganizationMail(target.email, target.name, account.name));
  });
}

/** Leaves an organization. The last owner cannot: they transfer ownership or delete it first. */
export async function leaveOrganization(ctx: AccountContext, request: RequestInfo) {
  assertCan(ctx, "members.leave");
  await db.transaction(async (tx) => {
    await lockOrganization(tx, ctx.account.id);
    const role = (await currentRoles(tx, ctx.account.id, [ctx.user.id])).get(ctx.user.id);
    if (!role) throw new PublicError("You are no longer a member of this organization.");
    if (role === "owner" && (await ownerCount(tx, ctx.account.id)) <= 1) {
      throw new PublicError("You are the last owner. Transfer ownership or delete the organization first.");
    }
    await tx.delete(memberships).where(and(eq(memberships.accountId, ctx.account.id), eq(memberships.userId, ctx.user.id)));
    await endPendingWork(tx, { accountId: ctx.account.id, userId: ctx.user.id, actor: ctx.user, reason: "member_left", request });
    await recordAuditEntry(tx, {
      accountId: ctx.account.id,
      actor: ctx.user,
      action: "member.left",
      targetType: "user",
      targetId: ctx.user.id,
      metadata: { role },
      request,
    });
  });
}
