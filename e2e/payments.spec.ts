import AxeBuilder from "@axe-core/playwright";
import { eq } from "drizzle-orm";
import type { Page } from "@playwright/test";
import * as schema from "../db/schema";
import { createTestOrganization, createTestUser, expect, signInAs, test, testDb } from "./support/fixtures";

async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${label}: ${v.id} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

async function billingState(accountId: string) {
  const [account] = await testDb.select({ status: schema.accounts.status }).from(schema.accounts).where(eq(schema.accounts.id, accountId));
  const ledger = await testDb.select().from(schema.ledgerEntries).where(eq(schema.ledgerEntries.accountId, accountId));
  return {
    status: account!.status,
    balance: ledger.reduce((sum, entry) => sum + entry.amountMinor, 0),
    ledger,
    payments: await testDb.select().from(schema.payments).where(eq(schema.payments.accountId, accountId)),
    cards: await testDb.select().from(schema.paymentMethods).where(eq(schema.paymentMethods.accountId, accountId)),
  };
}

const cardNumbers = /4242[ -]?4242[ -]?4242[ -]?424[12]|4000[ -]?0000[ -]?0000[ -]?0002/;

test("a billing manager adds cards, sees a bad number and a declined charge refused, tops up and activates the organization", async ({ browser }) => {
  const [owner, billing] = [await createTestUser("Olga Owner"), await createTestUser("Bea Billing")];
  const organization = await createTestOrganization(
    [
      [owner, "owner"],
      [billing, "billing"],
    ],
    "suspended",
  );
  const context = await browser.newContext();
  await signInAs(context, billing);
  const page = await context.newPage();
  // Every request body that leaves the browser, to check where the card went.
  const sent: { url: string; body: string }[] = [];
  page.on("request", (request) => {
    const body = request.postData();
    if (body) sent.push({ url: new URL(request.url()).pathname, body });
  });

  await page.goto(`/${organization.slug}`);
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Billing" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
  await expect(page.getByText("This organization is suspended")).toBeVisible();
  await expect(page.getByTestId("credit-balance")).toHaveText("€0.00");
  await expect(page.getByText("No cards yet")).toBeVisible();
  await expect(page.getByText("Add a card under Payment methods to top up.")).toBeVisible();

  // A number that fails the Luhn check: refused by the processor, next to the field, with everything kept.
  const cardForm = page.getByRole("form", { name: "Add a card" });
  await cardForm.getByLabel("Name on card").fill("Bea Billing");
  await cardForm.getByLabel("Card number").fill("4242 4242 4242 4241");
  await cardForm.getByLabel("Expiry (MM/YY)").fill("12/34");
  await cardForm.getByLabel("Security code (CVC)").fill("123");
  await cardForm.getByRole("button", { name: "Add card" }).click();
  await expect(cardForm.getByText("This card number is not valid.")).toBeVisible();
  await expect(cardForm.getByLabel("Card number")).toHaveAttribute("aria-invalid", "true");
  await expect(cardForm.getByLabel("Card number")).toBeFocused();
  await expect(cardForm.getByLabel("Name on card")).toHaveValue("Bea Billing");
  await expect(cardForm.getByLabel("Card number")).toHaveValue("4242 4242 4242 4241");
  await expect(cardForm.getByLabel("Expiry (MM/YY)")).toHaveValue("12/34");
  await expect(cardForm.getByLabel("Security code (CVC)")).toHaveValue("123");
  expect((await billingState(organization.id)).cards).toHaveLength(0);

  // The card that is declined when charged is accepted as a card.
  await cardForm.getByLabel("Card number").fill("4000 0000 0000 0002");
  await cardForm.getByRole("button", { name: "Add card" }).click();
  await expect(page.getByText("Card added.").first()).toBeVisible();
  await expect(cardForm.getByLabel("Card number")).toHaveValue("");
  await expect(cardForm.getByLabel("Security code (CVC)")).toHaveValue("");
  const savedCards = page.getByRole("list", { name: "Saved cards" });
  await expect(savedCards.getByRole("listitem")).toHaveCount(1);
  await expect(savedCards.getByRole("listitem").first()).toContainText("Visa •••• ending in 0002");
  await expect(savedCards.getByRole("listitem").first()).toContainText("Default");
  await expect(savedCards.getByRole("listitem").first()).toContainText("Bea Billing · Expires 12/34");

  // A declined top-up says so and changes nothing but the failed payment's record.
  const topUpForm = page.getByRole("form", { name: "Top up credits" });
  await topUpForm.getByLabel("Amount (EUR)").fill("25.00");
  await topUpForm.getByRole("button", { name: "Top up" }).click();
  await expect(topUpForm.getByText("Your card was declined.")).toBeVisible();
  await expect(topUpForm.getByLabel("Amount (EUR)")).toHaveValue("25.00");
  await expect(page.getByTestId("credit-balance")).toHaveText("€0.00");
  await expect(page.getByText("This organization is suspended")).toBeVisible();
  let state = await billingState(organization.id);
  expect(state).toMatchObject({ status: "suspended", balance: 0, ledger: [] });
  expect(state.payments).toEqual([expect.objectContaining({ status: "failed", failureCode: "card_declined", amountMinor: 2500 })]);

  // A card that works, made the default.
  await cardForm.getByLabel("Card number").fill("4242 4242 4242 4242");
  await cardForm.getByLabel("Expiry (MM/YY)").fill("12/34");
  await cardForm.getByLabel("Security code (CVC)").fill("123");
  await cardForm.getByRole("button", { name: "Add card" }).click();
  await expect(savedCards.getByRole("listitem")).toHaveCount(2);
  await page.getByRole("button", { name: "Set Visa ending in 4242 as the default card" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Set as default" }).click();
  await expect(page.getByText("Default card changed.").first()).toBeVisible();
  await expect(topUpForm.getByLabel("Card", { exact: true }).locator("option:checked")).toHaveText("Visa •••• 4242 (default)");

  // The first successful payment activates the organization.
  await topUpForm.getByLabel("Amount (EUR)").fill("25.00");
  await topUpForm.getByRole("button", { name: "Top up" }).click();
  await expect(page.getByText("€25.00 added to your credits. The organization is now active.").first()).toBeVisible();
  await expect(page.getByTestId("credit-balance")).toHaveText("€25.00");
  await expect(page.getByText("This organization is suspended")).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Recent credit movements" })).toContainText("Top-up with Visa •••• 4242");
  await expect(page.getByRole("table", { name: "Recent credit movements" })).toContainText("+€25.00");
  state = await billingState(organization.id);
  expect(state).toMatchObject({ status: "active", balance: 2500 });

  // The declined card goes.
  await page.getByRole("button", { name: "Remove Visa ending in 0002" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove card" }).click();
  await expect(page.getByText("Card removed.").first()).toBeVisible();
  await expect(savedCards.getByRole("listitem")).toHaveCount(1);

  await expectNoSeriousViolations(page, "billing");

  // The card went to the processor's endpoint only; the console saw tokens, and keeps brand, last 4 and expiry.
  const toConsole = sent.filter((request) => request.url !== "/api/sandbox-payments/tokens");
  expect(sent.filter((request) => request.url === "/api/sandbox-payments/tokens")).toHaveLength(3);
  expect(toConsole.some((request) => request.body.includes("tok_sandbox_"))).toBe(true);
  for (const request of toConsole) expect(request.body, request.url).not.toMatch(cardNumbers);
  state = await billingState(organization.id);
  expect(state.cards).toEqual([expect.objectContaining({ brand: "Visa", last4: "4242", expMonth: 12, expYear: 2034, holderName: "Bea Billing", isDefault: true, providerToken: expect.stringMatching(/^pm_sandbox_/) })]);
  expect(JSON.stringify(state)).not.toMatch(cardNumbers);
  await context.close();
});

test("a developer reaches consumption but not billing; a member reaches neither", async ({ browser }) => {
  const [owner, developer, member] = [await createTestUser("Olga Owner"), await createTestUser("Dev Developer"), await createTestUser("Mo Member")];
  const organization = await createTestOrganization([
    [owner, "owner"],
    [developer, "developer"],
    [member, "member"],
  ]);
  for (const [user, reachesConsumption] of [
    [developer, true],
    [member, false],
  ] as const) {
    const context = await browser.newContext();
    await signInAs(context, user);
    const page = await context.newPage();
    await page.goto(`/${organization.slug}`);
    const nav = page.getByRole("navigation", { name: "Account" });
    await expect(nav.getByRole("link", { name: "Billing" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Consumption" })).toHaveCount(reachesConsumption ? 1 : 0);
    expect((await page.goto(`/${organization.slug}/billing`))?.status(), `${user.name} on billing`).toBe(404);
    expect((await page.goto(`/${organization.slug}/consumption`))?.status(), `${user.name} on consumption`).toBe(reachesConsumption ? 200 : 404);
    await context.close();
  }
});

test("card data is refused by every endpoint except the processor's tokenization endpoint", async ({ page, context }) => {
  const owner = await createTestUser("Olga Owner");
  const organization = await createTestOrganization([[owner, "owner"]]);
  await signInAs(context, owner);

  const refused = [
    await page.request.post("/sign-in", { form: { email: owner.email, password: "4242424242424242" } }),
    await page.request.post(`/${organization.slug}/billing`, { headers: { "Next-Action": "0".repeat(42) }, multipart: { "1_note": "pay with 4242 4242 4242 4242 please" } }),
    await page.request.post(`/${organization.slug}/settings`, { headers: { "Next-Action": "0".repeat(42) }, multipart: { "1_cvc": "123" } }),
    await page.request.post("/api/auth/callback/credentials", { data: { card: { cardNumber: "x" } } }),
  ];
  for (const response of refused) {
    expect(response.status(), response.url()).toBe(400);
    expect(await response.json()).toMatchObject({ error: "card_data_refused" });
  }

  // Not everything long and numeric is a card: a UUID, a timestamp and a phone number pass the guard.
  const ordinary = await page.request.post("/sign-in", { form: { id: "7c9e6679-7425-40de-944b-e07fc1f90ae7", at: String(Date.now()), phone: "+33 6 12 34 56 78" } });
  expect(ordinary.status()).not.toBe(400);

  const tokenized = await page.request.post("/api/sandbox-payments/tokens", { data: { holderName: "Olga Owner", number: "4242424242424242", expMonth: "12", expYear: "34", cvc: "123" } });
  expect(tokenized.status()).toBe(200);
  expect(tokenized.headers()["cache-control"]).toBe("no-store");
  expect(await tokenized.json()).toEqual({ token: expect.stringMatching(/^tok_sandbox_/), brand: "Visa", last4: "4242", expMonth: 12, expYear: 2034 });
});

test("card data cannot get in by another encoding or an excluded-looking path; a SIRET in an address line is saved", async ({ page, context }) => {
  const owner = await createTestUser("Olga Owner");
  const organization = await createTestOrganization([[owner, "owner"]]);
  await signInAs(context, owner);

  // The settings form's own request, with the description re-sent as a UTF-16 part: refused, nothing stored.
  await page.goto(`/${organization.slug}/settings`);
  const statuses: number[] = [];
  await page.route(`**/${organization.slug}/settings`, async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.continue();
    const body = request.postDataBuffer()!.toString("latin1");
    const asUtf16 = body.replace(
      /(Content-Disposition: form-data; name="(?:_?\d+_)?description")\r\n\r\n([^\r]*)\r\n/,
      (_match, header: string, value: string) => `${header}\r\nContent-Type: text/plain; charset=utf-16le\r\n\r\n${Buffer.from(Buffer.from(value, "latin1").toString("utf8"), "utf16le").toString("latin1")}\r\n`,
    );
    expect(asUtf16).not.toBe(body);
    const response = await route.fetch({ postData: Buffer.from(asUtf16, "latin1") });
    statuses.push(response.status());
    await route.fulfill({ response });
  });
  await page.getByLabel("Description").fill("Pay with 4242 4242 4242 4242 please");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect.poll(() => statuses).toEqual([400]);
  await page.unroute(`**/${organization.slug}/settings`);
  const [account] = await testDb.select({ description: schema.accounts.description }).from(schema.accounts).where(eq(schema.accounts.id, organization.id));
  expect(account!.description).not.toMatch(cardNumbers);
  const audit = await testDb.select({ metadata: schema.auditEvents.metadata }).from(schema.auditEvents).where(eq(schema.auditEvents.accountId, organization.id));
  expect(JSON.stringify(audit)).not.toMatch(cardNumbers);

  // Raw requests: other charsets, and slugs that look like the files the proxy skips.
  const utf16Body = (charset: string) =>
    Buffer.concat([
      Buffer.from(`--b0undary\r\nContent-Disposition: form-data; name="1_description"\r\nContent-Type: text/plain; charset=${charset}\r\n\r\n`),
      Buffer.from("pay with 4242 4242 4242 4242", "utf16le"),
      Buffer.from("\r\n--b0undary--\r\n"),
    ]);
  const action = { "Next-Action": "0".repeat(42), "Content-Type": "multipart/form-data; boundary=b0undary" };
  for (const [path, charset] of [
    [`/${organization.slug}/settings`, "utf-16le"],
    ["/faviconxico/settings", "utf-8"],
    ["/robots1txt-eu/settings", "utf-8"],
    ["/favicon.ico/settings", "utf-8"],
  ] as const) {
    const body = charset === "utf-8" ? Buffer.from("--b0undary\r\nContent-Disposition: form-data; name=\"1_description\"\r\n\r\n4242 4242 4242 4242\r\n--b0undary--\r\n") : utf16Body(charset);
    const response = await page.request.post(path, { headers: action, data: body });
    expect(response.status(), path).toBe(400);
    expect(await response.json(), path).toMatchObject({ error: "card_data_refused" });
  }
  const unreadable = await page.request.post(`/${organization.slug}/settings`, { headers: { ...action, "Content-Type": "text/plain; charset=x-unheard-of" }, data: "4242 4242 4242 4242" });
  expect(unreadable.status()).toBe(415);
  expect(await unreadable.json()).toMatchObject({ error: "unsupported_charset" });

  // The whole body is read: a card at the very end of a body just under the 1 MiB limit is found,
  // and the answer comes at once.
  const padded = `--b0undary\r\nContent-Disposition: form-data; name="1_description"\r\n\r\n${"a ".repeat(500 * 1024)}4242 4242 4242 4242\r\n--b0undary--\r\n`;
  const started = Date.now();
  const large = await page.request.post(`/${organization.slug}/settings`, { headers: action, data: padded, timeout: 15_000 });
  expect(large.status()).toBe(400);
  expect(Date.now() - started).toBeLessThan(5_000);
  // And a harmless body of that size reaches the console and gets its answer too.
  const harmlessStarted = Date.now();
  const harmless = await page.request.post(`/${organization.slug}/settings`, { headers: action, data: padded.replace("4242 4242 4242 4242", "ordinary text"), timeout: 15_000 });
  // (It is not a well-formed action call, so the console refuses it, but not as card data.)
  expect(harmless.status()).toBeLessThan(500);
  expect(await harmless.text()).not.toContain("card_data_refused");
  expect(Date.now() - harmlessStarted).toBeLessThan(5_000);

  // A real SIRET is not a card: the billing profile keeps it.
  await page.goto(`/${organization.slug}/billing`);
  const form = page.getByRole("form", { name: "Billing profile" });
  await form.getByLabel("Legal name").fill("Société Générale");
  await form.getByLabel("Street address").fill("29 boulevard Haussmann");
  await form.getByLabel("Address line 2 (optional)").fill("SIRET 55212022200013");
  await form.getByLabel("Postal code").fill("75009");
  await form.getByLabel("City").fill("Paris");
  await form.getByLabel("Country").selectOption("FR");
  await form.getByLabel("Billing email").fill("factures@sg.example");
  await form.getByRole("button", { name: "Save billing profile" }).click();
  await expect(page.getByText("Billing profile saved.").first()).toBeVisible();
  const [profile] = await testDb.select().from(schema.billingProfiles).where(eq(schema.billingProfiles.accountId, organization.id));
  expect(profile).toMatchObject({ addressLine2: "SIRET 55212022200013", city: "Paris" });
});

test("the billing page is accessible in dark mode and fits a phone", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "dark", viewport: { width: 375, height: 740 } });
  const billing = await createTestUser("Bea Billing");
  const organization = await createTestOrganization([[billing, "billing"]], "suspended");
  await signInAs(context, billing);
  const page = await context.newPage();
  await page.goto(`/${organization.slug}/billing`);
  await expect(page.getByRole("form", { name: "Add a card" })).toBeVisible();
  await page.getByRole("form", { name: "Add a card" }).getByRole("button", { name: "Add card" }).click();
  await expect(page.getByText("Enter the name on the card.")).toBeVisible();
  await expectNoSeriousViolations(page, "billing (dark, phone)");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});
