import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import type { AccountContext } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/can";
import { actingMember } from "@/lib/authz/member-actor";
import { removalRefusal } from "@/lib/authz/member-rules";
import { PublicError } from "@/lib/errors";
import { queueMail } from "@/lib/mail/outbox";
import { removedFromOrganizationMail } from "@/lib/mail/member-templates";
import { isUuid } from "@/lib/validation/ids";
import { noLongerAMember, notAMember } from "./change-role";
import { currentRoles, lockOrganization, ownerCount } from "./organization-lock";
import { endPendingWork } from "./pending-work";

/**
 * Removes a member. Their very next request to the organization finds no membership: a 404. Their
 * pending invitations and ownership offers end with them; the removal mail is the last they get.
 */
export async function removeMember(ctx: AccountContext, targetUserId: string) {
  assertCan(ctx, "members.remove");
  const me = actingMember(ctx);
  if (!isUuid(targetUserId)) throw new PublicError("member_not_found", notAMember);
  await db.transaction(async (tx) => {
    const account = await lockOrganization(tx, ctx.account.id);
    const roles = await currentRoles(tx, ctx.account.id, [me.userId, targetUserId]);
    const actorRole = roles.get(me.userId);
    const targetRole = roles.get(targetUserId);
    if (!actorRole) throw new PublicError("no_longer_member", noLongerAMember);
    assertCan({ ...ctx, role: actorRole }, "members.remove");
    if (!targetRole) throw new PublicError("member_not_found", notAMember);
    const refusal = removalRefusal({ userId: me.userId, role: actorRole }, { userId: targetUserId, role: targetRole });
    if (refusal) throw new PublicError(refusal.code, refusal.message);
    if (targetRole === "owner" && (await ownerCount(tx, ctx.account.id)) <= 1) throw new PublicError("last_owner", "The organization needs at least one owner.");

    await tx.delete(memberships).where(and(eq(memberships.accountId, ctx.account.id), eq(memberships.userId, targetUserId)));
    await endPendingWork(tx, ctx, { accountId: ctx.account.id, userId: targetUserId, reason: "member_removed" });
    const [target] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, targetUserId));
    await recordAuditEvent(tx, ctx, { action: "member.removed", targetType: "user", targetId: targetUserId, metadata: { email: target?.email, role: targetRole } });
    if (target) await queueMail(tx, removedFromOrganizationMail(target.email, target.name, account.name));
  });
}

/** Leaves an organization. The last owner cannot: they transfer ownership or delete it first. */
export async function leaveOrganization(ctx: AccountContext) {
  assertCan(ctx, "members.leave");
  const me = actingMember(ctx);
  await db.transaction(async (tx) => {
    await lockOrganization(tx, ctx.account.id);
    const role = (await currentRoles(tx, ctx.account.id, [me.userId])).get(me.userId);
    if (!role) throw new PublicError("no_longer_member", noLongerAMember);
    if (role === "owner" && (await ownerCount(tx, ctx.account.id)) <= 1) {
      throw new PublicError("last_owner", "You are the last owner. Transfer ownership or delete the organization first.");
    }
    await tx.delete(memberships).where(and(eq(memberships.accountId, ctx.account.id), eq(memberships.userId, me.userId)));
    await endPendingWork(tx, ctx, { accountId: ctx.account.id, userId: me.userId, reason: "member_left" });
    await recordAuditEvent(tx, ctx, { action: "member.left", targetType: "user", targetId: me.userId, metadata: { role } });
  });
}
