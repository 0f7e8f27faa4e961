import type { Role } from "./roles";

interface PermissionRule {
  label: string;
  roles: readonly Role[];
  /** Organization-only permissions never apply to a personal space. */
  organizationOnly?: boolean;
}

/** The single source of who may do what. The members screen renders it as the role matrix. */
export const permissions = {
  "account.view": { label: "See the account and its overview", roles: ["owner", "admin", "billing", "developer", "member"] },
  "account.update": { label: "Edit name, URL, description, logo", roles: ["owner", "admin"] },
  "account.delete": { label: "Delete the organization", roles: ["owner"], organizationOnly: true },
  "members.view": { label: "See members", roles: ["owner", "admin", "billing", "developer", "member"], organizationOnly: true },
  "members.invite": { label: "Invite members", roles: ["owner", "admin"], organizationOnly: true },
  "members.updateRole": { label: "Change members' roles", roles: ["owner", "admin"], organizationOnly: true },
  "members.remove": { label: "Remove members", roles: ["owner", "admin"], organizationOnly: true },
  "members.leave": { label: "Leave the organization", roles: ["owner", "admin", "billing", "developer", "member"], organizationOnly: true },
  "ownership.transfer": { label: "Transfer ownership", roles: ["owner"], organizationOnly: true },
  "audit.view": { label: "Read and export the audit log", roles: ["owner", "admin"] },
  "billing.view": { label: "See billing, credits and invoices", roles: ["owner", "admin", "billing"] },
  "billing.manage": { label: "Manage billing profile, payment methods, top-ups, coupons", roles: ["owner", "admin", "billing"] },
  "consumption.view": { label: "See consumption", roles: ["owner", "admin", "billing", "developer"] },
  "apiKeys.manageOwn": { label: "Create and revoke their own API keys", roles: ["owner", "admin", "developer"] },
  "notifications.manageOwn": { label: "Choose their own email notifications", roles: ["owner", "admin", "billing", "developer", "member"] },
  "webhooks.manage": { label: "Manage organization webhooks", roles: ["owner", "admin"], organizationOnly: true },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof permissions;

export const permissionNames = Object.keys(permissions) as Permission[];
