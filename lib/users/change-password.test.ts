import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { reauthenticationMessages, reauthenticationWindowMinutes } from "@/lib/auth/reauthentication";
import { findSessionUser } from "@/lib/auth/user-sessions";
import { hashPassword, verifyPassword } from "@/lib/passwords";
import { actorFor, createUser } from "@/test/factories";
import { changePassword } from "./profile";

const makeStale = (sessionId: string) =>
  db.execute(sql`update user_sessions set authenticated_at = now() - make_interval(mins => ${reauthenticationWindowMinutes + 1}) where id = ${sessionId}`);
const storedPasswordIs = async (userId: string, candidate: string) =>
  verifyPassword((await db.select().from(users).where(eq(users.id, userId)))[0]!.passwordHash, candidate);

describe("changing the password follows the re-authentication rule", () => {
  it("a wrong current password is the helper's field error on currentPassword, and nothing changes", async () => {
    const user = await createUser({ passwordHash: await hashPassword("old-password-1") });
    await expect(changePassword(actorFor(user), "not-it", "new-password-1")).rejects.toMatchObject({ fieldErrors: { currentPassword: [reauthenticationMessages.wrong] } });
    expect(await storedPasswordIs(user.id, "old-password-1")).toBe(true);
    expect(await findSessionUser(user.sessionId)).not.toBeNull();
  });

  it("without the current password, refused unless this session signed in a moment ago", async () => {
    const stale = await createUser({ passwordHash: await hashPassword("old-password-1") });
    await makeStale(stale.sessionId);
    await expect(changePassword(actorFor(stale), undefined, "new-password-1")).rejects.toMatchObject({ fieldErrors: { currentPassword: [reauthenticationMessages.missing] } });
    expect(await storedPasswordIs(stale.id, "old-password-1")).toBe(true);

    const fresh = await createUser({ passwordHash: await hashPassword("old-password-1") });
    await changePassword(actorFor(fresh), undefined, "new-password-1");
    expect(await storedPasswordIs(fresh.id, "new-password-1")).toBe(true);
    expect(await findSessionUser(fresh.sessionId)).toBeNull();
  });

  it("with the current password, accepted however old the sign-in", async () => {
    const user = await createUser({ passwordHash: await hashPassword("old-password-1") });
    await makeStale(user.sessionId);
    await changePassword(actorFor(user), "old-password-1", "new-password-1");
    expect(await storedPasswordIs(user.id, "new-password-1")).toBe(true);
  });
});
