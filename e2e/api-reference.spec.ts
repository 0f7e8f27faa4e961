import { createTestUser, expect, signInAs, test } from "./support/fixtures";

/** The API reference page: Scalar served by the console itself, under the page's nonce policy (the fixture fails on any violation). */
test("the API reference is one click from the user menu and renders the document's operations", async ({ page, context }) => {
  const user = await createTestUser("Docs Reader");
  await signInAs(context, user);
  const external: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.hostname !== "localhost") external.push(request.url());
  });
  await page.goto(`/${user.personalSlug}`);
  await page.getByRole("button", { name: `Account menu for ${user.name}` }).click();
  await page.getByRole("menuitem", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/docs\/api$/);
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  const reference = page.getByTestId("api-reference");
  await expect(reference.getByText("Organization Console API").first()).toBeVisible({ timeout: 30_000 });
  await expect(reference.getByText("Who this key is").first()).toBeVisible();
  await expect(reference.getByText("Ask AI")).toHaveCount(0);
  await reference.getByText("Usage", { exact: true }).first().click();
  await expect(reference.getByText("Report usage").first()).toBeVisible();
  expect(external).toEqual([]);
});

test("the reference's script is served by the console, cached by version", async ({ request, context }) => {
  const user = await createTestUser("Docs Script");
  await signInAs(context, user);
  const response = await context.request.get("/docs/api/scalar.js");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/javascript/);
  const etag = response.headers()["etag"]!;
  expect(etag).toMatch(/^"scalar-/);
  expect((await context.request.get("/docs/api/scalar.js", { headers: { "If-None-Match": etag } })).status()).toBe(304);
  void request;
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the API reference fits a 390 px screen (${colorScheme})`, async ({ browser }) => {
    const user = await createTestUser(`Docs Phone ${colorScheme}`);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme });
    await signInAs(context, user);
    const page = await context.newPage();
    await page.goto("/docs/api");
    await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
    await expect(page.getByTestId("api-reference").getByText("Organization Console API").first()).toBeVisible({ timeout: 30_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `test-results/api-reference-390-${colorScheme}.png` });
    await context.close();
  });
}
