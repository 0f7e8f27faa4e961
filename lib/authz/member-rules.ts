import type { ErrorCode } from "@/lib/error-codes";
import { can } from "./can";
import { canGrantRole, type Role } from "./roles";

interface Party {
  userId: string;
  role: Role;
}

/** Why a rule refuses: the machine code and the sentence for the person. */
export interface Refusal {
  code: ErrorCode;
  message: string;
}

const refusal = (code: ErrorCode, message: string): Refusal => ({ code, message });

/**
 * The rules of who may change whose role, whatever the screen or API: nobody changes their own role,
 * nobody grants a role above their own, only owners touch owners. Returns why not, or null.
 */
export function roleChangeRefusal(actor: Party, target: Party, newRole: Role): Refusal | null {
  if (actor.userId === target.userId) return refusal("own_role", "You cannot change your own role.");
  if ((target.role === "owner" || newRole === "owner") && actor.role !== "owner") return refusal("owner_only", "Only owners can make or unmake owners.");
  if (!canGrantRole(actor.role, target.role)) return refusal("member_above_you", "You cannot change the role of someone above you.");
  if (!canGrantRole(actor.role, newRole)) return refusal("role_not_grantable", "You cannot grant a role above your own.");
  return null;
}

/** Admins remove non-owners; only owners remove owners; nobody removes themselves (they leave). */
export function removalRefusal(actor: Party, target: Party): Refusal | null {
  if (actor.userId === target.userId) return refusal("remove_self", "To remove yourself, leave the organization.");
  if (target.role === "owner" && actor.role !== "owner") return refusal("owner_only", "Only owners can remove an owner.");
  if (!canGrantRole(actor.role, target.role)) return refusal("member_above_you", "You cannot remove someone above you.");
  return null;
}

/** Roles an inviter may hand out: up to their own, never owner (ownership is transferred, not invited). */
export function invitableRoles(inviter: Role): Role[] {
  return (["admin", "billing", "developer", "member"] as const).filter((role) => canGrantRole(inviter, role));
}

/**
 * What an invitation from someone holding this role may grant: nothing without the right to invite,
 * else `invitableRoles`. Pending invitations are held to it when their sender's role changes and
 * again when they are accepted.
 */
export function rolesGrantableByInvitation(inviter: Role): Role[] {
  return can({ role: inviter, accountKind: "organization" }, "members.invite") ? invitableRoles(inviter) : [];
}
