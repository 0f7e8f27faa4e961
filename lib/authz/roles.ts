export const roles = ["owner", "admin", "billing", "developer", "member"] as const;
export type Role = (typeof roles)[number];

/** Higher ranks include more rights; used for "nobody grants a role above their own". */
export const roleRank: Record<Role, number> = { owner: 4, admin: 3, billing: 2, developer: 2, member: 1 };

export const roleLabels: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  billing: "Billing",
  developer: "Developer",
  member: "Member",
};

export const roleDescriptions: Record<Role, string> = {
  owner: "Everything, including deleting the organization and making or unmaking owners.",
  admin: "Members and invitations up to admin, settings, notifications, webhooks, audit log and billing.",
  billing: "Billing profile, payment methods, credits, coupons, invoices and consumption.",
  developer: "Consumption and their own API keys, plus everything a member can do.",
  member: "Sees the organization and its members, manages their own notifications, can leave.",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (roles as readonly string[]).includes(value);
}

/** Billing and developer are peers: neither may grant the other. */
export function canGrantRole(granter: Role, target: Role): boolean {
  if (granter === "owner") return true;
  if (target === "owner") return false;
  return granter === target || roleRank[granter] > roleRank[target];
}
