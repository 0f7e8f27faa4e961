import { randomUUID } from "node:crypto";
import { test as base, expect, type BrowserContext } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { drizzle } from "drizzle-orm/node-postgres";
import { Pool } from "pg";
import * as schema from "../../db/schema";
import { hashPassword } from "../../lib/passwords";
import type { Role } from "../../lib/authz/roles";

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 3 });
export const testDb = drizzle(pool, { schema, casing: "snake_case" });

export interface TestUser {
  id: string;
  name: string;
  email: string;
  password: string;
  personalSlug: string;
}

const suffix = () => randomUUID().slice(0, 8);

/** A verified user with a personal space, created directly in the database. */
export async function createTestUser(name = "Test Person"): Promise<TestUser> {
  const id = suffix();
  const email = `e2e-${id}@example.test`;
  const password = `password-${id}`;
  const passwordHash = await hashPassword(password);
  return testDb.transaction(async (tx) => {
    const [user] = await tx.insert(schema.users).values({ name, email, passwordHash, emailVerified: new Date() }).returning();
    const [space] = await tx
      .insert(schema.accounts)
      .values({ kind: "personal", name, slug: `person-${id}`, status: "active", personalOwnerId: user!.id, createdById: user!.id })
      .returning();
    await tx.insert(schema.memberships).values({ accountId: space!.id, userId: user!.id, role: "owner" });
    return { id: user!.id, name, email, password, personalSlug: space!.slug };
  });
}

export async function createTestOrganization(members: [TestUser, Role][], status: "active" | "suspended" = "active") {
  const slug = `org-${suffix()}`;
  const [account] = await testDb.insert(schema.accounts).values({ kind: "organization", name: `Org ${slug}`, slug, status }).returning();
  await testDb.insert(schema.memberships).values(members.map(([user, role]) => ({ accountId: account!.id, userId: user.id, role })));
  return account!;
}

/** Signs in without the UI: a session row plus the cookie Auth.js would have set. */
export async function signInAs(context: BrowserContext, user: TestUser) {
  const [session] = await testDb
    .insert(schema.userSessions)
    .values({ userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) })
    .returning();
  const value = await encode({
    token: { sub: user.id, sid: session!.id },
    secret: process.env.AUTH_SECRET!,
    salt: "authjs.session-token",
    maxAge: 86_400,
  });
  await context.clearCookies();
  await context.addCookies([{ name: "authjs.session-token", value, domain: "localhost", path: "/", httpOnly: true, sameSite: "Lax" }]);
}

/**
 * Reports every Content-Security-Policy violation in a context's pages: the browser's
 * `securitypolicyviolation` events and its console messages about the policy.
 */
async function watchContentSecurityPolicy(context: BrowserContext, violations: string[]) {
  await context.exposeBinding("__reportCspViolation", ({ page }, report: string) => {
    violations.push(`${page?.url() ?? "?"}: ${report}`);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation?: (report: string) => void }).__reportCspViolation;
      report?.(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile ?? ""}:${event.lineNumber})`);
    });
  });
  context.on("console", (message) => {
    if (/content security policy/i.test(message.text())) violations.push(`${message.location().url}: console ${message.type()}: ${message.text()}`);
  });
}

/**
 * Every test fails when a page it opened reported a Content-Security-Policy violation: the policy
 * (proxy.ts) must never break a screen. Covers the default context and every context the test
 * creates with `browser.newContext()`.
 */
export const test = base.extend<{ contentSecurityPolicyWatch: void; cspViolationsExpected: boolean }>({
  /** Only for the test proving that a violation is caught: then at least one must be reported. */
  cspViolationsExpected: [false, { option: true }],
  contentSecurityPolicyWatch: [
    async ({ browser, context, cspViolationsExpected }, runTest) => {
      const violations: string[] = [];
      await watchContentSecurityPolicy(context, violations);
      const newContext = browser.newContext;
      browser.newContext = async (...args: Parameters<typeof newContext>) => {
        const created = await newContext.apply(browser, args);
        await watchContentSecurityPolicy(created, violations);
        return created;
      };
      try {
        await runTest();
      } finally {
        browser.newContext = newContext;
      }
      if (cspViolationsExpected) expect(violations.length, "Content-Security-Policy violations").toBeGreaterThan(0);
      else expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
