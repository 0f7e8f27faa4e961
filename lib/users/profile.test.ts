import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { accounts, mailOutbox, users } from "@/db/schema";
import { findSessionUser } from "@/lib/auth/user-sessions";
import { verifyPassword, hashPassword } from "@/lib/passwords";
import { verifyCredentials } from "@/lib/auth/credentials";
import { actorFor, createOrganizationWith, createUser, noRequest, uniqueEmail } from "@/test/factories";
import { requestPasswordReset, resetPassword } from "./password-reset";
import { changePassword, deleteUser, updateProfile } from "./profile";
import { signUp } from "./sign-up";

describe("profile", () => {
  it("renames the user and their personal space together", async () => {
    const user = await createUser();
    await updateProfile(actorFor(user), "Renamed Person");
    const [space] = await db.select().from(accounts).where(eq(accounts.personalOwnerId, user.id));
    expect(space?.name).toBe("Renamed Person");
  });

  it("changing the password needs the current one and revokes every session", async () => {
    const user = await createUser({ passwordHash: await hashPassword("old-password-1") });
    await expect(changePassword(actorFor(user), "not-it", "new-password-1")).rejects.toMatchObject({ fieldErrors: { currentPassword: [expect.any(String)] } });
    expect(await findSessionUser(user.sessionId)).not.toBeNull();
    await changePassword(actorFor(user), "old-password-1", "new-password-1");
    expect(await findSessionUser(user.sessionId)).toBeNull();
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(await verifyPassword(row!.passwordHash, "new-password-1")).toBe(true);
  });

  it("resets a password through the mailed link once, and revokes sessions", async () => {
    const user = await createUser({ passwordHash: await hashPassword("old-password-1") });
    await requestPasswordReset(user.email, noRequest);
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.to, user.email)).orderBy(desc(mailOutbox.createdAt)).limit(1);
    const token = /token=([\w-]+)/.exec(mail!.text)![1]!;
    await resetPassword(token, "brand-new-password", noRequest);
    await expect(resetPassword(token, "another-password", noRequest)).rejects.toThrow(/invalid or has expired/);
    expect(await findSessionUser(user.sessionId)).toBeNull();
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(await verifyPassword(row!.passwordHash, "brand-new-password")).toBe(true);
  });

  it("a reset of an unconfirmed registration sets the password and confirms the address (the link proves the mailbox)", async () => {
    const email = uniqueEmail("unconfirmed");
    await signUp({ name: "Squatter", email, password: "squatters-own-secret" }, { ip: "2001:db8::reset", userAgent: "vitest" });
    await requestPasswordReset(email, noRequest);
    const [mail] = await db.select().from(mailOutbox).where(and(eq(mailOutbox.to, email), eq(mailOutbox.subject, "Reset your password"))).limit(1);
    await resetPassword(/token=([\w-]+)/.exec(mail!.text)![1]!, "owners-own-secret", noRequest);
    const [row] = await db.select().from(users).where(eq(users.email, email));
    expect(row?.emailVerified).toBeInstanceOf(Date);
    expect(await verifyPassword(row!.passwordHash, "owners-own-secret")).toBe(true);
    expect((await verifyCredentials(email, "owners-own-secret", noRequest)).status).toBe("ok");
    expect((await verifyCredentials(email, "squatters-own-secret", noRequest)).status).toBe("invalid");
  });

  it("refuses common passwords when resetting or changing the password", async () => {
    const user = await createUser({ passwordHash: await hashPassword("old-password-1") });
    await expect(changePassword(actorFor(user), "old-password-1", "password123")).rejects.toMatchObject({
      fieldErrors: { password: [expect.stringMatching(/^This password is too easy to guess\./)] },
    });
    await requestPasswordReset(user.email, noRequest);
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.to, user.email)).orderBy(desc(mailOutbox.createdAt)).limit(1);
    const token = /token=([\w-]+)/.exec(mail!.text)![1]!;
    await expect(resetPassword(token, "Password1!", noRequest)).rejects.toMatchObject({ fieldErrors: { password: [expect.stringMatching(/too easy to guess/)] } });
    // The refused attempt does not use up the link.
    await resetPassword(token, "brand-new-password", noRequest);
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(await verifyPassword(row!.passwordHash, "brand-new-password")).toBe(true);
  });

  it("a reset request for an unknown email sends nothing and says nothing", async () => {
    await expect(requestPasswordReset("nobody-at-all@example.test", noRequest)).resolves.toBeUndefined();
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.to, "nobody-at-all@example.test"))).toHaveLength(0);
  });

  it("deleting the user is refused while they are an organization's only owner, then removes everything", async () => {
    const user = await createUser();
    const organization = await createOrganizationWith({ owner: user });
    await expect(deleteUser(actorFor(user), { confirmEmail: user.email })).rejects.toThrow(/only owner/);
    await expect(deleteUser(actorFor(user), { confirmEmail: "wrong@example.test" })).rejects.toMatchObject({ fieldErrors: { confirmEmail: [expect.any(String)] } });
    await db.delete(accounts).where(eq(accounts.id, organization.id));
    await deleteUser(actorFor(user), { confirmEmail: user.email });
    expect(await db.select().from(users).where(eq(users.id, user.id))).toHaveLength(0);
    expect(await db.select().from(accounts).where(eq(accounts.personalOwnerId, user.id))).toHaveLength(0);
    expect(await findSessionUser(user.sessionId)).toBeNull();
  });
});
