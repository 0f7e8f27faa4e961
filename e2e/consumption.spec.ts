import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import AxeBuilder from "@axe-core/playwright";
import * as schema from "../db/schema";
import { createTestOrganization, createTestUser, expect, signInAs, test, testDb } from "./support/fixtures";

const monthFormat = new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" });

function monthOf(date: Date, delta = 0) {
  const first = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + delta, 1));
  return { key: first.toISOString().slice(0, 7), label: monthFormat.format(first), start: first };
}

/** Until the platform's usage API exists, journeys write metrics and usage straight into the database. */
async function metric(name: string, unit: string, unitPriceMicros: number) {
  const id = `e2e-${name.toLowerCase()}-${randomUUID().slice(0, 8)}`;
  await testDb
    .insert(schema.metrics)
    .values({ id, name: `${name} ${id.slice(-8)}`, unit, unitPriceMicros, currency: "EUR" })
    .onConflictDoUpdate({ target: schema.metrics.id, set: { unitPriceMicros: sql`excluded.unit_price_micros` } });
  return { id, name: `${name} ${id.slice(-8)}` };
}

test("a developer opens the consumption chart for the current month, reads the totals per metric, and finds the previous month empty", async ({ browser }) => {
  const [owner, developer] = [await createTestUser("Olga Owner"), await createTestUser("Dev Developer")];
  const organization = await createTestOrganization([
    [owner, "owner"],
    [developer, "developer"],
  ]);
  const elsewhere = await createTestOrganization([[owner, "owner"]]);
  const now = new Date();
  const current = monthOf(now);
  const previous = monthOf(now, -1);
  const compute = await metric("Compute", "vCPU·h", 21_000); // €0.021
  const traffic = await metric("Traffic", "GB", 10_000); // €0.01
  await testDb.insert(schema.usageRecords).values([
    { accountId: organization.id, metricId: compute.id, quantity: "10", recordedAt: current.start },
    { accountId: organization.id, metricId: compute.id, quantity: "5.5", recordedAt: now },
    { accountId: organization.id, metricId: traffic.id, quantity: "250", recordedAt: now },
    // Not this month, and not this organization: never counted.
    { accountId: organization.id, metricId: traffic.id, quantity: "999", recordedAt: new Date(current.start.getTime() - 1) },
    { accountId: elsewhere.id, metricId: compute.id, quantity: "1000", recordedAt: now },
  ]);

  const context = await browser.newContext();
  await signInAs(context, developer);
  const page = await context.newPage();

  // The overview shows the estimate too.
  await page.goto(`/${organization.slug}`);
  await expect(page.getByRole("term").filter({ hasText: "Month-to-date estimate" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "€2.83" })).toBeVisible();

  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Consumption" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Consumption" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: current.label })).toBeVisible();
  const chart = page.getByRole("img", { name: /Stacked bar chart of the cost per day by metric/ });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute("aria-label", /Total €2\.83 \(estimate\)/);
  await expect(chart.locator("svg.recharts-surface").first()).toBeVisible();
  await expect(chart.locator(".recharts-bar-rectangle").first()).toBeAttached();

  const totals = page.getByRole("table", { name: `Totals by metric for ${current.label}` });
  // 15.5 vCPU·h × €0.021 = €0.3255 → €0.33; 250 GB × €0.01 = €2.50.
  await expect(totals.getByRole("row", { name: new RegExp(compute.name) })).toContainText(/15\.5\s*vCPU·h\s*€0\.021\s*€0\.33/);
  await expect(totals.getByRole("row", { name: new RegExp(traffic.name) })).toContainText(/250\s*GB\s*€0\.01\s*€2\.50/);
  await expect(totals.getByRole("row", { name: /Total \(estimate\)/ })).toContainText("€2.83");
  await expect(page.getByRole("term").filter({ hasText: "Month-to-date estimate" })).toBeVisible();

  await page.getByRole("link", { name: "Previous month" }).click();
  await expect(page).toHaveURL(new RegExp(`/consumption\\?month=${previous.key}$`));
  await expect(page.getByRole("heading", { level: 2, name: previous.label })).toBeVisible();
  // The 999 GB recorded a millisecond before this month belong to the previous one.
  await expect(page.getByRole("table", { name: `Totals by metric for ${previous.label}` })).toContainText("€9.99");
  await page.getByRole("link", { name: "Previous month" }).click();
  await expect(page.getByRole("heading", { level: 3, name: `No usage in ${monthOf(now, -2).label}` })).toBeVisible();
  await expect(page.getByRole("img", { name: /Stacked bar chart/ })).toHaveCount(0);

  // A month that is not one, or not yet, shows the current month with a word of explanation, never an error.
  for (const bad of ["2026-13", "garbage", "9999-01"]) {
    const response = await page.goto(`/${organization.slug}/consumption?month=${bad}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByText(/Showing the current month\./)).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: current.label })).toBeVisible();
  }

  // A developer reaches consumption but not billing.
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Billing" })).toHaveCount(0);
  expect((await page.goto(`/${organization.slug}/billing`))?.status()).toBe(404);
  await context.close();
});

test("a member gets a 404 on consumption and billing, and has no link to either", async ({ page, context }) => {
  const [owner, member] = [await createTestUser("Olga Owner"), await createTestUser("Mo Member")];
  const organization = await createTestOrganization([
    [owner, "owner"],
    [member, "member"],
  ]);
  await signInAs(context, member);
  await page.goto(`/${organization.slug}`);
  const nav = page.getByRole("navigation", { name: "Account" });
  await expect(nav.getByRole("link", { name: "Overview" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Consumption" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Billing" })).toHaveCount(0);
  await expect(page.getByText("Month-to-date estimate")).toHaveCount(0);
  for (const path of [`/${organization.slug}/consumption`, `/${organization.slug}/consumption?month=2026-01`, `/${organization.slug}/billing`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`axe finds nothing serious on the consumption screen with a chart (${colorScheme})`, async ({ browser }) => {
    const owner = await createTestUser("Ada Access");
    const organization = await createTestOrganization([[owner, "owner"]]);
    const now = new Date();
    const series = [await metric("Compute", "vCPU·h", 21_000), await metric("Memory", "GB·h", 2_500), await metric("Storage", "GB·day", 3_300)];
    await testDb.insert(schema.usageRecords).values(series.map((s, i) => ({ accountId: organization.id, metricId: s.id, quantity: String(100 * (i + 1)), recordedAt: now })));
    const context = await browser.newContext({ colorScheme });
    await signInAs(context, owner);
    const page = await context.newPage();
    await page.goto(`/${organization.slug}/consumption`);
    await expect(page.locator(".recharts-bar-rectangle").first()).toBeAttached();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
    await context.close();
  });
}
