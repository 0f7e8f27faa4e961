import AxeBuilder from "@axe-core/playwright";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import * as schema from "../db/schema";
import { resetConfigForTests } from "../lib/config";
import { monthToBill, runBillingForMonth } from "../lib/invoices/billing-run";
import { createTestOrganization, createTestUser, expect, signInAs, test, testDb } from "./support/fixtures";
import { waitForMail } from "./support/mail";
import { SMTP_PORT } from "./support/mailbox";

/**
 * Runs the billing run in this test process, configured like the console (mail over the journeys'
 * SMTP server), so that the console's worker delivers the "invoice issued" mail and collects the
 * payment. The setting is restored afterwards: other specs may share this worker process.
 */
async function billLastMonth(accountId: string) {
  const previous = process.env.SMTP_URL;
  process.env.SMTP_URL = `smtp://127.0.0.1:${SMTP_PORT}`;
  resetConfigForTests();
  try {
    return await runBillingForMonth(monthToBill(), { accountIds: [accountId] });
  } finally {
    if (previous === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = previous;
    resetConfigForTests();
  }
}

async function setUpLastMonth({ credits = 10_000 } = {}) {
  const id = randomUUID().slice(0, 8);
  const [owner, biller, developer, stranger] = [await createTestUser("Olga Owner"), await createTestUser("Bea Billing"), await createTestUser("Dev Developer"), await createTestUser("Sam Stranger")];
  const organization = await createTestOrganization([
    [owner, "owner"],
    [biller, "billing"],
    [developer, "developer"],
  ]);
  const strangers = await createTestOrganization([[stranger, "owner"]]);
  const metricId = `e2e-compute-${id}`;
  await testDb.insert(schema.metrics).values({ id: metricId, name: `Compute ${id}`, unit: "vCPU-hour", unitPriceMicros: 4_200, currency: "EUR" });
  const month = monthToBill();
  await testDb.insert(schema.usageRecords).values({ accountId: organization.id, metricId, quantity: "1000", recordedAt: new Date(`${month}-15T12:00:00Z`) });
  await testDb.insert(schema.billingProfiles).values({
    accountId: organization.id,
    legalName: `Acheteur ${id} SARL`,
    addressLine1: "12 avenue des Tests",
    postalCode: "69001",
    city: "Lyon",
    country: "FR",
    billingEmail: biller.email,
  });
  // Enough credits (by default): the console's worker pays the invoice from them.
  if (credits) await testDb.insert(schema.ledgerEntries).values({ accountId: organization.id, kind: "top_up", amountMinor: credits, currency: "EUR", description: "E2E credits" });
  const summary = await billLastMonth(organization.id);
  expect(summary.issued).toHaveLength(1);
  return { owner, biller, developer, stranger, organization, strangers, metricName: `Compute ${id}`, number: summary.issued[0]!.number };
}

test("a billing user opens last month's invoice and downloads its PDF; others get a 404", async ({ browser }) => {
  const { biller, developer, stranger, organization, strangers, metricName, number } = await setUpLastMonth();
  // 1000 × €0.0042 = €4.20, French VAT 20% = €0.84: €5.04.
  const total = "€5.04";

  expect((await waitForMail(biller.email, new RegExp(`^Invoice ${number} for`))).subject).toContain(total);

  const billingContext = await browser.newContext({ acceptDownloads: true });
  await signInAs(billingContext, biller);
  const page = await billingContext.newPage();
  await page.goto(`/${organization.slug}/invoices`);
  await expect(page.getByRole("heading", { level: 1, name: "Invoices" })).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(number) });
  await expect(row).toContainText(total);

  await row.getByRole("link", { name: number }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Invoice ${number}` })).toBeVisible();
  await expect(page.getByRole("table", { name: "Invoice lines" })).toContainText(metricName);
  await expect(page.getByText(`Acheteur`).first()).toBeVisible();
  // The console's worker collects the payment from the credits.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("Paid", { exact: true }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByLabel("Totals")).toContainText("Paid from credits");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
  expect(download.suggestedFilename()).toBe(`${number}.pdf`);
  const bytes = await readFile((await download.path())!);
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  expect(text).toContain(number);
  expect(text).toContain(metricName);
  expect(text).toContain(total);
  await billingContext.close();

  // A developer of the organization, and the owner of another one, get the 404 of a missing page.
  const developerContext = await browser.newContext();
  await signInAs(developerContext, developer);
  const developerPage = await developerContext.newPage();
  for (const path of [`/${organization.slug}/invoices`, `/${organization.slug}/invoices/${number}`]) {
    expect((await developerPage.goto(path))?.status(), path).toBe(404);
  }
  expect((await developerPage.request.get(`/${organization.slug}/invoices/${number}/pdf`)).status()).toBe(404);
  await developerContext.close();

  const strangerContext = await browser.newContext();
  await signInAs(strangerContext, stranger);
  const strangerPage = await strangerContext.newPage();
  expect((await strangerPage.goto(`/${strangers.slug}/invoices/${number}`))?.status()).toBe(404);
  expect((await strangerPage.request.get(`/${strangers.slug}/invoices/${number}/pdf`)).status()).toBe(404);
  await strangerPage.goto(`/${strangers.slug}/invoices`);
  await expect(strangerPage.getByRole("heading", { name: "No invoices yet" })).toBeVisible();
  await strangerContext.close();
});

async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${label}: ${v.id} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

test("a failed invoice offers Pay now; the invoice screens pass axe in light and dark", async ({ browser }) => {
  // No credits and no card: the console's worker fails the payment.
  const { biller, organization, number } = await setUpLastMonth({ credits: 0 });
  for (const colorScheme of ["light", "dark"] as const) {
    const context = await browser.newContext({ colorScheme });
    await signInAs(context, biller);
    const page = await context.newPage();
    await page.goto(`/${organization.slug}/invoices/${number}`);
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("button", { name: "Pay €5.04 now" })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(page.getByText("There is no default card to charge.").first()).toBeVisible();
    await expectNoSeriousViolations(page, `invoice (${colorScheme})`);
    if (colorScheme === "light") {
      await page.getByRole("button", { name: "Pay €5.04 now" }).click();
      await expect(page.getByText("The payment failed: There is no default card to charge.")).toBeVisible();
      await expect(page.getByText("2 attempts so far.")).toBeVisible();
    }
    await page.goto(`/${organization.slug}/invoices`);
    await expect(page.getByRole("row", { name: new RegExp(number) })).toContainText("Payment failed");
    await expectNoSeriousViolations(page, `invoices (${colorScheme})`);
    await context.close();
  }
  await waitForMail(biller.email, new RegExp(`^Payment of invoice ${number} failed`));
});
