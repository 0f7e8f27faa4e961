import type { Role } from "./roles";

interface PermissionRule {
  label: string;
  roles: readonly Role[];
  /** A read-only API key may use only `read` permissions. */
  access: "read" | "write";
  /** Organization-only permissions never apply to a personal space. */
  organizationOnly?: boolean;
}

/** The single source of who may do what. The members screen renders it as the role matrix. */
export const permissions = {
  "account.view": { label: "See the account and its overview", access: "read", roles: ["owner", "admin", "billing", "developer", "member"] },
  "account.update": { label: "Edit name, URL, description, logo", access: "write", roles: ["owner", "admin"] },
  "account.delete": { label: "Delete the organization", access: "write", roles: ["owner"], organizationOnly: true },
  "members.view": { label: "See members", access: "read", roles: ["owner", "admin", "billing", "developer", "member"], organizationOnly: true },
  "members.invite": { label: "Invite members", access: "write", roles: ["owner", "admin"], organizationOnly: true },
  "members.updateRole": { label: "Change members' roles", access: "write", roles: ["owner", "admin"], organizationOnly: true },
  "members.remove": { label: "Remove members", access: "write", roles: ["owner", "admin"], organizationOnly: true },
  "members.leave": { label: "Leave the organization", access: "write", roles: ["owner", "admin", "billing", "developer", "member"], organizationOnly: true },
  "ownership.transfer": { label: "Transfer ownership", access: "write", roles: ["owner"], organizationOnly: true },
  "audit.view": { label: "Read and export the audit log", access: "read", roles: ["owner", "admin"] },
  "billing.view": { label: "See billing, credits and invoices", access: "read", roles: ["owner", "admin", "billing"] },
  "billing.manage": { label: "Manage billing profile, payment methods, top-ups, coupons", access: "write", roles: ["owner", "admin", "billing"] },
  "consumption.view": { label: "See consumption", access: "read", roles: ["owner", "admin", "billing", "developer"] },
  "apiKeys.manageOwn": { label: "Create and revoke their own API keys", access: "write", roles: ["owner", "admin", "developer"] },
  "notifications.manageOwn": { label: "Choose their own email notifications", access: "write", roles: ["owner", "admin", "billing", "developer", "member"] },
  "apiKeys.manageAll": { label: "See and revoke every member's API keys", access: "write", roles: ["owner", "admin"], organizationOnly: true },
  "usage.report": { label: "Report usage (the platform, through a platform key with usage:write)", access: "write", roles: [] },
  "webhooks.manage": { label: "Manage organization webhooks", access: "write", roles: ["owner", "admin"], organizationOnly: true },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof permissions;

export const permissionNames = Object.keys(permissions) as Permission[];
