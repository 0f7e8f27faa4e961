import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { createTestUser, signInAs } from "./support/fixtures";

/** Chromium turns `/<TAB>/host` into `//host`; a newline, NUL or U+2028 used to give a 500. */
const payloads = ["%2F%09%2Fevil.example%2Fphish", "%2F%0A%2Fevil.example", "%2F%00%2Fevil.example", "%2F%E2%80%A8%2Fevil.example", "%2F%5Cevil.example", "%2F.%2F%2Fevil.example", "https%3A%2F%2Fevil.example"];

for (const payload of payloads) {
  test(`a signed-in visitor sent to /sign-in?callbackUrl=${payload} stays on the console`, async ({ page, context }) => {
    const user = await createTestUser("Rita Redirect");
    await signInAs(context, user);
    const response = await page.goto(`/sign-in?callbackUrl=${payload}`);
    expect(response?.status()).toBeLessThan(500);
    expect(new URL(page.url()).origin).toBe(baseURL);
    await expect(page.getByRole("heading", { name: user.name })).toBeVisible();
  });
}

test("signing in through the form with a crafted callback lands in the personal space", async ({ page }) => {
  const user = await createTestUser("Felix Form");
  await page.goto(`/sign-in?callbackUrl=${payloads[0]}`);
  // The page dropped the unsafe callback; put one back as an attacker's copy of the form would.
  await page.locator('form[aria-label="Sign in"]').evaluate((form) => {
    for (const value of ["/\t/evil.example/phish"]) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = "callbackUrl";
      input.value = value;
      form.append(input);
    }
  });
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${baseURL}/${user.personalSlug}`);
  await expect(page.getByRole("heading", { name: user.name })).toBeVisible();
});

test("a safe callback is still followed after signing in", async ({ page }) => {
  const user = await createTestUser("Sam Safe");
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(`/${user.personalSlug}/settings`)}`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${baseURL}/${user.personalSlug}/settings`);
});
