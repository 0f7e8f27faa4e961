import type { AccountKind } from "@/db/schema";
import { permissions, type Permission } from "./permissions";
import type { Role } from "./roles";

export interface RoleHolder {
  role: Role;
  accountKind: AccountKind;
}

export function can(holder: RoleHolder, permission: Permission): boolean {
  const rule = permissions[permission];
  if ("organizationOnly" in rule && rule.organizationOnly && holder.accountKind !== "organization") return false;
  return (rule.roles as readonly Role[]).includes(holder.role);
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
