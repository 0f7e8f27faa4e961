import { z } from "zod";

/**
 * The console's own top-level routes (`app/…`, route groups looked through). An organization with one
 * of these slugs would be shadowed by the route, so none may take it; `slugs.test.ts` reads the app
 * directory and fails when a route is added without being listed here.
 */
export const topLevelRoutes = ["api", "check-email", "dev", "docs", "forgot-password", "invite", "new", "reset-password", "sign-in", "sign-up", "verify-email"] as const;

/** Words a platform may need later, and paths browsers and crawlers ask for. */
const futureWords = [
  "about", "account", "accounts", "admin", "app", "assets", "auth", "billing", "blog", "dashboard",
  "favicon-ico", "help", "home", "invitations", "invites", "login", "logout", "me", "next",
  "null", "organization", "organizations", "orgs", "personal", "pricing", "public", "register",
  "robots-txt", "root", "security", "settings", "sign-out", "signin", "signout", "signup", "static",
  "status", "support", "system", "terms", "undefined", "user", "users", "www",
];

export const reservedSlugs: ReadonlySet<string> = new Set<string>([...topLevelRoutes, ...futureWords]);
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
