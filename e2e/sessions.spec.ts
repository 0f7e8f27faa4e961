import { createTestUser, expect, signInAs, test } from "./support/fixtures";
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
  await expect(page.getByText("This is not your current password.")).toBeVisible();

  await page.getByLabel("Current password").fill(user.password);
  await page.getByRole("button", { name: /Change password/ }).click();
  await expect(page).toHaveURL(/notice=password-changed/);
  const phonePage = await phone.newPage();
  await phonePage.goto(`/${user.personalSlug}`);
  await expect(phonePage).toHaveURL(/\/sign-in/);

  // Forgot it already: reset through the mailed link, which works once.
  await page.getByRole("link", { name: "Forgot your password?" }).click();
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
