import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Page } from "@playwright/test";
import * as schema from "../db/schema";
import { createTestOrganization, createTestUser, expect, signInAs, test, testDb } from "./support/fixtures";

/** Coupons are created by operators (a command, or the seed): journeys insert them directly. */
async function createCoupon(values: Partial<typeof schema.coupons.$inferInsert> & Pick<typeof schema.coupons.$inferInsert, "kind">) {
  const code = values.code ?? `E2E${randomUUID().slice(0, 8).toUpperCase()}`;
  const [coupon] = await testDb.insert(schema.coupons).values({ ...values, code }).returning();
  return coupon!;
}

async function ledgerOf(accountId: string) {
  return testDb.select().from(schema.ledgerEntries).where(eq(schema.ledgerEntries.accountId, accountId));
}

async function redeem(page: Page, code: string) {
  const form = page.getByRole("form", { name: "Redeem a code" });
  await form.getByLabel("Coupon or discount code").fill(code);
  await form.getByRole("button", { name: "Redeem" }).click();
}

test("a billing user redeems a credit code, then is told when a code is already used, unknown or expired", async ({ browser }) => {
  const [owner, billing] = [await createTestUser("Olga Owner"), await createTestUser("Bill Billing")];
  const organization = await createTestOrganization([
    [owner, "owner"],
    [billing, "billing"],
  ]);
  const credit = await createCoupon({ kind: "credit", amountMinor: 1000, currency: "EUR", maxRedemptions: 100 });
  const expired = await createCoupon({ kind: "credit", amountMinor: 500, currency: "EUR", expiresAt: new Date(Date.now() - 86_400_000) });

  const context = await browser.newContext();
  await signInAs(context, billing);
  const page = await context.newPage();
  await page.goto(`/${organization.slug}/billing`);
  await expect(page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
  await expect(page.getByText("No codes redeemed yet.")).toBeVisible();
  expect(await ledgerOf(organization.id)).toEqual([]);

  // Codes are case-insensitive.
  await redeem(page, credit.code.toLowerCase());
  await expect(page.getByText(`Code ${credit.code} redeemed: €10.00 credit added to the balance.`).first()).toBeVisible();
  const field = page.getByRole("form", { name: "Redeem a code" }).getByLabel("Coupon or discount code");
  await expect(field).toHaveValue("");
  await expect(page.getByRole("list", { name: "Redeemed codes" }).getByRole("listitem")).toContainText([`${credit.code}€10.00 credit added to the balance`]);
  await expect.poll(async () => (await ledgerOf(organization.id)).map((e) => [e.kind, e.amountMinor, e.currency])).toEqual([["coupon_grant", 1000, "EUR"]]);

  const refusals: [string, string][] = [
    [credit.code, "This account has already used this code."],
    [`NOPE${randomUUID().slice(0, 6).toUpperCase()}`, "This code does not exist. Check it for typos."],
    [expired.code, "This code has expired."],
  ];
  for (const [code, message] of refusals) {
    await redeem(page, code);
    await expect(page.getByText(message)).toBeVisible();
    await expect(field).toHaveValue(code);
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription(message);
  }
  expect(await ledgerOf(organization.id)).toHaveLength(1);
  const [row] = await testDb.select().from(schema.coupons).where(eq(schema.coupons.id, credit.id));
  expect(row!.redemptionCount).toBe(1);

  // Billing users see consumption too.
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Consumption" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Consumption" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: /^No usage in / })).toBeVisible();
  await context.close();
});

test("a percent code shows what it gives; a developer's session cannot redeem with a form loaded by a billing user", async ({ browser }) => {
  const [owner, billing, developer] = [await createTestUser("Olga Owner"), await createTestUser("Bill Billing"), await createTestUser("Dev Developer")];
  const organization = await createTestOrganization([
    [owner, "owner"],
    [billing, "billing"],
    [developer, "developer"],
  ]);
  const percent = await createCoupon({ kind: "percent", percentOff: 20, invoiceCount: 3 });
  const other = await createCoupon({ kind: "credit", amountMinor: 700, currency: "EUR" });

  const billingContext = await browser.newContext();
  await signInAs(billingContext, billing);
  const page = await billingContext.newPage();
  await page.goto(`/${organization.slug}/billing`);
  await redeem(page, percent.code);
  await expect(page.getByText(`Code ${percent.code} redeemed: 20% off the next 3 invoices.`).first()).toBeVisible();
  await expect(page.getByRole("list", { name: "Redeemed codes" })).toContainText("20% off the next 3 invoices, 3 left");
  expect(await ledgerOf(organization.id)).toEqual([]);

  // Load the form as the billing user, then submit it with the developer's session.
  const developerContext = await browser.newContext();
  await signInAs(developerContext, developer);
  await page.getByRole("form", { name: "Redeem a code" }).getByLabel("Coupon or discount code").fill(other.code);
  await billingContext.clearCookies();
  await billingContext.addCookies(await developerContext.cookies());
  await page.getByRole("form", { name: "Redeem a code" }).getByRole("button", { name: "Redeem" }).click();
  await expect(page.getByText("You do not have permission to do that.").first()).toBeVisible();
  const redemptions = await testDb
    .select()
    .from(schema.couponRedemptions)
    .where(and(eq(schema.couponRedemptions.accountId, organization.id), eq(schema.couponRedemptions.couponId, other.id)));
  expect(redemptions).toEqual([]);
  expect(await ledgerOf(organization.id)).toEqual([]);
  await billingContext.close();
  await developerContext.close();
});
