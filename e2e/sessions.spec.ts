import type { BrowserContext } from "@playwright/test";
import { createTestUser, expect, signInAs, test, type TestUser } from "./support/fixtures";
import { linkIn, waitForMail } from "./support/mail";

test("signing out kills every copy of the session cookie", async ({ browser }) => {
  const user = await createTestUser("Copy Cat");
  const first = await browser.newContext();
  await signInAs(first, user);
  const stolen = await first.cookies();
  const second = await browser.newContext();
  await second.addCookies(stolen);

  const page = await first.newPage();
  await page.goto(`/${user.personalSlug}`);
  await expect(page.getByRole("heading", { level: 1, name: "Copy Cat" })).toBeVisible();
  const copy = await second.newPage();
  await copy.goto(`/${user.personalSlug}`);
  await expect(copy.getByRole("heading", { level: 1, name: "Copy Cat" })).toBeVisible();

  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await copy.reload();
  await expect(copy).toHaveURL(/\/sign-in/);
  await first.close();
  await second.close();
});

test("changing the password signs out everywhere; a forgotten password is reset by mail", async ({ browser }) => {
  const user = await createTestUser("Pat Password");
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  await signInAs(laptop, user);
  await signInAs(phone, user);
  const page = await laptop.newPage();
  await page.goto(`/${user.personalSlug}/settings`);

  await page.getByLabel("Current password").fill("not-my-password");
  await page.getByLabel("New password", { exact: true }).fill("next-password-123");
  await page.getByLabel("Repeat new password").fill("next-password-123");
  await page.getByRole("button", { name: /Change password/ }).click();
  await expect(page.getByText("This is not your password.")).toBeVisible();

  await page.getByLabel("Current password").fill(user.password);
  await page.getByRole("button", { name: /Change password/ }).click();
  await expect(page).toHaveURL(/notice=password-changed/);
  const phonePage = await phone.newPage();
  await phonePage.goto(`/${user.personalSlug}`);
  await expect(phonePage).toHaveURL(/\/sign-in/);

  // Forgot it already: reset through the mailed link, which works once.
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  // The sign-in page has an Email field too: wait for the navigation before filling it.
  await expect(page.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill(user.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText(/If an account exists for this email/)).toBeVisible();
  const link = linkIn(await waitForMail(user.email, /Reset your password/));
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("reset-password-456");
  await page.getByLabel("Repeat new password").fill("something-else-789");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The passwords do not match.")).toBeVisible();
  await page.getByLabel("Repeat new password").fill("reset-password-456");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password has been changed. Sign in with the new one.")).toBeVisible();
  await page.goto(link);
  await expect(page.getByText("This reset link is invalid, already used or expired.")).toBeVisible();

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("reset-password-456");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/${user.personalSlug}$`));
  await laptop.close();
  await phone.close();
});

const iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

async function expectSignedIn(context: BrowserContext, user: TestUser) {
  const page = await context.newPage();
  await page.goto(`/${user.personalSlug}`);
  await expect(page.getByRole("heading", { level: 1, name: user.name })).toBeVisible();
  return page;
}

test("Auth.js's own POST /api/auth/signout kills every copy of the cookie", async ({ browser }) => {
  const user = await createTestUser("Api Signout");
  const first = await browser.newContext();
  await signInAs(first, user);
  const copy = await browser.newContext();
  await copy.addCookies(await first.cookies());
  const copyPage = await expectSignedIn(copy, user);

  // As Auth.js's client does: the CSRF token (and its cookie) first, then the form post.
  const { csrfToken } = (await (await first.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await first.request.post("/api/auth/signout", { form: { csrfToken, callbackUrl: "/sign-in" }, maxRedirects: 0 });
  expect(response.status()).toBe(302);
  expect((await first.cookies()).find((c) => c.name === "authjs.session-token")).toBeUndefined();

  await copyPage.reload();
  await expect(copyPage).toHaveURL(/\/sign-in/);
  await first.close();
  await copy.close();
});

test("the active sessions list shows each browser, and signing one out ends that browser's session", async ({ browser }) => {
  const user = await createTestUser("Sam Sessions");
  const laptop = await browser.newContext();
  await signInAs(laptop, user);
  const phone = await browser.newContext({ userAgent: iphone });
  const phonePage = await phone.newPage();
  await phonePage.goto("/sign-in");
  await phonePage.getByLabel("Email").fill(user.email);
  await phonePage.getByLabel("Password").fill(user.password);
  await phonePage.getByRole("button", { name: "Sign in" }).click();
  await expect(phonePage).toHaveURL(new RegExp(`/${user.personalSlug}$`));

  const page = await laptop.newPage();
  await page.goto(`/${user.personalSlug}/settings`);
  const list = page.getByRole("list", { name: "Active sessions" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(list.getByRole("listitem").first()).toContainText("This device");
  const phoneRow = list.getByRole("listitem").filter({ hasText: "Safari on iOS" });
  await expect(phoneRow).toContainText("Active now");
  await expect(phoneRow).toContainText("IP address");
  await expect(phoneRow).not.toContainText("This device");

  await phoneRow.getByRole("button", { name: /^Sign out Safari on iOS/ }).click();
  await expect(page.getByText("That session is signed out.")).toBeVisible();
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await phonePage.reload();
  await expect(phonePage).toHaveURL(/\/sign-in/);

  // This browser is still signed in.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Profile and security" })).toBeVisible();
  await laptop.close();
  await phone.close();
});
