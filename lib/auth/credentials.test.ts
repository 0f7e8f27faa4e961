import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/passwords";
import { createUser, uniqueEmail } from "@/test/factories";
import { verifyCredentials } from "./credentials";
import { findSessionUser, revokeAllUserSessions, revokeUserSession } from "./user-sessions";

const request = () => ({ ip: `198.51.100.${Math.floor(Math.random() * 250)}`, userAgent: "vitest" });

describe("verifyCredentials", () => {
  it("signs in with the right password and creates a live session", async () => {
    const user = await createUser({ passwordHash: await hashPassword("correct-horse-battery") });
    const outcome = await verifyCredentials(user.email.toUpperCase(), "correct-horse-battery", request());
    expect(outcome.status).toBe("ok");
    if (outcome.status !== "ok") return;
    expect((await findSessionUser(outcome.sessionId))?.id).toBe(user.id);
  });

  it("answers the same for a wrong password and an unknown email", async () => {
    const user = await createUser({ passwordHash: await hashPassword("correct-horse-battery") });
    expect(await verifyCredentials(user.email, "wrong-password", request())).toEqual({ status: "invalid" });
    expect(await verifyCredentials(uniqueEmail("nobody"), "wrong-password", request())).toEqual({ status: "invalid" });
  });

  it("refuses unverified accounts even with the right password", async () => {
    const email = uniqueEmail("unverified");
    await db.insert(users).values({ name: "U", email, passwordHash: await hashPassword("correct-horse-battery") });
    expect((await verifyCredentials(email, "correct-horse-battery", request())).status).toBe("unverified");
  });

  it("locks an email after 5 failures, even for the right password, from any address", async () => {
    const user = await createUser({ passwordHash: await hashPassword("correct-horse-battery") });
    for (let i = 0; i < 5; i++) expect((await verifyCredentials(user.email, `wrong-${i}`, request())).status).toBe("invalid");
    const locked = await verifyCredentials(user.email, "correct-horse-battery", request());
    expect(locked.status).toBe("rate-limited");
  });
});

describe("sessions", () => {
  it("a revoked session no longer resolves to its user", async () => {
    const user = await createUser();
    expect(await findSessionUser(user.sessionId)).not.toBeNull();
    await revokeUserSession(user.sessionId);
    expect(await findSessionUser(user.sessionId)).toBeNull();
  });

  it("sign out everywhere revokes every session; deleting the user kills them too", async () => {
    const user = await createUser({ passwordHash: await hashPassword("correct-horse-battery") });
    const second = await verifyCredentials(user.email, "correct-horse-battery", request());
    if (second.status !== "ok") throw new Error("expected sign-in");
    await revokeAllUserSessions(user.id);
    expect(await findSessionUser(user.sessionId)).toBeNull();
    expect(await findSessionUser(second.sessionId)).toBeNull();

    const other = await createUser();
    await db.delete(users).where(eq(users.id, other.id));
    expect(await findSessionUser(other.sessionId)).toBeNull();
  });
});
