import { eq } from "drizzle-orm";
import * as schema from "../db/schema";
import { createTestOrganization, createTestUser, expect, signInAs, test, testDb } from "./support/fixtures";

test("a non-member gets the same 404 for every URL of an organization as for one that does not exist", async ({ page, context }) => {
  const owner = await createTestUser("Olivia Owner");
  const organization = await createTestOrganization([[owner, "owner"]]);
  const stranger = await createTestUser("Sam Stranger");
  await signInAs(context, stranger);

  for (const path of [`/${organization.slug}`, `/${organization.slug}/settings`, `/${owner.personalSlug}`, `/${owner.personalSlug}/settings`, "/no-such-organization"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  const logo = await page.request.get(`/${organization.slug}/logo`);
  expect(logo.status()).toBe(404);
  await page.goto(`/${stranger.personalSlug}`);
  await page.getByRole("button", { name: /Switch account/ }).click();
  await expect(page.getByRole("menuitem", { name: new RegExp(organization.name) })).toHaveCount(0);
});

test("a member sees settings read-only, and a form loaded as owner but submitted as member changes nothing", async ({ browser }) => {
  const owner = await createTestUser("Olivia Owner");
  const member = await createTestUser("Mo Member");
  const organization = await createTestOrganization([
    [owner, "owner"],
    [member, "member"],
  ]);

  const memberContext = await browser.newContext();
  await signInAs(memberContext, member);
  const memberPage = await memberContext.newPage();
  await memberPage.goto(`/${organization.slug}/settings`);
  await expect(memberPage.getByText("Only owners and admins can change these settings.")).toBeVisible();
  await expect(memberPage.getByRole("button", { name: "Save settings" })).toHaveCount(0);
  await expect(memberPage.getByLabel("Name")).toHaveCount(0);

  // Load the form as the owner, then swap in the member's session and submit it.
  const ownerContext = await browser.newContext();
  await signInAs(ownerContext, owner);
  const page = await ownerContext.newPage();
  await page.goto(`/${organization.slug}/settings`);
  await page.getByLabel("Name").fill("Taken over");
  await ownerContext.clearCookies();
  await ownerContext.addCookies(await memberContext.cookies());
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("You do not have permission to do that.").first()).toBeVisible();
  const [unchanged] = await testDb.select().from(schema.accounts).where(eq(schema.accounts.id, organization.id));
  expect(unchanged?.name).toBe(organization.name);
  await ownerContext.close();
  await memberContext.close();
});

test("no secret reaches the browser: pages and their RSC payloads carry no password or token hash", async ({ page, context }) => {
  const owner = await createTestUser("Hash Hunter");
  const organization = await createTestOrganization([[owner, "owner"]]);
  await signInAs(context, owner);
  const bodies: string[] = [];
  page.on("response", async (response) => {
    if (response.url().startsWith("http://localhost")) bodies.push(await response.text().catch(() => ""));
  });
  for (const path of [`/${owner.personalSlug}`, `/${owner.personalSlug}/settings`, `/${organization.slug}`, `/${organization.slug}/settings`]) {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
  }
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Overview" }).click();
  await expect(page).toHaveURL(new RegExp(`/${organization.slug}$`));
  const everything = bodies.join("\n");
  expect(everything.length).toBeGreaterThan(1000);
  expect(everything).not.toContain("$argon2id$");
  expect(everything).not.toMatch(/password_?hash/i);
});
