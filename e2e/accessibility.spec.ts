import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { createTestOrganization, createTestUser, expect, signInAs, test } from "./support/fixtures";

async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${label}: ${v.id} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`axe finds nothing serious on the main screens (${colorScheme})`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    for (const path of ["/sign-in", "/sign-up", "/forgot-password"]) {
      await page.goto(path);
      await expectNoSeriousViolations(page, path);
    }
    const owner = await createTestUser("Ada Access");
    const organization = await createTestOrganization([[owner, "owner"]], "suspended");
    await signInAs(context, owner);
    for (const path of [`/${owner.personalSlug}`, `/${owner.personalSlug}/settings`, `/${organization.slug}`, `/${organization.slug}/settings`, "/new"]) {
      await page.goto(path);
      await expect(page.locator("main")).toBeVisible();
      await expectNoSeriousViolations(page, path);
    }
    await page.getByRole("button", { name: /Switch account/ }).click();
    await expect(page.getByRole("menu")).toBeVisible();
    await expectNoSeriousViolations(page, "switcher menu");
    await context.close();
  });
}

test("the console works on a phone-sized screen", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const owner = await createTestUser("Min Mobile");
  await signInAs(context, owner);
  const page = await context.newPage();
  await page.goto(`/${owner.personalSlug}`);
  await expect(page.getByRole("heading", { level: 1, name: "Min Mobile" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});
