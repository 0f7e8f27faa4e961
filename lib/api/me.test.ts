import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { apiKeys, auditEvents, memberships, platformKeys } from "@/db/schema";
import { newToken } from "@/lib/api-keys/token";
import { failedKeyRule } from "@/lib/authz/api-key-context";
import { createOrganizationWith, createUser } from "@/test/factories";
import { call, createMemberKey, createPlatformKey, testAddress } from "./test-support";

const problemType = "application/problem+json";

describe("GET /api/v1/me with a member key", () => {
  it("says who the key is, its account, the owner's current role, and records its use", async () => {
    const owner = await createUser({ name: "Ada Owner" });
    const account = await createOrganizationWith({ owner });
    const key = await createMemberKey(owner, account, { name: "ci-deploy" });
    const ip = testAddress();
    const response = await call("GET", "/api/v1/me", { token: key.token, ip });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.body).toMatchObject({
      kind: "member",
      key: { id: key.id, name: "ci-deploy", prefix: key.token.slice(0, 8), last4: key.token.slice(-4), readOnly: false, expiresAt: null },
      user: { id: owner.id, name: "Ada Owner", email: owner.email },
      account: { id: account.id, slug: account.slug, kind: "organization" },
      role: "owner",
    });
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row!.lastUsedAt).not.toBeNull();
    expect(row!.lastUsedIp).toBe(ip);
  });

  it("writes last used at most once a minute", async () => {
    const owner = await createUser();
    const account = await createOrganizationWith({ owner });
    const key = await createMemberKey(owner, account);
    await call("GET", "/api/v1/me", { token: key.token, ip: "198.51.100.1" });
    const [first] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    await call("GET", "/api/v1/me", { token: key.token, ip: "198.51.100.2" });
    const [second] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(second!.lastUsedAt).toEqual(first!.lastUsedAt);
    expect(second!.lastUsedIp).toBe("198.51.100.1");
    await db.update(apiKeys).set({ lastUsedAt: new Date(Date.now() - 61_000) }).where(eq(apiKeys.id, key.id));
    await call("GET", "/api/v1/me", { token: key.token, ip: "198.51.100.3" });
    const [third] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(third!.lastUsedIp).toBe("198.51.100.3");
  });

  it("acts with the member's role now: a demoted owner's key says so at once", async () => {
    const owner = await createUser();
    const other = await createUser();
    const account = await createOrganizationWith([
      [owner, "owner"],
      [other, "owner"],
    ]);
    const key = await createMemberKey(owner, account);
    await db.update(memberships).set({ role: "developer" }).where(and(eq(memberships.accountId, account.id), eq(memberships.userId, owner.id)));
    const response = await call("GET", "/api/v1/me", { token: key.token });
    expect(response.body.role).toBe("developer");
  });

  it("dies with the membership: a removed member's key is gone on the next call", async () => {
    const owner = await createUser();
    const member = await createUser();
    const account = await createOrganizationWith({ owner, developer: member });
    const key = await createMemberKey(member, account);
    expect((await call("GET", "/api/v1/me", { token: key.token })).status).toBe(200);
    await db.delete(memberships).where(and(eq(memberships.accountId, account.id), eq(memberships.userId, member.id)));
    expect(await db.select().from(apiKeys).where(eq(apiKeys.id, key.id))).toEqual([]);
    const response = await call("GET", "/api/v1/me", { token: key.token, ip: testAddress() });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe("invalid_api_key");
  });

  it("a personal-space key is another key than the same person's organization key", async () => {
    const user = await createUser();
    const [personal] = await db.select().from(memberships).where(eq(memberships.userId, user.id));
    const account = await createOrganizationWith({ owner: user });
    const personalKey = await createMemberKey(user, { id: personal!.accountId });
    const orgKey = await createMemberKey(user, account);
    expect((await call("GET", "/api/v1/me", { token: personalKey.token })).body.account.kind).toBe("personal");
    expect((await call("GET", "/api/v1/me", { token: orgKey.token })).body.account.id).toBe(account.id);
  });
});

describe("GET /api/v1/me with a platform key", () => {
  it("names the key and its scopes", async () => {
    const name = `billing-agent-${Date.now()}`;
    const key = await createPlatformKey(["usage:write", "accounts:read"], { name });
    const response = await call("GET", "/api/v1/me", { token: key.token });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ kind: "platform", key: { id: key.id, name }, scopes: ["usage:write", "accounts:read"] });
    const [row] = await db.select().from(platformKeys).where(eq(platformKeys.id, key.id));
    expect(row!.lastUsedAt).not.toBeNull();
  });
});

describe("refused callers", () => {
  it.each([
    ["no header", {}, "unauthenticated"],
    ["another scheme", { authorization: "Basic dXNlcjpwYXNz" }, "invalid_api_key"],
    ["a malformed token", { authorization: "Bearer ock_short" }, "invalid_api_key"],
    ["a bad checksum", { authorization: `Bearer ${newToken("apiKey").token.slice(0, -1)}0` }, "invalid_api_key"],
    ["an unknown key", { authorization: `Bearer ${newToken("apiKey").token}` }, "invalid_api_key"],
    ["an unknown platform key", { authorization: `Bearer ${newToken("platformKey").token}` }, "invalid_api_key"],
  ])("%s: 401 problem", async (_label, headers, code) => {
    const response = await call("GET", "/api/v1/me", { headers, ip: testAddress() });
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe(problemType);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="api"/);
    expect(response.body).toMatchObject({ status: 401, code, title: "Unauthorized", type: `urn:organization-console:problem:${code}` });
    expect(typeof response.body.detail).toBe("string");
  });

  it("a bad checksum never reaches the database: it is refused even with a matching row", async () => {
    const owner = await createUser();
    const account = await createOrganizationWith({ owner });
    const key = await createMemberKey(owner, account);
    const mangled = `${key.token.slice(0, 10)}${key.token[10] === "a" ? "b" : "a"}${key.token.slice(11)}`;
    // Point the stored hash at the mangled token: only the checksum can refuse it now.
    const { hashSecret } = await import("@/lib/api-keys/token");
    await db.update(apiKeys).set({ secretHash: hashSecret(mangled) }).where(eq(apiKeys.id, key.id));
    expect((await call("GET", "/api/v1/me", { token: mangled, ip: testAddress() })).status).toBe(401);
  });

  it.each([
    ["?api_key=", (token: string) => `?api_key=${token}`],
    ["?token=", (token: string) => `?token=${token}`],
    ["?access_token=", (token: string) => `?access_token=${token}`],
    ["any parameter holding a key", (token: string) => `?q=${token}`],
  ])("a key in the query string (%s) is refused, even with a valid header", async (_label, query) => {
    const owner = await createUser();
    const account = await createOrganizationWith({ owner });
    const key = await createMemberKey(owner, account);
    const response = await call("GET", `/api/v1/me${query(key.token)}`, { token: key.token });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe("credentials_in_query");
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row!.lastUsedAt).toBeNull();
  });

  it("a key in the query string is refused on the public document too", async () => {
    const response = await call("GET", `/api/v1/openapi.json?token=${newToken("apiKey").token}`);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe("credentials_in_query");
  });

  it("a word that merely contains ock_ is not a key", async () => {
    const owner = await createUser();
    const account = await createOrganizationWith({ owner });
    const key = await createMemberKey(owner, account);
    expect((await call("GET", "/api/v1/me?q=rock_band", { token: key.token })).status).toBe(200);
  });

  it.each([
    ["revoked", { revoked: true }, "api_key_revoked"],
    ["expired", { expiresAt: new Date(Date.now() - 1000), createdAt: new Date(Date.now() - 86_400_000) }, "api_key_expired"],
  ])("a %s member key: 401 and one api_key.rejected event a minute", async (_label, options, code) => {
    const owner = await createUser();
    const account = await createOrganizationWith({ owner });
    const key = await createMemberKey(owner, account, { name: "old-ci", ...options });
    for (let i = 0; i < 3; i++) {
      const response = await call("GET", "/api/v1/me", { token: key.token, ip: testAddress() });
      expect(response.status).toBe(401);
      expect(response.body.code).toBe(code);
    }
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetId, key.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      accountId: account.id,
      action: "api_key.rejected",
      actorId: owner.id,
      actorChannel: "api_key",
      actorCredentialId: key.id,
      actorLabel: "old-ci",
      metadata: { reason: code === "api_key_revoked" ? "revoked" : "expired" },
    });
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row!.lastUsedAt).toBeNull();
  });

  it.each([
    ["revoked", { revoked: true }, "api_key_revoked"],
    ["expired", { expiresAt: new Date(Date.now() - 1000), createdAt: new Date(Date.now() - 86_400_000) }, "api_key_expired"],
  ])("a %s platform key: 401 and an audit event", async (_label, options, code) => {
    const key = await createPlatformKey(["accounts:read"], options);
    const response = await call("GET", "/api/v1/me", { token: key.token, ip: testAddress() });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe(code);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetId, key.id));
    expect(events).toMatchObject([{ accountId: null, action: "api_key.rejected", actorChannel: "platform_key", actorCredentialId: key.id }]);
  });

  it(`limits failed keys per address: past ${failedKeyRule.limit}, 429 with Retry-After and RateLimit-*`, async () => {
    const ip = testAddress();
    for (let i = 0; i < failedKeyRule.limit; i++) {
      const response = await call("GET", "/api/v1/me", { token: i % 2 ? "ock_nope" : newToken("apiKey").token, ip });
      expect(response.status).toBe(401);
      expect(response.headers.get("ratelimit-remaining")).toBe(String(failedKeyRule.limit - i - 1));
    }
    const limited = await call("GET", "/api/v1/me", { token: newToken("apiKey").token, ip });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("ratelimit-limit")).toBe(String(failedKeyRule.limit));
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    // Another address is not affected, and a valid key from the limited address still works.
    expect((await call("GET", "/api/v1/me", { token: "ock_nope", ip: testAddress() })).status).toBe(401);
    const owner = await createUser();
    const key = await createMemberKey(owner, await createOrganizationWith({ owner }));
    expect((await call("GET", "/api/v1/me", { token: key.token, ip })).status).toBe(200);
  });
});
