import { randomUUID } from "node:crypto";
import http from "node:http";
import { and, eq, like } from "drizzle-orm";
import { expect, test } from "@playwright/test";
import * as schema from "../db/schema";
import { baseURL } from "../playwright.config";
import { createTestOrganization, createTestUser, signInAs, testDb } from "./support/fixtures";
import { outboxToken } from "./support/outbox";

/**
 * What the console's own server (scripts/server.ts) decides before Next.js sees a request: who the
 * client is, whether a forwarded host is believed, how big a body may be, who may read the outbox.
 */

const forgedAddress = () => `203.0.113.${1 + Math.floor(Math.random() * 250)}`;

test("a forged X-Forwarded-For reaches neither the audit log nor the per-network limits", async ({ page }) => {
  const user = await createTestUser("Forged Address");
  const forged = forgedAddress();
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": forged, "X-Real-IP": forged });
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("The email or password is incorrect.")).toBeVisible();
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Forged Address" })).toBeVisible();

  const [signedIn] = await testDb
    .select()
    .from(schema.auditEvents)
    .where(and(eq(schema.auditEvents.actorId, user.id), eq(schema.auditEvents.action, "user.signed_in")));
  expect(signedIn?.ip).toBe("127.0.0.1");
  const buckets = await testDb.select().from(schema.rateLimitBuckets).where(like(schema.rateLimitBuckets.key, `%${forged}%`));
  expect(buckets).toEqual([]);
});

test("a forged X-Forwarded-Host matching a forged Origin does not pass the server-action origin check", async ({ browser, request }) => {
  const user = await createTestUser("Origin Check");
  const context = await browser.newContext();
  await signInAs(context, user);
  const page = await context.newPage();
  await page.goto(`/${user.personalSlug}/settings`);

  // Capture the profile form's server-action request, then replay it with and without forged headers.
  let captured: { url: string; headers: Record<string, string>; body: Buffer } | undefined;
  await page.route(`**/${user.personalSlug}/settings`, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    captured = { url: route.request().url(), headers: await route.request().allHeaders(), body: route.request().postDataBuffer()! };
    await route.abort();
  });
  await page.getByLabel("Name").fill("Renamed By Evil");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect.poll(() => Boolean(captured)).toBe(true);
  const headers = Object.fromEntries(Object.entries(captured!.headers).filter(([name]) => !name.startsWith(":") && name !== "content-length" && name !== "host"));

  const forged = await request.post(captured!.url, { headers: { ...headers, origin: "http://evil.example", "x-forwarded-host": "evil.example" }, data: captured!.body, maxRedirects: 0 });
  expect(forged.status()).toBe(403);
  const [untouched] = await testDb.select().from(schema.users).where(eq(schema.users.id, user.id));
  expect(untouched?.name).toBe("Origin Check");

  // The same request from the real origin goes through: the replay itself is sound.
  const genuine = await request.post(captured!.url, { headers, data: captured!.body, maxRedirects: 0 });
  expect(genuine.status()).toBe(200);
  const [renamed] = await testDb.select().from(schema.users).where(eq(schema.users.id, user.id));
  expect(renamed?.name).toBe("Renamed By Evil");
  await context.close();
});

/** Sends `size` bytes and resolves with the status and how long the answer took (the upload may be cut short). */
function postBytes(path: string, size: number, { chunked = false } = {}): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const url = new URL(path, baseURL);
    const req = http.request({ host: "127.0.0.1", port: url.port, path: url.pathname, method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", ...(chunked ? {} : { "Content-Length": size }) } });
    req.on("response", (response) => {
      resolve({ status: response.statusCode ?? 0, ms: Date.now() - started });
      response.resume();
      req.destroy();
    });
    req.on("error", (error) => reject(error));
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (sent < size && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!req.destroyed) req.end();
    };
    pump();
  });
}

test("a body over the limit gets a 413 within a second, declared or chunked, signed in or not", async () => {
  const declared = await postBytes("/sign-in", 3 * 1024 * 1024);
  expect(declared.status).toBe(413);
  expect(declared.ms).toBeLessThan(1_000);
  const chunked = await postBytes("/some-organization/settings", 3 * 1024 * 1024, { chunked: true });
  expect(chunked.status).toBe(413);
  expect(chunked.ms).toBeLessThan(1_000);
});

test("the outbox opens only with the printed link, then shows the confirmation mail", async ({ page, browser }) => {
  const email = `outbox-${randomUUID().slice(0, 8)}@example.test`;
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Outbox Reader");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a-very-good-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  const stranger = await browser.newContext();
  for (const path of ["/dev/outbox", "/dev/outbox?token=guessed", "/dev/outbox?page=1e20"]) {
    const response = await stranger.request.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.text()).not.toContain(email);
  }
  await stranger.close();

  await page.goto(`/dev/outbox?token=${encodeURIComponent(outboxToken)}`);
  await expect(page).toHaveURL(/\/dev\/outbox$/);
  await expect(page.getByRole("article", { name: `Mail to ${email}: Confirm your email address` })).toBeVisible();
  // The token now lives in a cookie for the outbox only; odd page numbers are just page 1.
  for (const value of ["1e20", "99999999999999999999", "-3", "abc"]) {
    const response = await page.goto(`/dev/outbox?page=${value}`);
    expect(response?.status(), value).toBe(200);
  }
  await expect(page.getByRole("heading", { name: "Dev outbox" })).toBeVisible();
});

test("a logo that is too big gets a field error before it is sent", async ({ page, context }) => {
  const owner = await createTestUser("Logo Owner");
  const organization = await createTestOrganization([[owner, "owner"]]);
  await signInAs(context, owner);
  await page.goto(`/${organization.slug}/settings`);
  const uploads: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") uploads.push(request.url());
  });
  const png = Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), Buffer.alloc(1536 * 1024)]);
  await page.getByLabel("Organization logo", { exact: true }).setInputFiles({ name: "huge.png", mimeType: "image/png", buffer: png });
  await expect(page.getByText("The image must be 512 KB or smaller.")).toBeVisible();
  await page.getByRole("button", { name: "Upload image" }).click();
  await expect(page.getByLabel("Organization logo", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Organization logo", { exact: true })).toBeFocused();
  expect(uploads).toEqual([]);
});

/** The Location a GET answers when it names another Host, as a client can. */
function locationWithForgedHost(path: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port: new URL(baseURL).port, path, headers: { Host: "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" } }, (response) => {
        response.resume();
        resolve(response.headers.location);
      })
      .on("error", reject);
  });
}

test("redirects the console and Auth.js build point at APP_URL whatever Host a request names", async () => {
  // Next.js shortens a same-origin Location to its path; either way it is the console's own.
  const location = await locationWithForgedHost("/some-organization/members");
  expect([`${baseURL}/sign-in?callbackUrl=%2Fsome-organization%2Fmembers`, "/sign-in?callbackUrl=%2Fsome-organization%2Fmembers"]).toContain(location);
  // Auth.js's own pages redirect to the sign-in page on APP_URL (trustHost follows the pinned AUTH_URL).
  const authLocation = await locationWithForgedHost("/api/auth/signin");
  expect(authLocation).toMatch(new RegExp(`^(${baseURL.replace(/[.:/]/g, "\\$&")})?/sign-in`));
  expect(authLocation).toContain(`callbackUrl=${encodeURIComponent(baseURL)}`);
  expect(authLocation).not.toContain("evil.example");
});
