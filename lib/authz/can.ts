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

/** Why a refusal happened, as the API tells it: a platform key lacking a scope, a read-only key asked to write, or any other "no". */
export type ForbiddenCode = "forbidden" | "insufficient_scope" | "read_only_key";

export class ForbiddenError extends Error {
  constructor(
    /** The permission refused; null when the action needs a person (a member) and the caller is the platform or a job. */
    readonly permission: Permission | null,
    readonly code: ForbiddenCode = "forbidden",
  ) {
    super(permission ? `Not allowed: ${permission}` : `Not allowed: ${code === "forbidden" ? "only a member may do this" : code}`);
    this.name = "ForbiddenError";
  }
}

function refusalCode(holder: RoleHolder, permission: Permission): ForbiddenCode {
  const rule = permissions[permission];
  const organizationOnly = "organizationOnly" in rule && rule.organizationOnly && holder.accountKind !== "organization";
  if (organizationOnly) return "forbidden";
  const actor = holder.actor;
  if (actor?.kind === "platform") return "insufficient_scope";
  // A read-only key whose owner's role would allow the write: the key, not the role, is the reason.
  if (actor?.kind === "member" && actor.apiKey?.readOnly && rule.access !== "read" && holder.role !== null && (rule.roles as readonly Role[]).includes(holder.role)) return "read_only_key";
  return "forbidden";
}

export function assertCan(holder: RoleHolder, permission: Permission): void {
  if (!can(holder, permission)) throw new ForbiddenError(permission, refusalCode(holder, permission));
}
