import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import * as schema from "../db/schema";
import { expect, test, testDb } from "./support/fixtures";
import { linkIn, waitForMail } from "./support/mail";

/**
 * The whole first slice, as a new user lives it: sign up (with bad input first), confirm the email
 * from a real SMTP server (the link shows a form; confirming takes the password and signs in), land on the personal space, create an organization, switch back and
 * forth, edit its settings, sign out, sign in.
 */
test("sign up → confirm with the password → personal space → organization → switch → settings → sign out → sign in", async ({ page }) => {
  const id = randomUUID().slice(0, 8);
  const email = `journey-${id}@example.test`;
  const password = "a-very-good-password";

  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByRole("link", { name: "Sign up" }).click();

  // Bad input: each field says what is wrong, and keeps what was typed.
  await page.getByLabel("Name").fill("Jules Journey");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Jules Journey");
  await expect(page.getByLabel("Email")).toHaveValue("not-an-email");
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");

  // A common password is refused, with the reason.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("Password1!");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/This password is too easy to guess\. It is similar to a commonly used password\./)).toBeVisible();

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  // Unverified accounts cannot sign in yet.
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/Confirm your email address first/)).toBeVisible();

  // Opening the confirmation link, as mail scanners do, changes nothing.
  const link = linkIn(await waitForMail(email, /Confirm your email address/));
  expect((await page.request.get(link)).status()).toBe(200);
  const [afterGet] = await testDb.select().from(schema.users).where(eq(schema.users.email, email));
  expect(afterGet?.emailVerified).toBeNull();

  // Confirming takes a click and the password chosen at sign-up; a wrong one keeps the link usable.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Confirm your email address" })).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(email);
  await page.getByLabel("Password").fill("wrong-password-1");
  await page.getByRole("button", { name: "Confirm email address" }).click();
  await expect(page.getByText("This is not the password chosen when this account was created.")).toBeVisible();
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Confirm email address" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Jules Journey" })).toBeVisible();
  await expect(page.getByText("Your personal space")).toBeVisible();
  const personalUrl = page.url();

  // Create an organization: a reserved URL is refused, the form keeps its values.
  await page.getByRole("button", { name: /Switch account/ }).click();
  await page.getByRole("menuitem", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { name: "Create organization" })).toBeVisible();
  await page.getByLabel("Name").fill(`Rocket Works ${id}`);
  await expect(page.getByLabel("URL")).toHaveValue(`rocket-works-${id}`);
  await page.getByLabel("URL").fill("api");
  await page.getByLabel("Description").fill("We build rockets.");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByText("This URL is reserved. Choose another.")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue(`Rocket Works ${id}`);
  await expect(page.getByLabel("Description")).toHaveValue("We build rockets.");

  await page.getByLabel("URL").fill(`rocket-${id}`);
  await page.getByLabel("This organization is a company").check();
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/rocket-${id}$`));
  await expect(page.getByRole("heading", { level: 1, name: `Rocket Works ${id}` })).toBeVisible();
  await expect(page.getByText("This organization is suspended")).toBeVisible();
  await expect(page.getByText("Your role: Owner")).toBeVisible();

  // The switcher: personal space first, then the organization with the role.
  await page.getByRole("button", { name: /Switch account/ }).click();
  const items = page.getByRole("menuitem");
  await expect(items.first()).toContainText("Jules Journey");
  await expect(page.getByRole("menuitem", { name: new RegExp(`Rocket Works ${id}.*Owner`) })).toBeVisible();
  await items.first().click();
  await expect(page).toHaveURL(personalUrl);
  await page.getByRole("button", { name: /Switch account/ }).click();
  await page.getByRole("menuitem", { name: new RegExp(`Rocket Works ${id}`) }).click();
  await expect(page).toHaveURL(new RegExp(`/rocket-${id}$`));

  // Settings: bad input first, then a real change of name and URL.
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Name").fill("");
  await page.getByLabel("Description").fill("Still rockets.");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Enter a name.")).toBeVisible();
  await expect(page.getByLabel("Description")).toHaveValue("Still rockets.");
  await page.getByLabel("Name").fill(`Orbital ${id}`);
  await page.getByLabel("URL").fill(`orbital-${id}`);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page).toHaveURL(new RegExp(`/orbital-${id}/settings$`));
  await expect(page.getByText("Settings saved.").first()).toBeVisible();
  const [saved] = await testDb.select().from(schema.accounts).where(eq(schema.accounts.slug, `orbital-${id}`));
  expect(saved).toMatchObject({ name: `Orbital ${id}`, description: "Still rockets.", isCompany: true });

  // Sign out, then back in: the user lands on the personal space.
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto(`/orbital-${id}`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  // A wrong password gets the same message as an unknown email.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("The email or password is incorrect.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await page.getByLabel("Email").fill(`nobody-${id}@example.test`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("The email or password is incorrect.")).toBeVisible();

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/orbital-${id}$`));

  // This browser is now known to the account (it passes the per-account sign-in limit): an httpOnly mark, not the address.
  const knownDevice = (await page.context().cookies()).find((cookie) => cookie.name === "known_device");
  expect(knownDevice).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  expect(knownDevice!.value).toMatch(/^[\w-]{22}$/);
});
