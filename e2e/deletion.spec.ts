import { eq, sql } from "drizzle-orm";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import * as schema from "../db/schema";
import { createTestOrganization, createTestUser, signInAs, testDb } from "./support/fixtures";

/** An invoice numbered from the shared counter (as the billing run numbers them), already paid or still open. */
async function issueInvoice(accountId: string, status: "paid" | "open", month: number) {
  return testDb.transaction(async (tx) => {
    const taken = await tx.execute<{ sequence: number }>(sql`update invoice_counters set last_sequence = last_sequence + 1 where id = 'invoices' returning last_sequence as sequence`);
    const sequence = Number(taken.rows[0]!.sequence);
    const number = `INV-${new Date().getUTCFullYear()}-${String(sequence).padStart(6, "0")}`;
    const [invoice] = await tx
      .insert(schema.invoices)
      .values({
        accountId,
        number,
        sequence,
        periodStart: `2199-${String(month).padStart(2, "0")}-01`,
        periodEnd: "2199-12-31",
        status,
        currency: "EUR",
        subtotalMinor: 1200,
        taxRateBasisPoints: 0,
        taxMinor: 0,
        totalMinor: 1200,
        seller: { name: "Operator", lines: [] },
        buyer: { name: "Buyer of record", lines: ["1 Test Street"] },
        paidAt: status === "paid" ? new Date() : null,
      })
      .returning();
    return invoice!;
  });
}

async function ageSessions(userId: string) {
  await testDb.update(schema.userSessions).set({ authenticatedAt: sql`now() - interval '1 hour'` }).where(eq(schema.userSessions.userId, userId));
}

test("the delete dialog says what happens to invoices and credit, refuses while one is unpaid, and wants the password", async ({ browser }) => {
  const owner = await createTestUser("Olga Owner");
  const organization = await createTestOrganization([[owner, "owner"]]);
  const paid = await issueInvoice(organization.id, "paid", 1);
  const open = await issueInvoice(organization.id, "open", 2);
  await testDb.insert(schema.ledgerEntries).values({ accountId: organization.id, kind: "top_up", amountMinor: 730, currency: "EUR", description: "E2E credits" });

  const context = await browser.newContext();
  await signInAs(context, owner);
  await ageSessions(owner.id);
  const page = await context.newPage();
  await page.goto(`/${organization.slug}/settings`);
  await page.getByRole("button", { name: "Delete organization" }).click();
  const dialog = page.getByRole("dialog");
  const consequences = dialog.getByRole("list", { name: "What happens to invoices and credit" });
  await expect(consequences).toContainText("Its 2 issued invoices are kept as accounting records, still available to the operator");
  await expect(consequences).toContainText("Download them first from the Invoices page.");
  await expect(consequences).toContainText("Its remaining credit of €7.30 is forfeited");
  await expect(consequences).toContainText(`Invoice ${open.number} is not paid yet`);

  // Signed in an hour ago: the password is needed, and a wrong one is a field error.
  await dialog.getByLabel(`Type ${organization.name} to confirm`).fill(organization.name);
  await dialog.getByRole("button", { name: "Delete this organization" }).click();
  await expect(dialog.getByText("Enter your password to confirm.")).toBeVisible();
  const password = dialog.getByLabel("Your password");
  await password.fill("not my password");
  await dialog.getByRole("button", { name: "Delete this organization" }).click();
  await expect(dialog.getByText("This is not your password.")).toBeVisible();
  await expect(password).toHaveAttribute("aria-invalid", "true");

  // The right password, but an invoice is unpaid: refused, with the way out.
  await password.fill(owner.password);
  await dialog.getByRole("button", { name: "Delete this organization" }).click();
  await expect(dialog.getByText(`Invoice ${open.number} is not paid yet. Pay it on the Invoices page, or contact the operator, before deleting the organization.`)).toBeVisible();

  // Once it is paid, the organization goes; its invoices stay, detached, with their numbers.
  await testDb.update(schema.invoices).set({ status: "paid", paidAt: new Date() }).where(eq(schema.invoices.id, open.id));
  await page.reload();
  await page.getByRole("button", { name: "Delete organization" }).click();
  await expect(dialog.getByRole("list", { name: "What happens to invoices and credit" })).not.toContainText("not paid yet");
  await dialog.getByLabel(`Type ${organization.name} to confirm`).fill(organization.name);
  await dialog.getByLabel("Your password").fill(owner.password);
  await dialog.getByRole("button", { name: "Delete this organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/${owner.personalSlug}`));
  const kept = await testDb.select().from(schema.invoices).where(eq(schema.invoices.id, paid.id));
  expect(kept).toEqual([expect.objectContaining({ accountId: null, number: paid.number, buyer: paid.buyer })]);
  await context.close();
});

test("deleting the account asks for the email and the password", async ({ browser }) => {
  const user = await createTestUser("Dana Deleter");
  const context = await browser.newContext();
  await signInAs(context, user);
  const page = await context.newPage();
  await page.goto(`/${user.personalSlug}/settings`);
  const form = page.getByRole("form", { name: "Delete account" });
  await expect(form.getByRole("list", { name: "What happens to invoices and credit" })).toContainText("No invoices were issued to this personal space.");
  await form.getByLabel(`Type ${user.email} to confirm`).fill(user.email);
  await form.getByLabel("Your password").fill("wrong password");
  await form.getByRole("button", { name: "Delete my account and personal space" }).click();
  await expect(form.getByText("This is not your password.")).toBeVisible();
  expect(await testDb.select().from(schema.users).where(eq(schema.users.id, user.id))).toHaveLength(1);
  await form.getByLabel("Your password").fill(user.password);
  await form.getByRole("button", { name: "Delete my account and personal space" }).click();
  await expect(page.getByText("Your account has been deleted.")).toBeVisible();
  expect(await testDb.select().from(schema.users).where(eq(schema.users.id, user.id))).toHaveLength(0);
  await context.close();
});

test("the delete dialog fits a phone in dark mode and axe finds nothing serious in it", async ({ browser }) => {
  const owner = await createTestUser("Pia Phone");
  const organization = await createTestOrganization([[owner, "owner"]]);
  await issueInvoice(organization.id, "open", 3);
  await testDb.insert(schema.ledgerEntries).values({ accountId: organization.id, kind: "top_up", amountMinor: 1250, currency: "EUR", description: "E2E credits" });
  const context = await browser.newContext({ viewport: { width: 390, height: 800 }, colorScheme: "dark" });
  await signInAs(context, owner);
  const page = await context.newPage();
  await page.goto(`/${organization.slug}/settings`);
  await page.getByRole("button", { name: "Delete organization" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("Your password")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/delete-dialog.png`, fullPage: true });
  const results = await new AxeBuilder({ page }).include("[role=dialog]").analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await context.close();
});
