import { and, eq, sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, userSessions } from "@/db/schema";
import { ConfigError, config, parseConfig, resetConfigForTests } from "@/lib/config";
import { authUrl } from "@/lib/http/auth-url";
import { createUser } from "@/test/factories";
import { findSessionUser } from "./user-sessions";

process.env.AUTH_SECRET ??= "vitest-secret-that-is-at-least-32-characters-long";
// As the console's server does before Next.js starts (scripts/server.ts): Auth.js URLs come from APP_URL.
process.env.AUTH_URL = authUrl();
const { handlers } = await import("./auth");

const sessionRow = async (id: string) => (await db.select().from(userSessions).where(eq(userSessions.id, id)))[0]!;
const age = (id: string, column: "last_seen_at" | "authenticated_at", minutes: number) =>
  db.execute(sql`update user_sessions set ${sql.identifier(column)} = now() - make_interval(mins => ${minutes}) where id = ${id}`);

/** What a browser does: fetch the CSRF token (and its cookie), then post the sign-out form with both. */
async function postSignOut(sessionId: string) {
  const base = config().APP_URL;
  const sessionCookie = `authjs.session-token=${await encode({ token: { sid: sessionId }, secret: process.env.AUTH_SECRET!, salt: "authjs.session-token" })}`;
  const csrfResponse = await handlers.GET(new NextRequest(`${base}/api/auth/csrf`, { headers: { cookie: sessionCookie } }));
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = csrfResponse.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  return handlers.POST(
    new NextRequest(`${base}/api/auth/signout`, {
      method: "POST",
      headers: { cookie: `${sessionCookie}; ${csrfCookie}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: "/sign-in" }),
    }),
  );
}

describe("Auth.js sign-out", () => {
  it("revokes the session row, so a copied cookie is dead, and audits it once", async () => {
    const user = await createUser();
    const response = await postSignOut(user.sessionId);
    expect(response.status).toBeLessThan(400);
    expect(response.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token=;"))).toBe(true);
    expect((await sessionRow(user.sessionId)).revokedAt).not.toBeNull();
    expect(await findSessionUser(user.sessionId)).toBeNull();

    await postSignOut(user.sessionId);
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.signed_out"), eq(auditEvents.targetId, user.sessionId)));
    expect(events).toHaveLength(1);
    expect(events[0]!.actorId).toBe(user.id);
  });
});

describe("idle timeout and last seen", () => {
  it("refuses a session idle for longer than SESSION_IDLE_TIMEOUT_MINUTES", async () => {
    const user = await createUser();
    const idle = config().SESSION_IDLE_TIMEOUT_MINUTES;
    await age(user.sessionId, "last_seen_at", idle - 1);
    expect(await findSessionUser(user.sessionId)).toMatchObject({ id: user.id });
    await age(user.sessionId, "last_seen_at", idle + 1);
    expect(await findSessionUser(user.sessionId)).toBeNull();
    // Refusing it does not revive it.
    expect((await sessionRow(user.sessionId)).lastSeenAt.getTime()).toBeLessThan(Date.now() - idle * 60_000);
  });

  it("follows the setting: one day by default, as short as the operator chooses", async () => {
    expect(parseConfig({}).SESSION_IDLE_TIMEOUT_MINUTES).toBe(1440);
    expect(() => parseConfig({ SESSION_IDLE_TIMEOUT_MINUTES: "1" })).toThrow(ConfigError);
    const user = await createUser();
    await age(user.sessionId, "last_seen_at", 15);
    process.env.SESSION_IDLE_TIMEOUT_MINUTES = "10";
    resetConfigForTests();
    try {
      expect(await findSessionUser(user.sessionId)).toBeNull();
    } finally {
      delete process.env.SESSION_IDLE_TIMEOUT_MINUTES;
      resetConfigForTests();
    }
    expect(await findSessionUser(user.sessionId)).toMatchObject({ id: user.id });
  });

  it("refreshes last_seen_at when it is older than a minute, and not on every request", async () => {
    const user = await createUser();
    await age(user.sessionId, "last_seen_at", 30);
    expect(await findSessionUser(user.sessionId)).toMatchObject({ id: user.id, sessionId: user.sessionId });
    const refreshed = (await sessionRow(user.sessionId)).lastSeenAt;
    expect(refreshed.getTime()).toBeGreaterThan(Date.now() - 60_000);

    await db.execute(sql`update user_sessions set last_seen_at = now() - interval '20 seconds' where id = ${user.sessionId}`);
    const recent = (await sessionRow(user.sessionId)).lastSeenAt;
    await findSessionUser(user.sessionId);
    expect((await sessionRow(user.sessionId)).lastSeenAt).toEqual(recent);
  });

  it("answers null for ids that are not session ids, without asking the database to parse them", async () => {
    expect(await findSessionUser("not-a-uuid' or 1=1 --")).toBeNull();
    expect(await findSessionUser("")).toBeNull();
  });
});
