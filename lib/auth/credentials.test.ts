import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { mailOutbox, users } from "@/db/schema";
import { hashPassword } from "@/lib/passwords";
import { createUser, uniqueEmail } from "@/test/factories";
import { requestPasswordReset, resetPassword } from "@/lib/users/password-reset";
import { signInFailureRules, verifyCredentials } from "./credentials";
import { withKnownDevice } from "./known-device";
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

  it("5 failures lock the account for the network that failed, not for the owner's network", async () => {
    const user = await createUser({ passwordHash: await hashPassword("correct-horse-battery") });
    const attacker = request();
    for (let i = 0; i < 5; i++) expect((await verifyCredentials(user.email, `wrong-${i}`, attacker)).status).toBe("invalid");
    expect(await verifyCredentials(user.email, "correct-horse-battery", attacker)).toMatchObject({ status: "rate-limited", scope: "account-network" });
    expect((await verifyCredentials(user.email, "correct-horse-battery", { ip: "192.0.2.77", userAgent: "owner" })).status).toBe("ok");
  });

  it("without a known client address, failures are not pooled into one shared 'network' that locks everyone", async () => {
    const user = await createUser({ passwordHash: await hashPassword("correct-horse-battery") });
    const unknown = { ip: null, userAgent: "vitest" };
    for (let i = 0; i < 6; i++) expect((await verifyCredentials(user.email, `wrong-${i}`, unknown)).status).toBe("invalid");
    expect((await verifyCredentials(user.email, "correct-horse-battery", unknown)).status).toBe("ok");
  });

  it("a guessing attack from many networks hits the per-account limit, which a known device passes", async () => {
    const user = await createUser({ passwordHash: await hashPassword("correct-horse-battery") });
    const signedIn = await verifyCredentials(user.email, "correct-horse-battery", request());
    expect(signedIn.status).toBe("ok");
    const cookie = withKnownDevice(null, user.email);
    for (let i = 0; i < signInFailureRules.perEmail.limit; i++) await verifyCredentials(user.email, `wrong-${i}`, { ip: `10.${i}.0.1`, userAgent: "botnet" });
    expect(await verifyCredentials(user.email, "correct-horse-battery", request())).toMatchObject({ status: "rate-limited", scope: "account" });
    expect((await verifyCredentials(user.email, "correct-horse-battery", request(), { knownDevice: cookie })).status).toBe("ok");
    // A mark for another account, or a forged one, does not count.
    const otherMark = withKnownDevice(null, uniqueEmail("other"));
    expect((await verifyCredentials(user.email, "correct-horse-battery", request(), { knownDevice: otherMark })).status).toBe("rate-limited");
    expect((await verifyCredentials(user.email, "correct-horse-battery", request(), { knownDevice: "A".repeat(22) })).status).toBe("rate-limited");
  });

  it("a successful password reset lifts the account's limits", async () => {
    const user = await createUser({ passwordHash: await hashPassword("correct-horse-battery") });
    const network = request();
    for (let i = 0; i < 5; i++) await verifyCredentials(user.email, `wrong-${i}`, network);
    expect((await verifyCredentials(user.email, "correct-horse-battery", network)).status).toBe("rate-limited");
    await requestPasswordReset(user.email, network);
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.to, user.email)).orderBy(desc(mailOutbox.createdAt)).limit(1);
    await resetPassword(/token=([\w-]+)/.exec(mail!.text)![1]!, "a-fresh-staple-battery", network);
    expect((await verifyCredentials(user.email, "a-fresh-staple-battery", network)).status).toBe("ok");
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
