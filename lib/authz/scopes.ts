import type { Permission } from "./permissions";

/**
 * What a platform key may do, a permission set of its own: the platform is not a member and has no
 * role. Each scope grants the listed permissions in every account.
 */
export const scopes = {
  "accounts:read": { label: "Read every account's status, balance, month-to-date estimate and invoices", grants: ["account.view", "billing.view"] },
  "members:read": { label: "List every account's members and invitations", grants: ["members.view"] },
  "usage:read": { label: "Read every account's usage aggregates", grants: ["consumption.view"] },
  "usage:write": { label: "Report usage for any account", grants: ["usage.report"] },
  "audit:read": { label: "Read every account's audit log", grants: ["audit.view"] },
} as const satisfies Record<string, { label: string; grants: readonly Permission[] }>;

export type Scope = keyof typeof scopes;
export const scopeNames = Object.keys(scopes) as Scope[];

export function isScope(value: unknown): value is Scope {
  return typeof value === "string" && Object.hasOwn(scopes, value);
}

export function scopesGrant(held: readonly Scope[], permission: Permission): boolean {
  return held.some((scope) => (scopes[scope].grants as readonly Permission[]).includes(permission));
}
