import AxeBuilder from "@axe-core/playwright";
import { and, eq } from "drizzle-orm";
import type { BrowserContext, Page } from "@playwright/test";
import * as schema from "../db/schema";
import { hashSecret, newToken } from "../lib/api-keys/token";
import { createTestOrganization, createTestUser, expect, signInAs, test, testDb, type TestUser } from "./support/fixtures";

async function openApiKeys(page: Page, slug: string) {
  await page.goto(`/${slug}/api-keys`);
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
}

async function keysIn(accountId: string) {
  return testDb.select().from(schema.apiKeys).where(eq(schema.apiKeys.accountId, accountId));
}

/** A key made directly in the database, as the screen would have made it. */
async function insertKey(accountId: string, user: TestUser, name: string) {
  const token = newToken("apiKey");
  const [row] = await testDb
    .insert(schema.apiKeys)
    .values({ accountId, userId: user.id, name, displayPrefix: token.displayPrefix, last4: token.last4, secretHash: token.secretHash })
    .returning();
  return { ...row!, secret: token.token };
}

async function signedIn(browser: { newContext: (options?: object) => Promise<BrowserContext> }, user: TestUser, options: object = {}) {
  const context = await browser.newContext(options);
  await signInAs(context, user);
  return { context, page: await context.newPage() };
}

async function createKeyOnScreen(page: Page, name: string, expiry = "30 days") {
  const form = page.getByRole("form", { name: "Create an API key" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Expires after").selectOption({ label: expiry });
  await form.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog", { name: `Copy your new key "${name}"` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("you won't see it again");
  const secret = await dialog.getByLabel("API key", { exact: true }).inputValue();
  expect(secret).toMatch(/^ock_[0-9A-Za-z]{36}$/);
  return { dialog, secret };
}

test("a developer creates a key, copies the secret shown once, and revokes it", async ({ browser, baseURL }) => {
  const [owner, developer] = [await createTestUser("Olga Owner"), await createTestUser("Dana Developer")];
  const organization = await createTestOrganization([
    [owner, "owner"],
    [developer, "developer"],
  ]);
  const { context, page } = await signedIn(browser, developer);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL! });
  await page.goto(`/${organization.slug}`);
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await expect(page.getByText("No API keys yet")).toBeVisible();

  const { dialog, secret } = await createKeyOnScreen(page, "ci-deploy");
  await dialog.getByRole("button", { name: "Copy the API key" }).click();
  await expect(dialog.getByRole("button", { name: "Copy the API key" })).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  const [row] = await keysIn(organization.id);
  expect(row).toMatchObject({ userId: developer.id, name: "ci-deploy", secretHash: hashSecret(secret), readOnly: false });
  await dialog.getByRole("button", { name: "I have copied it" }).click();
  await expect(dialog).toHaveCount(0);

  // The list shows only the prefix and last 4; the secret is nowhere in the page, and gone after a reload.
  const table = page.getByRole("table", { name: "API keys" });
  await expect(table.getByRole("row", { name: /ci-deploy/ })).toContainText(`${row!.displayPrefix}…${row!.last4}`);
  await expect(table.getByRole("row", { name: /ci-deploy/ })).toContainText("Never");
  await expect(table.getByRole("columnheader", { name: "Owner" })).toHaveCount(0);
  await page.reload();
  await expect(table.getByRole("row", { name: /ci-deploy/ })).toContainText("Active");
  expect(await page.content()).not.toContain(secret);

  // The same name again is refused beside the field; a read-only key gets its badge.
  const form = page.getByRole("form", { name: "Create an API key" });
  await form.getByLabel("Name").fill("CI-Deploy");
  await form.getByRole("button", { name: "Create key" }).click();
  await expect(form.getByText(/You already have a key named "CI-Deploy" here/)).toBeVisible();
  await expect(form.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await form.getByLabel("Name").fill("reporting");
  await form.getByLabel("Read-only").check();
  await form.getByRole("button", { name: "Create key" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "I have copied it" }).click();
  await expect(table.getByRole("row", { name: /reporting/ })).toContainText("Read-only");

  await table.getByRole("button", { name: "Revoke the key ci-deploy" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText('API key "ci-deploy" revoked.').first()).toBeVisible();
  await expect(table.getByRole("row", { name: /ci-deploy/ })).toContainText("Revoked");
  await expect(table.getByRole("button", { name: "Revoke the key ci-deploy" })).toHaveCount(0);
  const [revoked] = await testDb.select().from(schema.apiKeys).where(eq(schema.apiKeys.id, row!.id));
  expect(revoked!.revokedAt).not.toBeNull();
  expect(revoked!.revokedById).toBe(developer.id);
  await context.close();
});

test("an owner sees a developer's key with its owner and revokes it; the personal space has its own keys", async ({ browser }) => {
  const [owner, developer] = [await createTestUser("Olga Owner"), await createTestUser("Dana Developer")];
  const organization = await createTestOrganization([
    [owner, "owner"],
    [developer, "developer"],
  ]);
  const developerKey = await insertKey(organization.id, developer, "deploy-bot");
  const { context, page } = await signedIn(browser, owner);
  await openApiKeys(page, organization.slug);
  await expect(page.getByRole("heading", { name: "Every member's keys" })).toBeVisible();
  const table = page.getByRole("table", { name: "API keys" });
  await expect(table.getByRole("columnheader", { name: "Owner" })).toBeVisible();
  const row = table.getByRole("row", { name: /deploy-bot/ });
  await expect(row).toContainText("Dana Developer");
  await expect(row).toContainText(developer.email);
  await row.getByRole("button", { name: "Revoke the key deploy-bot of Dana Developer" }).click();
  const dialog = page.getByRole("dialog", { name: 'Revoke the key "deploy-bot" of Dana Developer?' });
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText('API key "deploy-bot" revoked.').first()).toBeVisible();
  const [revoked] = await testDb.select().from(schema.apiKeys).where(eq(schema.apiKeys.id, developerKey.id));
  expect(revoked!.revokedById).toBe(owner.id);

  // The owner's personal space: its own list, with no organization key in it.
  await openApiKeys(page, owner.personalSlug);
  await expect(page.getByText("No API keys yet")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your keys" })).toBeVisible();
  const { dialog: created } = await createKeyOnScreen(page, "deploy-bot", "Never expires");
  await created.getByRole("button", { name: "I have copied it" }).click();
  await expect(table.getByRole("row", { name: /deploy-bot/ })).toContainText("Active");
  const [personal] = await testDb.select({ id: schema.accounts.id }).from(schema.accounts).where(eq(schema.accounts.slug, owner.personalSlug));
  const [personalKey] = await keysIn(personal!.id);
  expect(personalKey).toMatchObject({ userId: owner.id, name: "deploy-bot", expiresAt: null, revokedAt: null });
  await context.close();
});

test("a member sees why they cannot create keys, and a form loaded by a developer but submitted as the member changes nothing", async ({ browser }) => {
  const [owner, developer, member] = [await createTestUser("Olga Owner"), await createTestUser("Dana Developer"), await createTestUser("Mo Member")];
  const organization = await createTestOrganization([
    [owner, "owner"],
    [developer, "developer"],
    [member, "member"],
  ]);
  const memberSession = await signedIn(browser, member);
  await openApiKeys(memberSession.page, organization.slug);
  await expect(memberSession.page.getByText("Your role cannot create API keys here")).toBeVisible();
  await expect(memberSession.page.getByText("Your role in this organization is Member")).toBeVisible();
  await expect(memberSession.page.getByRole("form", { name: "Create an API key" })).toHaveCount(0);

  // Create: load the form as the developer, swap in the member's session, submit.
  const developerKey = await insertKey(organization.id, developer, "deploy-bot");
  const { context, page } = await signedIn(browser, developer);
  await openApiKeys(page, organization.slug);
  await page.getByRole("form", { name: "Create an API key" }).getByLabel("Name").fill("taken-over");
  await context.clearCookies();
  await context.addCookies(await memberSession.context.cookies());
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("You do not have permission to do that.").first()).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // Revoke: the developer's own key, confirmed under the member's session.
  await page.getByRole("table", { name: "API keys" }).getByRole("button", { name: "Revoke the key deploy-bot" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("dialog").getByText("You do not have permission to do that.")).toBeVisible();

  const keys = await keysIn(organization.id);
  expect(keys.map((k) => [k.id, k.revokedAt])).toEqual([[developerKey.id, null]]);
  const events = await testDb.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.accountId, organization.id), eq(schema.auditEvents.targetType, "api_key")));
  expect(events).toEqual([]);
  await context.close();
  await memberSession.context.close();
});

test("the journey: a key made on the screen and copied calls the API, shows its last use, and is refused once revoked", async ({ browser, baseURL, playwright }) => {
  const [owner, developer] = [await createTestUser("Olga Owner"), await createTestUser("Dana Developer")];
  const organization = await createTestOrganization([
    [owner, "owner"],
    [developer, "developer"],
  ]);
  const { context, page } = await signedIn(browser, developer);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL! });
  await openApiKeys(page, organization.slug);
  const { dialog } = await createKeyOnScreen(page, "journey");
  await dialog.getByRole("button", { name: "Copy the API key" }).click();
  await expect(dialog.getByRole("button", { name: "Copy the API key" })).toContainText("Copied");
  const secret = await page.evaluate(() => navigator.clipboard.readText());
  expect(secret).toMatch(/^ock_/);
  await dialog.getByRole("button", { name: "I have copied it" }).click();
  const lastUsed = page.getByRole("table", { name: "API keys" }).getByRole("row", { name: /journey/ }).getByRole("cell").nth(2);
  await expect(lastUsed).toHaveText("Never");

  // A program, with no cookie: only the bearer header.
  const api = await playwright.request.newContext({ baseURL });
  const me = await api.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({
    kind: "member",
    key: { name: "journey", readOnly: false },
    user: { id: developer.id, email: developer.email },
    account: { slug: organization.slug, kind: "organization" },
    role: "developer",
  });

  await page.reload();
  await expect(lastUsed).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\s*from \S+$/);

  await page.getByRole("table", { name: "API keys" }).getByRole("button", { name: "Revoke the key journey" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText('API key "journey" revoked.').first()).toBeVisible();
  const refused = await api.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toContain("application/problem+json");
  expect(await refused.json()).toMatchObject({ status: 401, code: "api_key_revoked" });
  await api.dispose();
  await context.close();
});

test("a long list pages with Older and Newer links", async ({ page, context }) => {
  const owner = await createTestUser("Pia Pager");
  const organization = await createTestOrganization([[owner, "owner"]]);
  for (let i = 1; i <= 21; i++) {
    const key = await insertKey(organization.id, owner, `key-${String(i).padStart(2, "0")}`);
    await testDb.update(schema.apiKeys).set({ createdAt: new Date(Date.UTC(2026, 10, i)) }).where(eq(schema.apiKeys.id, key.id));
  }
  await signInAs(context, owner);
  await openApiKeys(page, organization.slug);
  const table = page.getByRole("table", { name: "API keys" });
  await expect(table.getByRole("row")).toHaveCount(21);
  await expect(table.getByRole("row").nth(1)).toContainText("key-21");
  await page.getByRole("link", { name: "Older" }).click();
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("row").nth(1)).toContainText("key-01");
  await page.getByRole("link", { name: "Newer" }).click();
  await expect(table.getByRole("row").nth(1)).toContainText("key-21");
  await expect(page).toHaveURL(new RegExp(`/${organization.slug}/api-keys\\?before=`));
});

async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${label}: ${v.id} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`axe finds nothing serious on the API keys screen at 1280 and 390 px (${colorScheme})`, async ({ browser }) => {
    const [owner, developer] = [await createTestUser("Ada Access"), await createTestUser("Dev Access")];
    const organization = await createTestOrganization([
      [owner, "owner"],
      [developer, "developer"],
    ]);
    const key = await insertKey(organization.id, developer, "deploy-bot");
    await testDb.update(schema.apiKeys).set({ lastUsedAt: new Date(), lastUsedIp: "198.51.100.7", readOnly: true }).where(eq(schema.apiKeys.id, key.id));
    await insertKey(organization.id, owner, "revoked-one").then((revoked) =>
      testDb.update(schema.apiKeys).set({ revokedAt: new Date(), revokedById: owner.id }).where(eq(schema.apiKeys.id, revoked.id)),
    );
    const { context, page } = await signedIn(browser, owner, { colorScheme, viewport: { width: 1280, height: 900 } });
    await openApiKeys(page, organization.slug);
    await expect(page.getByRole("table", { name: "API keys" })).toBeVisible();
    await expect(page.getByRole("list", { name: "API keys" })).toBeHidden();
    await expectNoSeriousViolations(page, `1280 ${colorScheme}`);

    await page.setViewportSize({ width: 390, height: 844 });
    const cards = page.getByRole("list", { name: "API keys" });
    await expect(cards).toBeVisible();
    await expect(page.getByRole("table", { name: "API keys" })).toBeHidden();
    await expect(cards.getByRole("listitem").filter({ hasText: "deploy-bot" })).toContainText("Dev Access");
    await expect(cards.getByRole("listitem").filter({ hasText: "deploy-bot" })).toContainText("from 198.51.100.7");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoSeriousViolations(page, `390 ${colorScheme}`);

    // The one-time dialog, reached and left with the keyboard.
    await page.getByRole("form", { name: "Create an API key" }).getByLabel("Name").fill("keyboard");
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: 'Copy your new key "keyboard"' });
    await expect(dialog).toBeVisible();
    await expectNoSeriousViolations(page, `dialog ${colorScheme}`);
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await context.close();
  });
}
