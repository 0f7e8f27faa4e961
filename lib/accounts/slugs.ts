import { z } from "zod";

/** Top-level paths of the console and words a platform may need later; no account may take them. */
export const reservedSlugs = new Set([
  "about", "account", "accounts", "admin", "api", "app", "assets", "auth", "billing", "blog", "dashboard",
  "dev", "docs", "favicon-ico", "forgot-password", "help", "home", "invitations", "invite", "invites",
  "login", "logout", "me", "new", "next", "null", "organization", "organizations", "orgs", "personal",
  "pricing", "public", "register", "reset-password", "robots-txt", "root", "security", "settings",
  "sign-in", "sign-out", "sign-up", "signin", "signout", "signup", "static", "status", "support",
  "system", "terms", "undefined", "user", "users", "verify-email", "www",
]);

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "Use at least 2 characters.")
  .max(48, "Use at most 48 characters.")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Use lowercase letters, digits and single hyphens, not at the start or end.")
  .refine((slug) => !slug.includes("--"), "Hyphens cannot follow each other.")
  .refine((slug) => !reservedSlugs.has(slug), "This URL is reserved. Choose another.");

/** "Acme Corp. (EU)" → "acme-corp-eu". May return "" for names with no usable characters. */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
}
