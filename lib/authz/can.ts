import type { AccountKind } from "@/db/schema";
import type { Actor } from "./actor";
import { permissions, type Permission } from "./permissions";
import type { Role } from "./roles";
import { scopesGrant } from "./scopes";

/** What `can` reads from a context: the member's current role, the account's kind and, when known, who acts and how. */
export interface RoleHolder {
  role: Role | null;
  accountKind: AccountKind;
  actor?: Actor;
}

/**
 * The one answer to "may this caller do this here": a member by their current role (a read-only API
 * key only for `read` permissions), the platform by its key's scopes, the system (a job) always.
 * Organization-only permissions never apply to a personal space, whoever asks.
 */
export function can(holder: RoleHolder, permission: Permission): boolean {
  const rule = permissions[permission];
  if ("organizationOnly" in rule && rule.organizationOnly && holder.accountKind !== "organization") return false;
  const actor = holder.actor;
  if (actor?.kind === "system") return true;
  if (actor?.kind === "platform") return scopesGrant(actor.scopes, permission);
  if (actor?.apiKey?.readOnly && rule.access !== "read") return false;
  return holder.role !== null && (rule.roles as readonly Role[]).includes(holder.role);
}

export class ForbiddenError extends Error {
  constructor(readonly permission: Permission) {
    super(`Not allowed: ${permission}`);
    this.name = "ForbiddenError";
  }
}

export function assertCan(holder: RoleHolder, permission: Permission): void {
  if (!can(holder, permission)) throw new ForbiddenError(permission);
}
