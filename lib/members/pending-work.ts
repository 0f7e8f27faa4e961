import "server-only";
import { and, eq, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { invitations, ownershipTransfers } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import type { ActorContext } from "@/lib/authz/actor";
import { rolesGrantableByInvitation } from "@/lib/authz/member-rules";
import type { Role } from "@/lib/authz/roles";

export type PendingWorkReason = "member_removed" | "member_left" | "role_changed" | "user_deleted";

interface EndPendingWork {
  accountId: string;
  /** The member whose invitations and ownership offers are at stake. */
  userId: string;
  reason: PendingWorkReason;
  /** For a role change: the role they keep. Without it, the member is gone. */
  newRole?: Role;
}

/**
 * What a member set in motion stands only as long as they could still do it now. Called in the
 * transaction (under the organization lock) that removes them, lets them leave or lowers their role:
 * - their pending invitations are revoked, all of them when they leave, or those for a role their new
 *   role cannot grant (an admin made developer can invite nobody, so all of them);
 * - ownership offers they made are cancelled when they leave or stop being an owner, and offers made
 *   to them when they leave.
 * Each revocation is an audit event, by whoever `ctx` says acted. Acceptance re-checks the inviter too
 * (lib/invitations/respond.ts).
 */
export async function endPendingWork(tx: Transaction, ctx: ActorContext, work: EndPendingWork) {
  const { accountId, userId, reason, newRole } = work;
  const stillGrantable = newRole ? rolesGrantableByInvitation(newRole) : [];
  const invitationWhere: SQL[] = [eq(invitations.accountId, accountId), eq(invitations.invitedById, userId), eq(invitations.status, "pending")];
  if (stillGrantable.length > 0) invitationWhere.push(notInArray(invitations.role, stillGrantable));
  const revoked = await tx
    .update(invitations)
    .set({ status: "revoked", respondedAt: sql`now()` })
    .where(and(...invitationWhere))
    .returning({ id: invitations.id, email: invitations.email, role: invitations.role });
  const audit = (action: string, targetType: string, targetId: string, metadata: Record<string, unknown>) =>
    recordAuditEvent(tx, ctx, { accountId, action, targetType, targetId, metadata: { ...metadata, reason } });
  for (const invitation of revoked) {
    await audit("invitation.revoked", "invitation", invitation.id, { email: invitation.email, role: invitation.role, inviter: userId });
  }

  const transferWhere = !newRole
    ? or(eq(ownershipTransfers.fromUserId, userId), eq(ownershipTransfers.toUserId, userId))
    : newRole !== "owner"
      ? eq(ownershipTransfers.fromUserId, userId)
      : undefined;
  if (!transferWhere) return;
  const cancelled = await tx
    .update(ownershipTransfers)
    .set({ status: "cancelled", respondedAt: new Date() })
    .where(and(eq(ownershipTransfers.accountId, accountId), eq(ownershipTransfers.status, "pending"), transferWhere))
    .returning({ id: ownershipTransfers.id, fromUserId: ownershipTransfers.fromUserId, toUserId: ownershipTransfers.toUserId });
  for (const offer of cancelled) {
    await audit("ownership.cancelled", "ownership_transfer", offer.id, { from: offer.fromUserId, to: offer.toUserId });
  }
}
