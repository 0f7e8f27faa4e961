import { and, desc, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { accounts, auditEvents, mailOutbox, memberships, users, verificationTokens } from "@/db/schema";
import { noRequest, uniqueEmail } from "@/test/factories";
import { verifyEmail } from "./email-verification";
import { signUp } from "./sign-up";

async function lastMailTo(email: string) {
  const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.to, email)).orderBy(desc(mailOutbox.createdAt)).limit(1);
  return mail;
}

describe("signUp", () => {
  it("creates the user, their personal space, an owner membership, an audit event and a verification mail", async () => {
    const email = uniqueEmail("new");
    expect(await signUp({ name: "Nora New", email, password: "a-long-password" }, noRequest)).toBe("created");
    const [user] = await db.select().from(users).where(eq(users.email, email));
    expect(user?.emailVerified).toBeNull();
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    const [space] = await db.select().from(accounts).where(eq(accounts.personalOwnerId, user!.id));
    expect(space).toMatchObject({ kind: "personal", name: "Nora New", status: "active" });
    const [membership] = await db.select().from(memberships).where(eq(memberships.accountId, space!.id));
    expect(membership).toMatchObject({ userId: user!.id, role: "owner" });
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, space!.id), eq(auditEvents.action, "user.signed_up")));
    expect(event).toMatchObject({ actorId: user!.id, ip: noRequest.ip, userAgent: "vitest" });
    const mail = await lastMailTo(email);
    expect(mail?.subject).toBe("Confirm your email address");
    expect(mail?.status).toBe("kept");
    // The token is in the mail, only its hash in the database.
    const token = /token=([\w-]+)/.exec(mail!.text)![1]!;
    const stored = await db.select().from(verificationTokens).where(like(verificationTokens.identifier, `verify-email:${user!.id}`));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token).not.toBe(token);
  });

  it("treats email case-insensitively and does not reveal that an address is taken", async () => {
    const email = uniqueEmail("dup");
    await signUp({ name: "First", email, password: "a-long-password" }, noRequest);
    expect(await signUp({ name: "Second", email: email.toUpperCase().toLowerCase(), password: "another-password" }, noRequest)).toBe("already-registered");
    const rows = await db.select().from(users).where(eq(users.email, email));
    expect(rows).toHaveLength(1);
    expect((await lastMailTo(email))?.subject).toBe("Someone tried to sign up with your email");
  });

  it("the database refuses a second user with the same email in another case", async () => {
    const email = uniqueEmail("case");
    await db.insert(users).values({ name: "A", email });
    await expect(db.insert(users).values({ name: "B", email: email.toUpperCase() })).rejects.toThrow();
  });

  it("verifies an email once with the mailed token, and refuses unknown or reused tokens", async () => {
    const email = uniqueEmail("verify");
    await signUp({ name: "Vera", email, password: "a-long-password" }, noRequest);
    const token = /token=([\w-]+)/.exec((await lastMailTo(email))!.text)![1]!;
    await expect(verifyEmail("not-a-token", "a-long-password", noRequest)).rejects.toThrow(/invalid, already used or expired/);
    await expect(verifyEmail(token, "a-long-password", noRequest)).resolves.toEqual({ email });
    await expect(verifyEmail(token, "a-long-password", noRequest)).rejects.toThrow(/invalid, already used or expired/);
    const [user] = await db.select().from(users).where(eq(users.email, email));
    expect(user?.emailVerified).toBeInstanceOf(Date);
  });

  it("keeps exactly one personal space per user at the database level", async () => {
    const email = uniqueEmail("space");
    await signUp({ name: "Sam", email, password: "a-long-password" }, noRequest);
    const [user] = await db.select().from(users).where(eq(users.email, email));
    await expect(
      db.insert(accounts).values({ kind: "personal", name: "Another", slug: `x-${user!.id.slice(0, 8)}`, status: "active", personalOwnerId: user!.id }),
    ).rejects.toThrow();
    await expect(db.insert(accounts).values({ kind: "organization", name: "Bad", slug: `y-${user!.id.slice(0, 8)}`, status: "active", personalOwnerId: user!.id })).rejects.toThrow();
  });
});
