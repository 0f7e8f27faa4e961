import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { accounts, apiKeys, auditEvents, memberships, users } from "@/db/schema";
import type { AccountContext } from "@/lib/authz/actor";
import { ForbiddenError } from "@/lib/authz/can";
import { roles, type Role } from "@/lib/authz/roles";
import { resetConfigForTests } from "@/lib/config";
import { removeMember } from "@/lib/members/remove-member";
import { contextFor as sessionContext, createOrganizationWith, createUser, noRequest, type TestUser } from "@/test/factories";
import { personalSpaceId } from "@/lib/users/personal-space";
import { allowedExpiryChoices, createApiKey } from "./create";
import { listApiKeys } from "./queries";
import { revokeApiKey } from "./revoke";
import { hashSecret, tokenKind } from "./token";

async function personalSlug(user: TestUser) {
  const id = await personalSpaceId(db, user.id);
  const [space] = await db.select({ slug: accounts.slug }).from(accounts).where(eq(accounts.id, id!));
  return space!.slug;
}

async function keysOf(accountId: string, userId?: string) {
  return db
    .select()
    .from(apiKeys)
    .where(userId ? and(eq(apiKeys.accountId, accountId), eq(apiKeys.userId, userId)) : eq(apiKeys.accountId, accountId));
}

const key = (name = "ci-deploy") => ({ name, expiresInDays: 90, readOnly: false });

function setCap(days: string | undefined) {
  if (days === undefined) delete process.env.API_KEY_MAX_EXPIRY_DAYS;
  else process.env.API_KEY_MAX_EXPIRY_DAYS = days;
  resetConfigForTests();
}

afterEach(() => setCap(undefined));

describe("createApiKey", () => {
  for (const role of roles) {
    const allowed = role === "owner" || role === "admin" || role === "developer";
    it(`${allowed ? "lets" : "refuses"} a ${role} create their own key`, async () => {
      const [owner, actor] = [await createUser(), await createUser()];
      const organization = await createOrganizationWith(role === "owner" ? { owner: actor } : ([[owner, "owner"], [actor, role]] as [TestUser, Role][]));
      const attempt = createApiKey(await sessionContext(actor, organization.slug), key());
      if (allowed) {
        const created = await attempt;
        const [row] = await keysOf(organization.id, actor.id);
        expect(row).toMatchObject({ id: created.id, name: "ci-deploy", readOnly: false, revokedAt: null });
      } else {
        await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
        expect(await keysOf(organization.id)).toEqual([]);
      }
    });
  }

  it("returns the secret once and keeps only its hash, display prefix and last 4; the audit event holds no secret", async () => {
    const owner = await createUser();
    const organization = await createOrganizationWith({ owner });
    const created = await createApiKey(await sessionContext(owner, organization.slug), { name: "ci-deploy", expiresInDays: 30, readOnly: true });
    expect(tokenKind(created.secret)).toBe("apiKey");
    expect(created.secret.startsWith("ock_")).toBe(true);
    const [row] = await keysOf(organization.id);
    expect(row!.secretHash).toBe(hashSecret(created.secret));
    expect(row!.displayPrefix).toBe(created.secret.slice(0, 8));
    expect(row!.last4).toBe(created.secret.slice(-4));
    expect(JSON.stringify(row)).not.toContain(created.secret.slice(8, -4));
    expect(row!.readOnly).toBe(true);
    const days = (row!.expiresAt!.getTime() - row!.createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(30, 3);

    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, organization.id), eq(auditEvents.action, "api_key.created")));
    expect(event).toMatchObject({ actorId: owner.id, actorChannel: "session", targetType: "api_key", targetId: created.id, ip: noRequest.ip });
    expect(event!.metadata).toEqual({ name: "ci-deploy", prefix: row!.displayPrefix, expiresAt: row!.expiresAt!.toISOString(), readOnly: true });
    expect(JSON.stringify(event)).not.toContain(created.secret);

    // Nothing the list returns carries the secret or its hash.
    const page = await listApiKeys(await sessionContext(owner, organization.slug));
    expect(JSON.stringify(page)).not.toContain(row!.secretHash);
    expect(JSON.stringify(page)).not.toContain(created.secret);
  });

  it("refuses an API key (a session is required), the platform and a job as the creator", async () => {
    const owner = await createUser();
    const organization = await createOrganizationWith({ owner });
    const session = await sessionContext(owner, organization.slug);
    const viaKey: AccountContext = { ...session, actor: { ...session.actor, channel: "api_key", apiKey: { id: crypto.randomUUID(), name: "ci", readOnly: false } } };
    await expect(createApiKey(viaKey, key())).rejects.toMatchObject({ code: "session_required" });
    const viaPlatform: AccountContext = { ...session, role: null, actor: { kind: "platform", channel: "platform_key", platformKey: { id: crypto.randomUUID(), name: "billing" }, scopes: ["accounts:read", "usage:write"] } };
    await expect(createApiKey(viaPlatform, key())).rejects.toBeInstanceOf(ForbiddenError);
    const viaJob: AccountContext = { ...session, role: null, actor: { kind: "system", channel: "job", job: "test", label: "a test" } };
    await expect(createApiKey(viaJob, key())).rejects.toBeInstanceOf(ForbiddenError);
    expect(await keysOf(organization.id)).toEqual([]);
  });

  it("validates the name: 1 to 100 characters, unique among the member's live keys case-insensitively", async () => {
    const [owner, developer] = [await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner, developer });
    const ctx = await sessionContext(owner, organization.slug);
    await expect(createApiKey(ctx, key("   "))).rejects.toMatchObject({ code: "invalid_input", fieldErrors: { name: ["Give the key a name."] } });
    await expect(createApiKey(ctx, key("x".repeat(101)))).rejects.toMatchObject({ fieldErrors: { name: ["Use at most 100 characters."] } });
    await createApiKey(ctx, key("x".repeat(100)));
    const first = await createApiKey(ctx, key("CI deploy"));
    await expect(createApiKey(ctx, key("ci DEPLOY"))).rejects.toMatchObject({ code: "api_key_name_taken", fieldErrors: { name: [expect.stringMatching(/already have a key named "ci DEPLOY"/)] } });
    // Another member may use the same name, and a revoked key's name is free again.
    await createApiKey(await sessionContext(developer, organization.slug), key("ci deploy"));
    await revokeApiKey(ctx, first.id);
    await createApiKey(ctx, key("ci deploy"));
    expect((await keysOf(organization.id)).map((k) => k.name).sort()).toEqual(["CI deploy", "ci deploy", "ci deploy", "x".repeat(100)]);
  });

  it("offers 30, 90, 365 days or never without a cap; under a cap refuses never and longer, and offers only what is allowed", async () => {
    const owner = await createUser();
    const organization = await createOrganizationWith({ owner });
    const ctx = await sessionContext(owner, organization.slug);
    expect(allowedExpiryChoices()).toEqual([30, 90, 365, null]);
    await expect(createApiKey(ctx, { ...key("odd"), expiresInDays: 45 })).rejects.toMatchObject({ fieldErrors: { expiresInDays: [expect.stringMatching(/Choose one of/)] } });
    const forever = await createApiKey(ctx, { ...key("forever"), expiresInDays: null });
    expect(forever.expiresAt).toBeNull();

    setCap("90");
    expect(allowedExpiryChoices()).toEqual([30, 90]);
    await expect(createApiKey(ctx, { ...key("never"), expiresInDays: null })).rejects.toMatchObject({ code: "api_key_expiry_not_allowed", fieldErrors: { expiresInDays: ["Keys on this console expire after 90 days at most."] } });
    await expect(createApiKey(ctx, { ...key("year"), expiresInDays: 365 })).rejects.toMatchObject({ fieldErrors: { expiresInDays: ["Keys on this console expire after 90 days at most."] } });
    await createApiKey(ctx, { ...key("quarter"), expiresInDays: 90 });

    setCap("180");
    expect(allowedExpiryChoices()).toEqual([30, 90, 180]);
    await createApiKey(ctx, { ...key("half-year"), expiresInDays: 180 });
    setCap("7");
    expect(allowedExpiryChoices()).toEqual([7]);
    expect((await keysOf(organization.id)).map((k) => k.name).sort()).toEqual(["forever", "half-year", "quarter"]);
  });

  it("makes a personal-space key and an organization key of the same person two different keys", async () => {
    const owner = await createUser();
    const organization = await createOrganizationWith({ owner });
    const personal = await sessionContext(owner, await personalSlug(owner));
    const inPersonal = await createApiKey(personal, key("laptop"));
    const inOrganization = await createApiKey(await sessionContext(owner, organization.slug), key("laptop"));
    expect(inPersonal.id).not.toBe(inOrganization.id);
    expect(inPersonal.secret).not.toBe(inOrganization.secret);
    const [personalRow] = await keysOf(personal.account.id);
    const [organizationRow] = await keysOf(organization.id);
    expect(personalRow!.id).toBe(inPersonal.id);
    expect(organizationRow!.id).toBe(inOrganization.id);
    // Each list shows only its account's key; revoking one leaves the other alive.
    expect((await listApiKeys(personal)).keys.map((k) => k.id)).toEqual([inPersonal.id]);
    await revokeApiKey(personal, inPersonal.id);
    const [stillLive] = await keysOf(organization.id);
    expect(stillLive!.revokedAt).toBeNull();
  });
});

describe("revokeApiKey", () => {
  it("lets a member revoke their own key, once, and records who did", async () => {
    const [owner, developer] = [await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner, developer });
    const ctx = await sessionContext(developer, organization.slug);
    const created = await createApiKey(ctx, key());
    await revokeApiKey(ctx, created.id);
    const [row] = await keysOf(organization.id);
    expect(row!.revokedAt).toBeInstanceOf(Date);
    expect(row!.revokedById).toBe(developer.id);
    await expect(revokeApiKey(ctx, created.id)).rejects.toMatchObject({ code: "api_key_already_revoked", message: expect.stringMatching(/already revoked/) });
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, organization.id), eq(auditEvents.action, "api_key.revoked")));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: developer.id, targetId: created.id, metadata: { name: "ci-deploy", prefix: row!.displayPrefix } });
  });

  it("lets owners and admins revoke any member's key; a developer only sees and revokes their own", async () => {
    const [owner, admin, developer, other] = [await createUser(), await createUser(), await createUser(), await createUser({ name: "Other Developer" })];
    const organization = await createOrganizationWith([
      [owner, "owner"],
      [admin, "admin"],
      [developer, "developer"],
      [other, "developer"],
    ]);
    const developerCtx = await sessionContext(developer, organization.slug);
    const otherKey = await createApiKey(await sessionContext(other, organization.slug), key("other"));
    const mine = await createApiKey(developerCtx, key("mine"));

    const ownList = await listApiKeys(developerCtx);
    expect(ownList.scope).toBe("own");
    expect(ownList.keys.map((k) => k.id)).toEqual([mine.id]);
    await expect(revokeApiKey(developerCtx, otherKey.id)).rejects.toThrow("This API key does not exist.");

    const adminCtx = await sessionContext(admin, organization.slug);
    const allList = await listApiKeys(adminCtx);
    expect(allList.scope).toBe("all");
    expect(allList.keys.map((k) => [k.name, k.owner.email])).toEqual([
      ["mine", developer.email],
      ["other", other.email],
    ]);
    await revokeApiKey(adminCtx, otherKey.id);
    await revokeApiKey(await sessionContext(owner, organization.slug), mine.id);
    const rows = await keysOf(organization.id);
    expect(rows.map((r) => [r.name, r.revokedById]).sort()).toEqual([
      ["mine", owner.id],
      ["other", admin.id],
    ]);
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.targetId, otherKey.id), eq(auditEvents.action, "api_key.revoked")));
    expect(event).toMatchObject({ actorId: admin.id, metadata: { name: "other", ownerEmail: other.email } });
  });

  for (const role of ["billing", "member"] as const) {
    it(`refuses a ${role}, even for a key they made while they could`, async () => {
      const [owner, person] = [await createUser(), await createUser()];
      const organization = await createOrganizationWith({ owner, developer: person });
      const created = await createApiKey(await sessionContext(person, organization.slug), key());
      await db.update(memberships).set({ role }).where(and(eq(memberships.accountId, organization.id), eq(memberships.userId, person.id)));
      await expect(revokeApiKey(await sessionContext(person, organization.slug), created.id)).rejects.toBeInstanceOf(ForbiddenError);
      const [row] = await keysOf(organization.id);
      expect(row!.revokedAt).toBeNull();
    });
  }

  it("answers not found for another account's key id, and for a malformed id, changing nothing", async () => {
    const [owner, theirOwner] = [await createUser(), await createUser()];
    const mine = await createOrganizationWith({ owner });
    const theirs = await createOrganizationWith({ owner: theirOwner });
    const theirKey = await createApiKey(await sessionContext(theirOwner, theirs.slug), key());
    const ownerCtx = await sessionContext(owner, mine.slug);
    await expect(revokeApiKey(ownerCtx, theirKey.id)).rejects.toMatchObject({ code: "api_key_not_found", message: "This API key does not exist." });
    await expect(revokeApiKey(ownerCtx, "not-a-uuid")).rejects.toThrow("This API key does not exist.");
    // Also the owner's own key in their personal space is another account's key here.
    const personalKey = await createApiKey(await sessionContext(owner, await personalSlug(owner)), key());
    await expect(revokeApiKey(ownerCtx, personalKey.id)).rejects.toThrow("This API key does not exist.");
    const [row] = await keysOf(theirs.id);
    expect(row!.revokedAt).toBeNull();
  });

  it("refuses an API key as the revoker", async () => {
    const owner = await createUser();
    const organization = await createOrganizationWith({ owner });
    const session = await sessionContext(owner, organization.slug);
    const created = await createApiKey(session, key());
    const viaKey: AccountContext = { ...session, actor: { ...session.actor, channel: "api_key", apiKey: { id: created.id, name: created.name, readOnly: false } } };
    await expect(revokeApiKey(viaKey, created.id)).rejects.toMatchObject({ code: "session_required" });
    const [row] = await keysOf(organization.id);
    expect(row!.revokedAt).toBeNull();
  });
});

describe("under concurrency", () => {
  it("revokes a key once when two revocations race, with one audit event", async () => {
    const [owner, developer] = [await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner, developer });
    const created = await createApiKey(await sessionContext(developer, organization.slug), key());
    const results = await Promise.allSettled([revokeApiKey(await sessionContext(owner, organization.slug), created.id), revokeApiKey(await sessionContext(developer, organization.slug), created.id)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "api_key_already_revoked" } });
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.targetId, created.id), eq(auditEvents.action, "api_key.revoked")));
    expect(events).toHaveLength(1);
  });

  it("keeps one live key of a name when two creations race", async () => {
    const owner = await createUser();
    const organization = await createOrganizationWith({ owner });
    const ctx = await sessionContext(owner, organization.slug);
    const results = await Promise.allSettled([createApiKey(ctx, key("twin")), createApiKey(ctx, key("TWIN"))]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "api_key_name_taken" } });
    expect(await keysOf(organization.id)).toHaveLength(1);
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, organization.id), eq(auditEvents.action, "api_key.created")));
    expect(events).toHaveLength(1);
  });
});

describe("listApiKeys", () => {
  it("pages newest first with keyset cursors, both ways, and ignores a cursor from another account", async () => {
    const owner = await createUser();
    const organization = await createOrganizationWith({ owner });
    const ctx = await sessionContext(owner, organization.slug);
    const created = [];
    for (let i = 1; i <= 5; i++) created.push(await createApiKey(ctx, key(`key-${i}`)));
    const first = await listApiKeys(ctx, null, 2);
    expect(first.keys.map((k) => k.name)).toEqual(["key-5", "key-4"]);
    expect(first.newer).toBeNull();
    const second = await listApiKeys(ctx, first.older, 2);
    expect(second.keys.map((k) => k.name)).toEqual(["key-3", "key-2"]);
    const third = await listApiKeys(ctx, second.older, 2);
    expect(third.keys.map((k) => k.name)).toEqual(["key-1"]);
    expect(third.older).toBeNull();
    const back = await listApiKeys(ctx, third.newer, 2);
    expect(back.keys.map((k) => k.name)).toEqual(["key-3", "key-2"]);
    expect(back.newer).not.toBeNull();
    const top = await listApiKeys(ctx, back.newer, 2);
    expect(top.keys.map((k) => k.name)).toEqual(["key-5", "key-4"]);
    expect(top.newer).toBeNull();

    const stranger = await createUser();
    const theirs = await createOrganizationWith({ owner: stranger });
    const theirKey = await createApiKey(await sessionContext(stranger, theirs.slug), key());
    expect((await listApiKeys(ctx, { direction: "older", keyId: theirKey.id }, 2)).keys).toEqual([]);
  });

  it("gives each key its status, last use, and the owner", async () => {
    const owner = await createUser({ name: "Olga Owner" });
    const organization = await createOrganizationWith({ owner });
    const ctx = await sessionContext(owner, organization.slug);
    const [active, expired, revoked] = [await createApiKey(ctx, key("active")), await createApiKey(ctx, { ...key("expired"), expiresInDays: 30 }), await createApiKey(ctx, key("revoked"))];
    await db.update(apiKeys).set({ createdAt: new Date(Date.now() - 40 * 86_400_000), expiresAt: new Date(Date.now() - 1000) }).where(eq(apiKeys.id, expired.id));
    await db.update(apiKeys).set({ lastUsedAt: new Date("2026-11-30T10:00:00Z"), lastUsedIp: "198.51.100.7" }).where(eq(apiKeys.id, active.id));
    await revokeApiKey(ctx, revoked.id);
    const { keys } = await listApiKeys(ctx);
    const byName = Object.fromEntries(keys.map((k) => [k.name, k]));
    expect(byName.active).toMatchObject({ status: "active", lastUsedAt: new Date("2026-11-30T10:00:00Z"), lastUsedIp: "198.51.100.7", owner: { userId: owner.id, name: "Olga Owner", email: owner.email } });
    expect(byName.expired!.status).toBe("expired");
    expect(byName.revoked!.status).toBe("revoked");
    expect(Object.keys(byName.active!)).not.toContain("secretHash");
  });
});

describe("a key belongs to its membership", () => {
  it("goes when the member is removed", async () => {
    const [owner, developer] = [await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner, developer });
    await createApiKey(await sessionContext(developer, organization.slug), key());
    const ownerKey = await createApiKey(await sessionContext(owner, organization.slug), key());
    const personalKey = await createApiKey(await sessionContext(developer, await personalSlug(developer)), key());
    await removeMember(await sessionContext(owner, organization.slug), developer.id);
    expect((await keysOf(organization.id)).map((k) => k.id)).toEqual([ownerKey.id]);
    // Their personal space's key is theirs alone and stays.
    expect((await db.select().from(apiKeys).where(eq(apiKeys.id, personalKey.id))).length).toBe(1);
  });

  it("goes when the user is deleted, and when the organization is deleted", async () => {
    const [owner, developer] = [await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner, developer });
    const developerKey = await createApiKey(await sessionContext(developer, organization.slug), key());
    const ownerKey = await createApiKey(await sessionContext(owner, organization.slug), key());
    await db.delete(users).where(eq(users.id, developer.id));
    expect((await db.select().from(apiKeys).where(eq(apiKeys.id, developerKey.id))).length).toBe(0);
    await db.delete(accounts).where(eq(accounts.id, organization.id));
    expect((await db.select().from(apiKeys).where(eq(apiKeys.id, ownerKey.id))).length).toBe(0);
  });

  it("cannot be created for someone who is no longer a member", async () => {
    const [owner, developer] = [await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner, developer });
    const stale = await sessionContext(developer, organization.slug);
    await db.delete(memberships).where(and(eq(memberships.accountId, organization.id), eq(memberships.userId, developer.id)));
    await expect(createApiKey(stale, key())).rejects.toMatchObject({ code: "no_longer_member", message: "You are no longer a member of this account." });
    expect(await keysOf(organization.id)).toEqual([]);
  });
});
