import { randomUUID } from "node:crypto";
import http from "node:http";
import { and, eq } from "drizzle-orm";
import { expect, test } from "@playwright/test";
import * as schema from "../db/schema";
import { baseURL } from "../playwright.config";
import { createTestMemberKey, createTestPlatformKey } from "./support/api-keys";
import { createTestOrganization, createTestUser, testDb } from "./support/fixtures";

/**
 * The REST API through the console's real server path: scripts/server.ts (client address, body
 * limit), proxy.ts (card-data guard, no sign-in redirect, security headers), Next's route handler
 * and the Hono app behind it.
 */
const PROBLEM = "application/problem+json";

async function organizationWithKey() {
  const owner = await createTestUser("API Owner");
  const account = await createTestOrganization([[owner, "owner"]]);
  const key = await createTestMemberKey(owner.id, account.id);
  return { owner, account, key, auth: { Authorization: `Bearer ${key.token}` } };
}

test("GET /api/v1/me answers the key's caller and records its use from the address the server decided", async ({ request }) => {
  const { owner, account, key, auth } = await organizationWithKey();
  const response = await request.get("/api/v1/me", { headers: { ...auth, "X-Forwarded-For": "203.0.113.77" } });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  expect(response.headers()["ratelimit-limit"]).toBeTruthy();
  expect(response.headers()["ratelimit-remaining"]).toBeTruthy();
  expect(await response.json()).toMatchObject({ kind: "member", user: { id: owner.id }, account: { slug: account.slug }, role: "owner" });
  const [row] = await testDb.select().from(schema.apiKeys).where(eq(schema.apiKeys.id, key.id));
  expect(row!.lastUsedAt).not.toBeNull();
  expect(row!.lastUsedIp).toBe("127.0.0.1");
});

test("without a key the API answers 401 problem+json, never a redirect to sign-in", async ({ request }) => {
  for (const path of ["/api/v1/me", "/api/v1/accounts/anything/members", "/api/v1/nope"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(401);
    expect(response.headers()["content-type"]).toBe(PROBLEM);
    expect(response.headers()["location"]).toBeUndefined();
    expect(response.headers()["www-authenticate"]).toContain("Bearer");
    expect((await response.json()).code).toBe("unauthenticated");
  }
});

test("a key in the query string is refused", async ({ request }) => {
  const { key } = await organizationWithKey();
  const response = await request.get(`/api/v1/me?api_key=${key.token}`);
  expect(response.status()).toBe(401);
  expect((await response.json()).code).toBe("credentials_in_query");
});

test("unknown operations are 404 problems, wrong methods 405 with Allow", async ({ request }) => {
  const { auth } = await organizationWithKey();
  const missing = await request.get("/api/v1/nothing-here", { headers: auth });
  expect(missing.status()).toBe(404);
  expect(missing.headers()["content-type"]).toBe(PROBLEM);
  const wrong = await request.delete("/api/v1/me", { headers: auth });
  expect(wrong.status()).toBe(405);
  expect(wrong.headers()["allow"]).toBe("GET, HEAD");
  expect((await wrong.json()).code).toBe("method_not_allowed");
});

test("the document is public and lists every operation", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  const document = await response.json();
  expect(document.openapi).toBe("3.1.0");
  expect(document.servers[0].url).toBe(baseURL);
  expect(Object.keys(document.paths)).toContain("/api/v1/me");
});

test("a body over the limit is refused by the server with a 413 problem", async () => {
  const { auth } = await organizationWithKey();
  const body = Buffer.alloc(1024 * 1024 + 10, "a");
  const answer = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const req = http.request(`${baseURL}/api/v1/accounts/x/usage`, { method: "POST", headers: { ...auth, "Content-Type": "application/json", "Content-Length": body.length } }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, type: String(res.headers["content-type"]), body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
  expect(answer.status).toBe(413);
  expect(answer.type).toBe(PROBLEM);
  expect(JSON.parse(answer.body)).toMatchObject({ status: 413, code: "payload_too_large" });
});

test("card data in an API body is refused by the proxy with a problem, before the API sees it", async ({ request }) => {
  const platform = await createTestPlatformKey(["usage:write"]);
  const { account } = await organizationWithKey();
  const response = await request.post(`/api/v1/accounts/${account.slug}/usage`, {
    headers: { Authorization: `Bearer ${platform.token}` },
    data: { records: [{ metric: "compute.hours", quantity: "1", time: new Date().toISOString(), idempotencyKey: "4111 1111 1111 1111" }] },
  });
  expect(response.status()).toBe(400);
  expect(response.headers()["content-type"]).toBe(PROBLEM);
  expect((await response.json()).code).toBe("card_data_refused");
});

test("malformed JSON is a 400 problem, not a 500", async ({ request }) => {
  const platform = await createTestPlatformKey(["usage:write"]);
  const { account } = await organizationWithKey();
  const response = await request.post(`/api/v1/accounts/${account.slug}/usage`, {
    headers: { Authorization: `Bearer ${platform.token}`, "Content-Type": "application/json" },
    data: Buffer.from('{"records": ['),
  });
  expect(response.status()).toBe(400);
  expect((await response.json()).code).toBe("malformed_json");
});

test("the same usage batch sent 20 times at once with one Idempotency-Key is recorded once", async ({ request }) => {
  const platform = await createTestPlatformKey(["usage:write"]);
  const { account } = await organizationWithKey();
  const metric = `e2e-${randomUUID().slice(0, 8)}`;
  await testDb.insert(schema.metrics).values({ id: metric, name: "E2E metric", unit: "unit", unitPriceMicros: 1000, currency: "EUR" });
  const time = new Date(Date.now() - 60_000).toISOString();
  const data = { records: Array.from({ length: 20 }, (_, i) => ({ metric, quantity: "1", time, idempotencyKey: `r-${i}` })) };
  const headers = { Authorization: `Bearer ${platform.token}`, "Idempotency-Key": randomUUID() };
  const answers = await Promise.all(Array.from({ length: 20 }, () => request.post(`/api/v1/accounts/${account.slug}/usage`, { headers, data })));
  const fresh = answers.filter((answer) => answer.status() === 200 && answer.headers()["idempotent-replayed"] === undefined);
  expect(fresh).toHaveLength(1);
  expect(answers.every((answer) => [200, 409].includes(answer.status()))).toBe(true);
  const rows = await testDb.select().from(schema.usageRecords).where(and(eq(schema.usageRecords.accountId, account.id), eq(schema.usageRecords.metricId, metric)));
  expect(rows).toHaveLength(20);
});
