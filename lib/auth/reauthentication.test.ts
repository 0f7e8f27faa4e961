import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { userSessions } from "@/db/schema";
import { hashPassword } from "@/lib/passwords";
import { actorFor, createUser, noRequest } from "@/test/factories";
import { createUserSession } from "./user-sessions";
import { assertReauthenticated, isRecentlyAuthenticated, reauthenticationAttemptRule, reauthenticationMessages, reauthenticationWindowMinutes } from "./reauthentication";

const password = "correct-horse-battery";
const makeStale = (sessionId: string) =>
  db.execute(sql`update user_sessions set authenticated_at = now() - make_interval(mins => ${reauthenticationWindowMinutes + 1}) where id = ${sessionId}`);
const authenticatedAt = async (sessionId: string) => (await db.select().from(userSessions).where(eq(userSessions.id, sessionId)))[0]!.authenticatedAt;
const fieldError = (field: string, message: string) => ({ fieldErrors: { [field]: [message] } });

describe("assertReauthenticated", () => {
  it("a fresh sign-in is proof enough without typing the password again", async () => {
    const user = await createUser({ passwordHash: await hashPassword(password) });
    expect(await isRecentlyAuthenticated(actorFor(user).actor)).toBe(true);
    await expect(assertReauthenticated(actorFor(user).actor, undefined)).resolves.toBeUndefined();
  });

  it("past the window, no password is refused on the named field", async () => {
    const user = await createUser({ passwordHash: await hashPassword(password) });
    await makeStale(user.sessionId);
    expect(await isRecentlyAuthenticated(actorFor(user).actor)).toBe(false);
    await expect(assertReauthenticated(actorFor(user).actor, undefined)).rejects.toMatchObject(fieldError("password", reauthenticationMessages.missing));
    await expect(assertReauthenticated(actorFor(user).actor, "", { field: "currentPassword" })).rejects.toMatchObject(fieldError("currentPassword", reauthenticationMessages.missing));
  });

  it("a wrong password is refused even in a fresh session", async () => {
    const user = await createUser({ passwordHash: await hashPassword(password) });
    await expect(assertReauthenticated(actorFor(user).actor, "not-my-password")).rejects.toMatchObject(fieldError("password", reauthenticationMessages.wrong));
  });

  it("the right password passes and renews the session's proof", async () => {
    const user = await createUser({ passwordHash: await hashPassword(password) });
    await makeStale(user.sessionId);
    const before = await authenticatedAt(user.sessionId);
    await assertReauthenticated(actorFor(user).actor, password);
    expect((await authenticatedAt(user.sessionId)).getTime()).toBeGreaterThan(before.getTime());
    await expect(assertReauthenticated(actorFor(user).actor, undefined)).resolves.toBeUndefined();
  });

  it("the proof belongs to one session: another session of the same user must still confirm", async () => {
    const user = await createUser({ passwordHash: await hashPassword(password) });
    const other = { ...user, sessionId: await createUserSession(user.id, noRequest) };
    await makeStale(other.sessionId);
    await assertReauthenticated(actorFor(user).actor, undefined);
    await expect(assertReauthenticated(actorFor(other).actor, undefined)).rejects.toMatchObject(fieldError("password", reauthenticationMessages.missing));
  });

  it("a revoked session proves nothing, and someone else's session id proves nothing for this user", async () => {
    const user = await createUser({ passwordHash: await hashPassword(password) });
    const stranger = await createUser();
    await expect(assertReauthenticated(actorFor({ ...user, sessionId: stranger.sessionId }).actor, undefined)).rejects.toMatchObject(fieldError("password", reauthenticationMessages.missing));
    await db.update(userSessions).set({ revokedAt: new Date() }).where(eq(userSessions.id, user.sessionId));
    await expect(assertReauthenticated(actorFor(user).actor, undefined)).rejects.toMatchObject(fieldError("password", reauthenticationMessages.missing));
  });

  it("guessing is limited per session, without locking the owner's other sessions out", async () => {
    const user = await createUser({ passwordHash: await hashPassword(password) });
    const thief = { ...user, sessionId: await createUserSession(user.id, noRequest) };
    for (let i = 0; i < reauthenticationAttemptRule.limit; i++) {
      await expect(assertReauthenticated(actorFor(thief).actor, `guess-${i}`)).rejects.toMatchObject(fieldError("password", reauthenticationMessages.wrong));
    }
    await expect(assertReauthenticated(actorFor(thief).actor, password)).rejects.toMatchObject(fieldError("password", reauthenticationMessages.tooMany));
    await expect(assertReauthenticated(actorFor(user).actor, password)).resolves.toBeUndefined();
  });
});
