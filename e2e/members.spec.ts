import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Page } from "@playwright/test";
import * as schema from "../db/schema";
import { createTestOrganization, createTestUser, expect, signInAs, test, testDb } from "./support/fixtures";
import { linkIn, waitForMail } from "./support/mail";

async function roleIn(accountId: string, userId: string) {
  const [row] = await testDb
    .select({ role: schema.memberships.role })
    .from(schema.memberships)
    .where(and(eq(schema.memberships.accountId, accountId), eq(schema.memberships.userId, userId)));
  return row?.role;
}

async function openMembers(page: Page, slug: string) {
  await page.goto(`/${slug}/members`);
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
}

test("an admin invites three addresses; a new user signs up through the mailed link; an existing user accepts", async ({ browser }) => {
  const id = randomUUID().slice(0, 8);
  const [owner, admin, existing] = [await createTestUser("Olga Owner"), await createTestUser("Adam Admin"), await createTestUser("Erik Existing")];
  const organization = await createTestOrganization([
    [owner, "owner"],
    [admin, "admin"],
  ]);
  const newcomer = `newcomer-${id}@example.test`;

  const adminContext = await browser.newContext();
  await signInAs(adminContext, admin);
  const page = await adminContext.newPage();
  await openMembers(page, organization.slug);
  await page.getByLabel("Email addresses").fill(`${newcomer}, not-an-email\n${existing.email}`);
  await page.getByRole("form", { name: "Invite members" }).getByLabel("Role").selectOption("developer");
  await page.getByRole("button", { name: "Send invitations" }).click();
  const results = page.getByRole("list", { name: "Invitation results" });
  await expect(results).toContainText(`${newcomer}: Invited as Developer.`);
  await expect(results).toContainText("not-an-email: This is not a valid email address.");
  await expect(results).toContainText(`${existing.email}: Invited as Developer.`);
  await expect(page.getByLabel("Email addresses")).toHaveValue("not-an-email");
  const pending = page.getByRole("table", { name: "Pending invitations" });
  await expect(pending.getByRole("row", { name: new RegExp(newcomer) })).toContainText("Adam Admin");

  // A newcomer follows the mailed link, signs up with the invited address locked, and lands in the organization.
  const invitationLink = linkIn(await waitForMail(newcomer, /invited you to/));
  const visitor = await browser.newContext();
  const invitee = await visitor.newPage();
  await invitee.goto(invitationLink);
  await expect(invitee.getByRole("heading", { name: `Join ${organization.name}` })).toBeVisible();
  await expect(invitee.getByText(/Adam Admin invited/)).toContainText("Developer");
  await invitee.getByRole("link", { name: "Create an account" }).click();
  await expect(invitee.getByLabel("Email")).toHaveValue(newcomer);
  await expect(invitee.getByLabel("Email")).toHaveAttribute("readonly", "");
  await invitee.getByLabel("Name").fill("Nina Newcomer");
  await invitee.getByLabel("Password").fill("1234567890");
  await invitee.getByRole("button", { name: "Create account" }).click();
  await expect(invitee.getByText(/This password is too easy to guess/)).toBeVisible();
  await invitee.getByLabel("Password").fill("newcomer-password");
  await invitee.getByRole("button", { name: "Create account" }).click();
  await expect(invitee.getByRole("heading", { name: `Join ${organization.name}` })).toBeVisible();
  await invitee.getByRole("button", { name: "Accept invitation" }).click();
  await expect(invitee).toHaveURL(new RegExp(`/${organization.slug}$`));
  await expect(invitee.getByText("Your role: Developer")).toBeVisible();
  await expect(invitee.getByRole("button", { name: /Switch account/ })).toContainText(organization.name);

  // The inviter is told by mail.
  await waitForMail(admin.email, /Nina Newcomer joined/);

  // An existing user sees the invitation in the console, with a count in the header, and accepts it there.
  const existingContext = await browser.newContext();
  await signInAs(existingContext, existing);
  const existingPage = await existingContext.newPage();
  await existingPage.goto(`/${existing.personalSlug}`);
  await expect(existingPage.getByRole("link", { name: "1 invitation" })).toBeVisible();
  const card = existingPage.locator("#invitations");
  await expect(card).toContainText(organization.name);
  await card.getByRole("button", { name: "Accept invitation" }).click();
  await expect(existingPage).toHaveURL(new RegExp(`/${organization.slug}$`));
  expect(await roleIn(organization.id, existing.id)).toBe("developer");

  await page.reload();
  await expect(page.getByRole("table", { name: "Pending invitations" })).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Members" })).toContainText("Nina Newcomer");
  for (const context of [adminContext, visitor, existingContext]) await context.close();
});

test("revoked links, replaced links and someone else's account are refused", async ({ browser }) => {
  const id = randomUUID().slice(0, 8);
  const owner = await createTestUser("Olga Owner");
  const organization = await createTestOrganization([[owner, "owner"]]);
  const [revokedAddress, resentAddress] = [`revoked-${id}@example.test`, `resent-${id}@example.test`];
  const context = await browser.newContext();
  await signInAs(context, owner);
  const page = await context.newPage();
  await openMembers(page, organization.slug);
  await page.getByLabel("Email addresses").fill(`${revokedAddress}\n${resentAddress}`);
  await page.getByRole("button", { name: "Send invitations" }).click();
  await expect(page.getByRole("list", { name: "Invitation results" })).toContainText(`${resentAddress}: Invited as Member.`);
  const revokedLink = linkIn(await waitForMail(revokedAddress, /invited you to/));
  const firstLink = linkIn(await waitForMail(resentAddress, /invited you to/));

  await page.getByRole("button", { name: `Revoke the invitation to ${revokedAddress}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke invitation" }).click();
  await expect(page.getByText("Invitation revoked.").first()).toBeVisible();
  await page.getByRole("button", { name: `Resend the invitation to ${resentAddress}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Resend invitation" }).click();
  await expect(page.getByText("Invitation sent again.").first()).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(resentAddress) })).toContainText("sent 2×");
  await expect.poll(async () => linkIn(await waitForMail(resentAddress, /invited you to/))).not.toBe(firstLink);
  const secondLink = linkIn(await waitForMail(resentAddress, /invited you to/));

  const stranger = await browser.newContext();
  const visitor = await stranger.newPage();
  await visitor.goto(revokedLink);
  await expect(visitor.getByRole("heading", { name: "Invitation revoked" })).toBeVisible();
  await visitor.goto(firstLink);
  await expect(visitor.getByRole("heading", { name: "Invitation link not valid" })).toBeVisible();
  await visitor.goto(`/invite/${randomUUID()}`);
  await expect(visitor.getByRole("heading", { name: "Invitation link not valid" })).toBeVisible();

  // Signed in as someone else: refused with an explanation, nothing joins.
  const other = await createTestUser("Oscar Other");
  await signInAs(stranger, other);
  await visitor.goto(secondLink);
  await expect(visitor.getByText(`This invitation was sent to ${resentAddress}, but you are signed in as ${other.email}.`)).toBeVisible();
  await expect(visitor.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);
  expect(await roleIn(organization.id, other.id)).toBeUndefined();
  await context.close();
  await stranger.close();
});

test("role change, removal that ends an open session, leaving, transfer of ownership and deletion", async ({ browser }) => {
  // A long journey through four browsers, with passwords checked (slow on purpose) along the way.
  test.setTimeout(120_000);
  const [owner, member, leaver, heir] = [await createTestUser("Olga Owner"), await createTestUser("Mia Member"), await createTestUser("Leo Leaver"), await createTestUser("Hana Heir")];
  const organization = await createTestOrganization([
    [owner, "owner"],
    [member, "member"],
    [leaver, "member"],
    [heir, "admin"],
  ]);
  const ownerContext = await browser.newContext();
  await signInAs(ownerContext, owner);
  const page = await ownerContext.newPage();
  await openMembers(page, organization.slug);
  await expect(page.getByRole("table", { name: "What each role can do in an organization" })).toBeVisible();

  // Role change.
  await page.getByRole("button", { name: "Change role of Mia Member" }).click();
  await page.getByRole("dialog").getByLabel("New role").selectOption("billing");
  await page.getByRole("dialog").getByRole("button", { name: "Change role" }).click();
  await expect(page.getByText("Role changed.").first()).toBeVisible();
  expect(await roleIn(organization.id, member.id)).toBe("billing");

  // Removal: the member's open page stops working on its next request.
  const memberContext = await browser.newContext();
  await signInAs(memberContext, member);
  const memberPage = await memberContext.newPage();
  await memberPage.goto(`/${organization.slug}/members`);
  await expect(memberPage.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  await page.getByRole("button", { name: "Remove Mia Member" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove member" }).click();
  await expect(page.getByText("Member removed.").first()).toBeVisible();
  await memberPage.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Overview" }).click();
  await expect(memberPage.getByRole("heading", { name: "Page not found" })).toBeVisible();

  // Leaving.
  const leaverContext = await browser.newContext();
  await signInAs(leaverContext, leaver);
  const leaverPage = await leaverContext.newPage();
  await openMembers(leaverPage, organization.slug);
  await expect(leaverPage.getByRole("form", { name: "Invite members" })).toHaveCount(0);
  await leaverPage.getByRole("button", { name: "Leave organization" }).click();
  await leaverPage.getByRole("dialog").getByRole("button", { name: "Leave organization" }).click();
  await expect(leaverPage).toHaveURL(new RegExp(`/${leaver.personalSlug}`));
  expect(await roleIn(organization.id, leaver.id)).toBeUndefined();

  // The last owner cannot leave.
  await page.reload();
  await page.getByRole("button", { name: "Leave organization" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Leave organization" }).click();
  await expect(page.getByRole("dialog").getByText(/You are the last owner/)).toBeVisible();
  await page.keyboard.press("Escape");

  // Transfer of ownership needs the password once the sign-in is a few minutes old: offered, then
  // accepted by the heir; the roles swap.
  await testDb
    .update(schema.userSessions)
    .set({ authenticatedAt: new Date(Date.now() - 10 * 60_000) })
    .where(eq(schema.userSessions.userId, owner.id));
  await page.reload();
  await page.getByRole("button", { name: "Transfer ownership to Hana Heir" }).click();
  const transferDialog = page.getByRole("dialog");
  await transferDialog.getByRole("button", { name: "Offer ownership" }).click();
  await expect(transferDialog.getByText("Enter your password to confirm.")).toBeVisible();
  await transferDialog.getByLabel("Your password").fill("not-my-password");
  await transferDialog.getByRole("button", { name: "Offer ownership" }).click();
  await expect(transferDialog.getByText("This is not your password.")).toBeVisible();
  await expect(transferDialog.getByLabel("Your password")).toHaveAttribute("aria-invalid", "true");
  expect(await testDb.select().from(schema.ownershipTransfers).where(eq(schema.ownershipTransfers.accountId, organization.id))).toHaveLength(0);
  await transferDialog.getByLabel("Your password").fill(owner.password);
  await transferDialog.getByRole("button", { name: "Offer ownership" }).click();
  await expect(page.getByText("Ownership offered to Hana Heir")).toBeVisible();
  const heirContext = await browser.newContext();
  await signInAs(heirContext, heir);
  const heirPage = await heirContext.newPage();
  await openMembers(heirPage, organization.slug);
  await expect(heirPage.getByText("Olga Owner offered you ownership of this organization")).toBeVisible();
  await heirPage.getByRole("button", { name: "Accept ownership" }).click();
  await heirPage.getByRole("dialog").getByRole("button", { name: "Accept ownership" }).click();
  await expect(heirPage.getByText("You are now an owner.").first()).toBeVisible();
  expect(await roleIn(organization.id, heir.id)).toBe("owner");
  expect(await roleIn(organization.id, owner.id)).toBe("admin");

  // Deletion by the new owner: the name must be typed, and the password.
  await heirPage.goto(`/${organization.slug}/settings`);
  await heirPage.getByRole("button", { name: "Delete organization" }).click();
  const dialog = heirPage.getByRole("dialog");
  await dialog.getByLabel(`Type ${organization.name} to confirm`).fill("wrong name");
  await dialog.getByLabel("Your password").fill(heir.password);
  await dialog.getByRole("button", { name: "Delete this organization" }).click();
  await expect(dialog.getByText("Type the organization's name exactly to confirm.")).toBeVisible();
  await dialog.getByLabel(`Type ${organization.name} to confirm`).fill(organization.name);
  await dialog.getByLabel("Your password").fill(heir.password);
  await dialog.getByRole("button", { name: "Delete this organization" }).click();
  await expect(heirPage).toHaveURL(new RegExp(`/${heir.personalSlug}`));
  await expect(heirPage.getByText("The organization was deleted.").first()).toBeVisible();
  expect(await testDb.select().from(schema.accounts).where(eq(schema.accounts.id, organization.id))).toHaveLength(0);
  await waitForMail(owner.email, new RegExp(`${organization.name} was deleted`));
  await page.goto(`/${organization.slug}`);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  for (const context of [ownerContext, memberContext, leaverContext, heirContext]) await context.close();
});

test("what a role may not do: hidden in the UI and refused by the server when forced", async ({ browser }) => {
  const [owner, admin, developer] = [await createTestUser("Olga Owner"), await createTestUser("Adam Admin"), await createTestUser("Dev Developer")];
  const organization = await createTestOrganization([
    [owner, "owner"],
    [admin, "admin"],
    [developer, "developer"],
  ]);
  const adminContext = await browser.newContext();
  await signInAs(adminContext, admin);
  const page = await adminContext.newPage();
  await openMembers(page, organization.slug);
  // Admins do not touch owners, nor invite owners.
  await expect(page.getByRole("button", { name: "Remove Olga Owner" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Change role of Olga Owner" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Invite members" }).getByLabel("Role").locator("option[value=owner]")).toHaveCount(0);

  // Load the role dialog as admin, then submit it as the developer: refused, nothing changes.
  await page.getByRole("button", { name: "Change role of Dev Developer" }).click();
  await page.getByRole("dialog").getByLabel("New role").selectOption("admin");
  const developerContext = await browser.newContext();
  await signInAs(developerContext, developer);
  await adminContext.clearCookies();
  await adminContext.addCookies(await developerContext.cookies());
  await page.getByRole("dialog").getByRole("button", { name: "Change role" }).click();
  await expect(page.getByRole("dialog").getByText("You do not have permission to do that.")).toBeVisible();
  expect(await roleIn(organization.id, developer.id)).toBe("developer");

  // A developer sees the members and the matrix, but no invite form and no member actions.
  const devPage = await developerContext.newPage();
  await openMembers(devPage, organization.slug);
  await expect(devPage.getByRole("form", { name: "Invite members" })).toHaveCount(0);
  await expect(devPage.getByRole("button", { name: /Change role of|Remove / })).toHaveCount(0);
  // A personal space has no members screen.
  const response = await devPage.goto(`/${developer.personalSlug}/members`);
  expect(response?.status()).toBe(404);
  await adminContext.close();
  await developerContext.close();
});

