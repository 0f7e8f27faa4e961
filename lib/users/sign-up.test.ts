import { randomUUID } from "node:crypto";
import { and, desc, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { accounts, auditEvents, mailOutbox, memberships, users, verificationTokens } from "@/db/schema";
import { inviteMembers } from "@/lib/invitations/create";
import { contextFor, createOrganizationWith, createUser, noRequest, uniqueEmail } from "@/test/factories";
import { verifyEmail } from "./email-verification";
import { signUp } from "./sign-up";

/** A network of its own, so tests do not share the per-network sign-up limit. */
const someNetwork = () => ({ ip: `2001:db8::${randomUUID().slice(0, 4)}`, userAgent: "vitest" });

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

  it("treats email case-insensitively and does not reveal that a confirmed address is taken", async () => {
    const email = uniqueEmail("dup");
    await signUp({ name: "First", email, password: "a-long-password" }, noRequest);
    await db.update(users).set({ emailVerified: new Date() }).where(eq(users.email, email));
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

describe("signUp: who owns an address", () => {
  it("replaces a stale unconfirmed registration (and its personal space) with the new one", async () => {
    const email = uniqueEmail("squat");
    expect(await signUp({ name: "Squatter", email, password: "squatters-own-secret" }, someNetwork())).toBe("created");
    const [stale] = await db.select().from(users).where(eq(users.email, email));
    const staleToken = /token=([\w-]+)/.exec((await lastMailTo(email))!.text)![1]!;

    expect(await signUp({ name: "Real Owner", email, password: "owners-own-secret" }, someNetwork())).toBe("created");
    const rows = await db.select().from(users).where(eq(users.email, email));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: "Real Owner", emailVerified: null });
    expect(rows[0]!.id).not.toBe(stale!.id);
    expect(await db.select().from(accounts).where(eq(accounts.personalOwnerId, stale!.id))).toHaveLength(0);
    await expect(verifyEmail(staleToken, "squatters-own-secret", noRequest)).rejects.toThrow(/invalid, already used or expired/);
    const token = /token=([\w-]+)/.exec((await lastMailTo(email))!.text)![1]!;
    await expect(verifyEmail(token, "owners-own-secret", noRequest)).resolves.toEqual({ email });
  });

  it("sends at most one 'someone tried to sign up' mail per address an hour", async () => {
    const email = uniqueEmail("flood");
    await db.insert(users).values({ name: "Flo", email, emailVerified: new Date() });
    for (let i = 0; i < 5; i++) expect(await signUp({ name: "Flooder", email, password: "a-long-password" }, someNetwork())).toBe("already-registered");
    const notices = await db.select().from(mailOutbox).where(and(eq(mailOutbox.to, email), eq(mailOutbox.subject, "Someone tried to sign up with your email")));
    expect(notices).toHaveLength(1);
  });

  it("refuses common passwords and says why, on the password field", async () => {
    for (const password of ["password123", "1234567890", "Password1!"]) {
      await expect(signUp({ name: "Weak", email: uniqueEmail("weak"), password }, someNetwork())).rejects.toMatchObject({
        fieldErrors: { password: [expect.stringMatching(/^This password is too easy to guess\. It is .*(commonly|frequently) used password/)] },
      });
    }
    const email = uniqueEmail("maximilian.mustermann");
    await expect(signUp({ name: "Maximilian Mustermann", email, password: "mustermann1" }, someNetwork())).rejects.toMatchObject({
      fieldErrors: { password: [expect.stringMatching(/too easy to guess/)] },
    });
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });

  it("a valid invitation for the address proves the mailbox and skips the per-network limit; a mismatched one does not", async () => {
    const owner = await createUser();
    const organization = await createOrganizationWith({ owner });
    const ctx = await contextFor(owner, organization.slug);
    const network = { ip: `192.0.2.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 6)}`, userAgent: "vitest" };
    for (let i = 0; i < 20; i++) await signUp({ name: `Colleague ${i}`, email: uniqueEmail("office"), password: "a-long-password" }, network);
    await expect(signUp({ name: "Uninvited", email: uniqueEmail("office"), password: "a-long-password" }, network)).rejects.toThrow(/Too many sign-ups/);

    const invited = uniqueEmail("invited");
    await inviteMembers(ctx, { emails: [invited], role: "member" });
    const token = /\/invite\/([\w-]+)/.exec((await lastMailTo(invited))!.text)![1]!;
    await expect(signUp({ name: "Someone Else", email: uniqueEmail("other"), password: "a-long-password" }, network, { invitationToken: token })).rejects.toThrow(/Too many sign-ups/);
    expect(await signUp({ name: "Invited Colleague", email: invited, password: "a-long-password" }, network, { invitationToken: token })).toBe("created");
    const [user] = await db.select().from(users).where(eq(users.email, invited));
    expect(user?.emailVerified).toBeInstanceOf(Date);
  });
});
