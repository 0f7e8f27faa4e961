import { eq } from "drizzle-orm";
import * as schema from "../db/schema";
import { createTestOrganization, createTestUser, expect, signInAs, test, testDb } from "./support/fixtures";

test("a billing manager fills in the billing profile; a wrong VAT number is refused with the form kept", async ({ page, context }) => {
  const [owner, billing] = [await createTestUser("Olga Owner"), await createTestUser("Bea Billing")];
  const organization = await createTestOrganization([
    [owner, "owner"],
    [billing, "billing"],
  ]);
  await signInAs(context, billing);
  await page.goto(`/${organization.slug}`);
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Billing" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();

  const form = page.getByRole("form", { name: "Billing profile" });
  await form.getByLabel("Legal name").fill("Rocket Works GmbH");
  await form.getByLabel("Street address").fill("Hauptstraße 1");
  await form.getByLabel("Postal code").fill("10115");
  await form.getByLabel("City").fill("Berlin");
  await form.getByLabel("Country").selectOption("DE");
  await form.getByLabel("VAT or tax ID (optional)").fill("FR40303265045");
  await form.getByLabel("Billing email").fill("invoices@rocket.example");
  await form.getByRole("button", { name: "Save billing profile" }).click();
  await expect(form.getByText("This is not a valid VAT number for DE.")).toBeVisible();
  await expect(form.getByLabel("City")).toHaveValue("Berlin");
  await expect(form.getByLabel("Country")).toHaveValue("DE");
  expect(await testDb.select().from(schema.billingProfiles).where(eq(schema.billingProfiles.accountId, organization.id))).toHaveLength(0);

  await form.getByLabel("VAT or tax ID (optional)").fill("DE 136 695 976");
  await form.getByRole("button", { name: "Save billing profile" }).click();
  await expect(page.getByText("Billing profile saved.").first()).toBeVisible();
  const [saved] = await testDb.select().from(schema.billingProfiles).where(eq(schema.billingProfiles.accountId, organization.id));
  expect(saved).toMatchObject({ legalName: "Rocket Works GmbH", country: "DE", taxId: "DE136695976", billingEmail: "invoices@rocket.example" });
  await page.reload();
  await expect(form.getByLabel("VAT or tax ID (optional)")).toHaveValue("DE136695976");
});

test("a developer and a member cannot reach billing", async ({ browser }) => {
  const [owner, developer, member] = [await createTestUser("Olga Owner"), await createTestUser("Dev Developer"), await createTestUser("Mo Member")];
  const organization = await createTestOrganization([
    [owner, "owner"],
    [developer, "developer"],
    [member, "member"],
  ]);
  for (const user of [developer, member]) {
    const context = await browser.newContext();
    await signInAs(context, user);
    const page = await context.newPage();
    await page.goto(`/${organization.slug}`);
    await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Billing" })).toHaveCount(0);
    const response = await page.goto(`/${organization.slug}/billing`);
    expect(response?.status()).toBe(404);
    await context.close();
  }
});
