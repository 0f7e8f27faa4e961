import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { memberships } from "@/db/schema";
import { recordAuditEntry } from "@/lib/audit";
import type { AccountContext } from "@/lib/authz/account-context";
import { assertCan } from "@/lib/authz/can";
import { roleChangeRefusal } from "@/lib/authz/member-rules";
import type { Role } from "@/lib/authz/roles";
import { PublicError } from "@/lib/errors";
import type { RequestInfo } from "@/lib/request-info";
import { currentRoles, lockOrganization } from "./organization-lock";
import { endPendingWork } from "./pending-work";

export const notAMember = "This person is not a member of this organization.";

/**
 * Changes a member's role under the organization lock, with both roles read fresh inside it. Their
 * pending invitations for roles the new role cannot grant are revoked (see endPendingWork).
 */
export async function changeMemberRole(ctx: AccountContext, targetUserId: string, newRole: Role, request: RequestInfo) {
  assertCan(ctx, "members.updateRole");
  await db.transaction(async (tx) => {
    await lockOrganization(tx, ctx.account.id);
    const roles = await currentRoles(tx, ctx.account.id, [ctx.user.id, targetUserId]);
    const actorRole = roles.get(ctx.user.id);
    const targetRole = roles.get(targetUserId);
    if (!actorRole) throw new PublicError("You are no longer a member of this organization.");
    assertCan({ role: actorRole, accountKind: ctx.accountKind }, "members.updateRole");
    if (!targetRole) throw new PublicError(notAMember);
    const refusal = roleChangeRefusal({ userId: ctx.user.id, role: actorRole }, { userId: targetUserId, role: targetRole }, newRole);
    if (refusal) throw new PublicError(refusal);
    if (targetRole === newRole) return;
    await tx
      .update(memberships)
      .set({ role: newRole })
      .where(and(eq(memberships.accountId, ctx.account.id), eq(memberships.userId, targetUserId)));
    await recordAuditEntry(tx, {
      accountId: ctx.account.id,
      actor: ctx.user,
      action: "member.role_changed",
      targetType: "user",
      targetId: targetUserId,
      metadata: { from: targetRole, to: newRole },
      request,
    });
    // A lowered role takes back the invitations it could no longer send (and an ex-owner's offer).
    await endPendingWork(tx, { accountId: ctx.account.id, userId: targetUserId, actor: ctx.user, reason: "role_changed", newRole, request });
  });
}
