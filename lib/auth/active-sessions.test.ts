import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, userSessions } from "@/db/schema";
import { config } from "@/lib/config";
import { actorFor, createUser, noRequest } from "@/test/factories";
import { activeSessionsShown, listActiveSessions, revokeOwnSession } from "./active-sessions";
import { createUserSession, findSessionUser } from "./user-sessions";

const iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
const revokedAudits = (sessionId: string) => db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.session_revoked"), eq(auditEvents.targetId, sessionId)));

describe("active sessions", () => {
  it("lists the caller's live sessions, this one first, with device and address", async () => {
    const user = await createUser();
    const phone = await createUserSession(user.id, { ip: "198.51.100.7", userAgent: iphone });
    const revoked = await createUserSession(user.id, noRequest);
    await db.update(userSessions).set({ revokedAt: new Date() }).where(eq(userSessions.id, revoked));
    const idle = await createUserSession(user.id, noRequest);
    await db.execute(sql`update user_sessions set last_seen_at = now() - make_interval(mins => ${config().SESSION_IDLE_TIMEOUT_MINUTES + 1}) where id = ${idle}`);
    await createUserSession((await createUser()).id, noRequest);

    const { sessions, total } = await listActiveSessions(actorFor(user));
    expect(total).toBe(2);
    expect(sessions.map((s) => s.id)).toEqual([user.sessionId, phone]);
    expect(sessions[0]).toMatchObject({ current: true });
    expect(sessions[1]).toMatchObject({ current: false, ip: "198.51.100.7", device: { label: "Safari on iOS", kind: "mobile" } });
  });

  it(`shows at most ${activeSessionsShown}, and counts the rest`, async () => {
    const user = await createUser();
    for (let i = 0; i < activeSessionsShown + 2; i++) await createUserSession(user.id, noRequest);
    const { sessions, total } = await listActiveSessions(actorFor(user));
    expect(sessions).toHaveLength(activeSessionsShown);
    expect(sessions[0]!.id).toBe(user.sessionId);
    expect(total).toBe(activeSessionsShown + 3);
  });

  it("signs out one of the caller's own sessions, audited", async () => {
    const user = await createUser();
    const phone = await createUserSession(user.id, { ip: "198.51.100.7", userAgent: iphone });
    expect(await revokeOwnSession(actorFor(user), phone)).toBe(true);
    expect(await findSessionUser(phone)).toBeNull();
    expect(await findSessionUser(user.sessionId)).not.toBeNull();
    const [event] = await revokedAudits(phone);
    expect(event).toMatchObject({ actorId: user.id, metadata: { device: "Safari on iOS", current: false } });
    expect(await revokeOwnSession(actorFor(user), phone)).toBe(false);
    expect(await revokedAudits(phone)).toHaveLength(1);
  });

  it("another user's session id does nothing", async () => {
    const [attacker, victim] = [await createUser(), await createUser()];
    expect(await revokeOwnSession(actorFor(attacker), victim.sessionId)).toBe(false);
    expect(await findSessionUser(victim.sessionId)).toMatchObject({ id: victim.id });
    expect(await revokedAudits(victim.sessionId)).toHaveLength(0);
    expect(await revokeOwnSession(actorFor(attacker), "not-a-session-id")).toBe(false);
  });
});
