import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { memberships } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import type { AccountContext } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/can";
import { actingMember } from "@/lib/authz/member-actor";
import { roleChangeRefusal } from "@/lib/authz/member-rules";
import type { Role } from "@/lib/authz/roles";
import { PublicError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/ids";
import { parseWire } from "@/lib/validation/wire";
import { changeRoleBody } from "./schemas";
import { currentRoles, lockOrganization } from "./organization-lock";
import { endPendingWork } from "./pending-work";

export const notAMember = "This person is not a member of this organization.";
export const noLongerAMember = "You are no longer a member of this organization.";

/**
 * Changes a member's role under the organization lock, with both roles read fresh inside it. Their
 * pending invitations for roles the new role cannot grant are revoked (see endPendingWork).
 */
export async function changeMemberRole(ctx: AccountContext, targetUserId: string, role: Role) {
  assertCan(ctx, "members.updateRole");
  const me = actingMember(ctx);
  const { role: newRole } = parseWire(changeRoleBody, { role });
  // Ids come from URLs and forms: anything not shaped like one is simply not a member.
  if (!isUuid(targetUserId)) throw new PublicError("member_not_found", notAMember);
  await db.transaction(async (tx) => {
    await lockOrganization(tx, ctx.account.id);
    const roles = await currentRoles(tx, ctx.account.id, [me.userId, targetUserId]);
    const actorRole = roles.get(me.userId);
    const targetRole = roles.get(targetUserId);
    if (!actorRole) throw new PublicError("no_longer_member", noLongerAMember);
    assertCan({ ...ctx, role: actorRole }, "members.updateRole");
    if (!targetRole) throw new PublicError("member_not_found", notAMember);
    const refusal = roleChangeRefusal({ userId: me.userId, role: actorRole }, { userId: targetUserId, role: targetRole }, newRole);
    if (refusal) throw new PublicError(refusal.code, refusal.message);
    if (targetRole === newRole) return;
    await tx
      .update(memberships)
      .set({ role: newRole })
      .where(and(eq(memberships.accountId, ctx.account.id), eq(memberships.userId, targetUserId)));
    await recordAuditEvent(tx, ctx, { action: "member.role_changed", targetType: "user", targetId: targetUserId, metadata: { from: targetRole, to: newRole } });
    // A lowered role takes back the invitations it could no longer send (and an ex-owner's offer).
    await endPendingWork(tx, ctx, { accountId: ctx.account.id, userId: targetUserId, reason: "role_changed", newRole });
  });
}
