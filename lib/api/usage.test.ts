import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { apiIdempotencyKeys, auditEvents, usageRecords } from "@/db/schema";
import { testMetric } from "@/lib/invoices/test-support";
import { createOrganizationWith, createUser } from "@/test/factories";
import { pruneIdempotencyKeys } from "./idempotency";
import { call, createMemberKey, createPlatformKey } from "./test-support";

const recent = () => new Date(Date.now() - 3_600_000).toISOString();
const record = (metric: string, quantity: string | number = "1.5", idempotencyKey: string = randomUUID()) => ({ metric, quantity, time: recent(), idempotencyKey });

async function setup() {
  const owner = await createUser();
  const account = await createOrganizationWith({ owner });
  const metric = await testMetric("Compute", "vCPU-hour", 21_000);
  const platform = await createPlatformKey(["usage:write"]);
  return { owner, account, metric: metric.id, platform, path: `/api/v1/accounts/${account.slug}/usage` };
}

const rowsOf = (accountId: string) => db.select().from(usageRecords).where(eq(usageRecords.accountId, accountId));

describe("POST /api/v1/accounts/{slug}/usage", () => {
  it("records a batch for a platform key with usage:write, counting a repeated record once, attributed to the platform", async () => {
    const { account, metric, platform, path } = await setup();
    const first = record(metric, "2");
    const response = await call("POST", path, { token: platform.token, body: { records: [first, record(metric, 3.25)] } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ received: 2, recorded: 2, duplicates: 0 });
    const again = await call("POST", path, { token: platform.token, body: { records: [first] } });
    expect(again.body).toEqual({ received: 1, recorded: 0, duplicates: 1 });
    expect(await rowsOf(account.id)).toHaveLength(2);
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, account.id), eq(auditEvents.action, "usage.reported")));
    expect(events[0]).toMatchObject({ actorChannel: "platform_key", actorCredentialId: platform.id, ip: "203.0.113.50" });
  });

  it("refuses the whole batch with one error per failing record, writing nothing", async () => {
    const { account, metric, platform, path } = await setup();
    const duplicate = randomUUID();
    const records = [
      record(metric),
      record("no-such-metric"),
      record(metric, "-1"),
      { ...record(metric), time: new Date(Date.now() + 3_600_000).toISOString() },
      record(metric, "1", duplicate),
      record(metric, "2", duplicate),
      "not a record",
    ];
    const response = await call("POST", path, { token: platform.token, body: { records } });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.body.code).toBe("validation_failed");
    expect(response.body.errors.map((e: { path: unknown[]; code: string }) => [e.path, e.code])).toEqual([
      [["records", 1, "metric"], "unknown_metric"],
      [["records", 2, "quantity"], "invalid_quantity"],
      [["records", 3, "time"], "time_in_future"],
      [["records", 5, "idempotencyKey"], "duplicate_in_batch"],
      [["records", 6], "invalid_record"],
    ]);
    expect(await rowsOf(account.id)).toEqual([]);
  });

  it.each([
    ["no records", { records: [] }, ["records"]],
    ["records not an array", { records: "x" }, ["records"]],
    ["no body fields", {}, ["records"]],
    ["over 1,000 records", { records: Array.from({ length: 1001 }, () => ({})) }, ["records"]],
  ])("answers 422 for %s", async (_label, body, path) => {
    const { platform, path: url } = await setup();
    const response = await call("POST", url, { token: platform.token, body });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe("validation_failed");
    expect(response.body.errors[0].path).toEqual(path);
  });

  it("answers 400 to malformed JSON and 415 to another media type", async () => {
    const { platform, path } = await setup();
    const malformed = await call("POST", path, { token: platform.token, rawBody: '{"records": [', contentType: "application/json" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe("malformed_json");
    const form = await call("POST", path, { token: platform.token, rawBody: "records=1", contentType: "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
    expect(form.body.code).toBe("unsupported_media_type");
  });

  it("refuses member keys (403 forbidden) and platform keys without usage:write (403 insufficient_scope)", async () => {
    const { owner, account, metric, path } = await setup();
    const ownerKey = await createMemberKey(owner, account);
    const asOwner = await call("POST", path, { token: ownerKey.token, body: { records: [record(metric)] } });
    expect(asOwner.status).toBe(403);
    expect(asOwner.body.code).toBe("forbidden");
    const readOnly = await createMemberKey(owner, account, { readOnly: true });
    expect((await call("POST", path, { token: readOnly.token, body: { records: [record(metric)] } })).body.code).toBe("forbidden");
    const reader = await createPlatformKey(["usage:read", "accounts:read"]);
    const asReader = await call("POST", path, { token: reader.token, body: { records: [record(metric)] } });
    expect(asReader.status).toBe(403);
    expect(asReader.body.code).toBe("insufficient_scope");
    expect(await rowsOf(account.id)).toEqual([]);
  });

  it("answers 404 for an unknown account, and for a member key's other accounts", async () => {
    const { owner, metric, platform } = await setup();
    expect((await call("POST", "/api/v1/accounts/no-such-account-here/usage", { token: platform.token, body: { records: [record(metric)] } })).status).toBe(404);
    const other = await createOrganizationWith({ owner });
    const key = await createMemberKey(owner, other);
    const elsewhere = await createOrganizationWith({ owner });
    const response = await call("POST", `/api/v1/accounts/${elsewhere.slug}/usage`, { token: key.token, body: { records: [record(metric)] } });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe("not_found");
  });
});

describe("Idempotency-Key on POST", () => {
  it("replays the first answer to a retry, with Idempotent-Replayed", async () => {
    const { account, metric, platform, path } = await setup();
    const body = { records: [record(metric), record(metric)] };
    const headers = { "Idempotency-Key": `batch-${randomUUID()}` };
    const first = await call("POST", path, { token: platform.token, body, headers });
    expect(first.status).toBe(200);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const retry = await call("POST", path, { token: platform.token, body, headers });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(retry.body).toEqual({ received: 2, recorded: 2, duplicates: 0 });
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.headers.get("ratelimit-limit")).not.toBeNull();
    expect(await rowsOf(account.id)).toHaveLength(2);
  });

  it("refuses the same key with another body (422 idempotency_key_reused)", async () => {
    const { metric, platform, path } = await setup();
    const headers = { "Idempotency-Key": randomUUID() };
    await call("POST", path, { token: platform.token, body: { records: [record(metric)] }, headers });
    const reused = await call("POST", path, { token: platform.token, body: { records: [record(metric)] }, headers });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe("idempotency_key_reused");
  });

  it("keeps keys per credential: another key may use the same Idempotency-Key", async () => {
    const { account, metric, platform, path } = await setup();
    const other = await createPlatformKey(["usage:write"]);
    const headers = { "Idempotency-Key": randomUUID() };
    expect((await call("POST", path, { token: platform.token, body: { records: [record(metric)] }, headers })).status).toBe(200);
    const second = await call("POST", path, { token: other.token, body: { records: [record(metric)] }, headers });
    expect(second.status).toBe(200);
    expect(second.headers.get("idempotent-replayed")).toBeNull();
    expect(await rowsOf(account.id)).toHaveLength(2);
  });

  it("does not keep a validation failure: the fixed request runs under the same key", async () => {
    const { account, metric, platform, path } = await setup();
    const headers = { "Idempotency-Key": randomUUID() };
    expect((await call("POST", path, { token: platform.token, body: { records: [record("no-such-metric")] }, headers })).status).toBe(422);
    const fixed = await call("POST", path, { token: platform.token, body: { records: [record(metric)] }, headers });
    expect(fixed.status).toBe(200);
    expect(await rowsOf(account.id)).toHaveLength(1);
  });

  it("keeps a refusal by a rule: a retry gets the same 403", async () => {
    const { metric, path } = await setup();
    const reader = await createPlatformKey(["usage:read"]);
    const headers = { "Idempotency-Key": randomUUID() };
    const body = { records: [record(metric)] };
    expect((await call("POST", path, { token: reader.token, body, headers })).status).toBe(403);
    const retry = await call("POST", path, { token: reader.token, body, headers });
    expect(retry.status).toBe(403);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.headers.get("content-type")).toBe("application/problem+json");
  });

  it.each([["", "empty"], ["x".repeat(256), "too long"], ["tab\there", "a control character"]])("refuses an Idempotency-Key that is %s (%s)", async (key) => {
    const { metric, platform, path } = await setup();
    const response = await call("POST", path, { token: platform.token, body: { records: [record(metric)] }, headers: { "Idempotency-Key": key } });
    expect(response.status).toBe(422);
    expect(response.body.errors[0]).toMatchObject({ path: ["Idempotency-Key"], code: "invalid_idempotency_key" });
  });

  it("does the work once when the same batch is sent 20 times at once", async () => {
    const { account, metric, platform, path } = await setup();
    const body = { records: Array.from({ length: 50 }, () => record(metric)) };
    const headers = { "Idempotency-Key": randomUUID() };
    const answers = await Promise.all(Array.from({ length: 20 }, () => call("POST", path, { token: platform.token, body, headers })));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.every((status) => status === 200 || status === 409)).toBe(true);
    const ran = answers.filter((answer) => answer.status === 200 && answer.headers.get("idempotent-replayed") === null);
    expect(ran).toHaveLength(1);
    for (const answer of answers.filter((a) => a.status === 409)) {
      expect(answer.body.code).toBe("idempotency_request_in_progress");
      expect(answer.headers.get("retry-after")).toBe("1");
    }
    expect(await rowsOf(account.id)).toHaveLength(50);
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, account.id), eq(auditEvents.action, "usage.reported")));
    expect(events).toHaveLength(1);
    // Once it is done, every retry gets its answer.
    const late = await call("POST", path, { token: platform.token, body, headers });
    expect(late.headers.get("idempotent-replayed")).toBe("true");
    expect(late.body).toEqual({ received: 50, recorded: 50, duplicates: 0 });
  });

  it("takes over a claim left behind by a request that died, and a key past its 24 hours", async () => {
    const { account, metric, platform, path } = await setup();
    const key = randomUUID();
    const body = { records: [record(metric)] };
    await db.insert(apiIdempotencyKeys).values({ credentialId: platform.id, key, method: "POST", path, requestHash: "x", createdAt: new Date(Date.now() - 11 * 60_000) });
    expect((await call("POST", path, { token: platform.token, body, headers: { "Idempotency-Key": key } })).status).toBe(200);
    const old = randomUUID();
    await db.insert(apiIdempotencyKeys).values({ credentialId: platform.id, key: old, method: "POST", path, requestHash: "x", status: 200, responseBody: {}, createdAt: new Date(Date.now() - 25 * 3_600_000) });
    const fresh = await call("POST", path, { token: platform.token, body: { records: [record(metric)] }, headers: { "Idempotency-Key": old } });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get("idempotent-replayed")).toBeNull();
    expect(await rowsOf(account.id)).toHaveLength(2);
  });
});

describe("pruneIdempotencyKeys (the hourly job)", () => {
  it("deletes answers past their 24 hours, in batches, and keeps the younger ones", async () => {
    const { platform, path } = await setup();
    const old = Array.from({ length: 5 }, () => randomUUID());
    const young = randomUUID();
    const row = (key: string, ageHours: number) => ({ credentialId: platform.id, key, method: "POST", path, requestHash: "x", status: 200, responseBody: {}, createdAt: new Date(Date.now() - ageHours * 3_600_000) });
    await db.insert(apiIdempotencyKeys).values([...old.map((key) => row(key, 25)), row(young, 23)]);
    expect(await pruneIdempotencyKeys(2)).toBeGreaterThanOrEqual(old.length);
    const left = await db.select({ key: apiIdempotencyKeys.key }).from(apiIdempotencyKeys).where(eq(apiIdempotencyKeys.credentialId, platform.id));
    expect(left.map((r) => r.key)).toEqual([young]);
  });
});

describe("GET /api/v1/accounts/{slug}/usage", () => {
  it("gives daily and monthly sums to who may see consumption", async () => {
    const { owner, account, metric, platform, path } = await setup();
    const at = new Date(Date.now() - 3_600_000);
    const day = at.toISOString().slice(0, 10);
    await call("POST", path, { token: platform.token, body: { records: [record(metric, "1.5"), record(metric, "2")] } });
    const reader = await createPlatformKey(["usage:read"]);
    const daily = await call("GET", `${path}?granularity=day&metric=${metric}`, { token: reader.token });
    expect(daily.status).toBe(200);
    expect(daily.body.granularity).toBe("day");
    expect(daily.body.data).toEqual([{ metric, period: day, quantity: "3.500000", records: 2 }]);
    const ownerKey = await createMemberKey(owner, account, { readOnly: true });
    const monthly = await call("GET", `${path}?granularity=month`, { token: ownerKey.token });
    expect(monthly.status).toBe(200);
    expect(monthly.body.data).toEqual([{ metric, period: day.slice(0, 7), quantity: "3.500000", records: 2 }]);
  });

  it("refuses members who may not see consumption and platform keys without usage:read", async () => {
    const { owner, account, path } = await setup();
    const member = await createUser();
    const { memberships } = await import("@/db/schema");
    await db.insert(memberships).values({ accountId: account.id, userId: member.id, role: "member" });
    const memberKey = await createMemberKey(member, account);
    expect((await call("GET", path, { token: memberKey.token })).body.code).toBe("forbidden");
    const writer = await createPlatformKey(["usage:write"]);
    expect((await call("GET", path, { token: writer.token })).body.code).toBe("insufficient_scope");
    const developer = await createUser();
    await db.insert(memberships).values({ accountId: account.id, userId: developer.id, role: "developer" });
    expect((await call("GET", path, { token: (await createMemberKey(developer, account)).token })).status).toBe(200);
    expect((await call("GET", path, { token: (await createMemberKey(owner, account)).token })).status).toBe(200);
  });

  it.each([
    ["granularity=week", ["granularity"]],
    ["from=2026-02-30", ["from"]],
    ["to=tomorrow", ["to"]],
    ["metric=Not%20A%20Metric", ["metric"]],
    ["from=2026-11-10&to=2026-11-01", ["from"]],
    ["granularity=day&granularity=month", ["granularity"]],
  ])("answers 422 for ?%s", async (query, path) => {
    const { path: url } = await setup();
    const reader = await createPlatformKey(["usage:read"]);
    const response = await call("GET", `${url}?${query}`, { token: reader.token });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe("validation_failed");
    expect(response.body.errors[0].path).toEqual(path);
  });
});
