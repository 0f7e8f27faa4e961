import { readFile } from "node:fs/promises";
import * as schema from "../db/schema";
import { createTestOrganization, createTestUser, expect, signInAs, test, testDb } from "./support/fixtures";

const minute = 60_000;

test("an admin filters the audit log by action, pages to older events and exports the filtered CSV", async ({ page, context }) => {
  const admin = await createTestUser("Ada Admin");
  const organization = await createTestOrganization([[admin, "admin"]]);
  const elsewhere = await createTestOrganization([[admin, "owner"]]);
  const start = Date.now() - 24 * 60 * minute;
  await testDb.insert(schema.auditEvents).values([
    ...Array.from({ length: 60 }, (_, i) => ({
      accountId: organization.id,
      actorEmail: `signer-${i}@example.test`,
      action: "user.signed_in",
      targetType: "session",
      ip: `198.51.100.${i}`,
      createdAt: new Date(start - i * minute),
    })),
    {
      accountId: organization.id,
      actorId: admin.id,
      actorEmail: admin.email,
      action: "organization.updated",
      targetType: "account",
      targetId: organization.id,
      metadata: { changes: { name: { from: "Old Name", to: "New Name" } } },
      ip: "203.0.113.5",
      createdAt: new Date(start + 2 * minute),
    },
    {
      accountId: organization.id,
      actorEmail: '=HYPERLINK("http://evil.test","x")',
      action: "organization.updated",
      targetType: "account",
      targetId: organization.id,
      metadata: { changes: { description: { from: "", to: "@SUM(1)" } } },
      createdAt: new Date(start + minute),
    },
    { accountId: elsewhere.id, actorEmail: "elsewhere@example.test", action: "organization.updated", targetType: "account" },
    // The same person through an API key, the platform, and a job: each says how it came in.
    {
      accountId: organization.id,
      actorId: admin.id,
      actorEmail: admin.email,
      actorChannel: "api_key",
      actorCredentialId: "key-e2e",
      actorLabel: "ci-deploy",
      action: "member.invited",
      targetType: "invitation",
      createdAt: new Date(start + 3 * minute),
    },
    { accountId: organization.id, actorChannel: "platform_key", actorCredentialId: "pk-e2e", actorLabel: "billing-agent", action: "account.activated", targetType: "account", createdAt: new Date(start + 4 * minute) },
    { accountId: organization.id, actorChannel: "job", actorCredentialId: "monthly-billing-run", actorLabel: "the monthly billing run", action: "invoice.issued", targetType: "invoice", createdAt: new Date(start + 5 * minute) },
  ]);
  await signInAs(context, admin);

  await page.goto(`/${organization.slug}`);
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const rows = page.getByRole("table", { name: "Audit events, newest first" }).locator("tbody tr");
  await expect(rows).toHaveCount(50);
  await expect(rows.nth(0)).toContainText("The monthly billing run");
  await expect(rows.nth(1)).toContainText("The platform");
  await expect(rows.nth(1)).toContainText("billing-agent");
  await expect(rows.nth(2)).toContainText(admin.email);
  await expect(rows.nth(2)).toContainText("via API key ci-deploy");

  // Filter by channel: only what came in through an API key.
  await page.getByLabel("Channel", { exact: true }).selectOption("api_key");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/channel=api_key/);
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toContainText("via API key ci-deploy");
  await page.getByLabel("Channel", { exact: true }).selectOption("");

  // Filter by action: only this organization's two updates, newest first, with what changed.
  await page.getByLabel("Action", { exact: true }).selectOption("organization.updated");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/action=organization\.updated/);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(admin.email);
  await expect(rows.nth(0)).toContainText("Organization updated");
  await expect(rows.nth(0)).toContainText("Old Name → New Name");
  await expect(rows.nth(0).locator("time")).toHaveAttribute("datetime", new Date(start + 2 * minute).toISOString());
  await expect(rows.nth(1)).toContainText('=HYPERLINK("http://evil.test","x")');
  await expect(page.getByText("elsewhere@example.test")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Pagination" })).toHaveCount(0);

  // Export what is filtered: every matching event, defused against spreadsheet formulas.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${organization.slug}-audit-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.split("\r\n");
  expect(lines[0]).toBe("time_utc,actor_email,action,action_label,target_type,target_id,details,ip,user_agent,actor_channel,actor_credential_id,actor_label,actor");
  expect(lines).toHaveLength(4);
  expect(lines[1]).toContain(`${new Date(start + 2 * minute).toISOString()},${admin.email},organization.updated,Organization updated,account,${organization.id},`);
  expect(lines[1]).toContain('"{""changes"":{""name"":{""to"":""New Name"",""from"":""Old Name""}}}"');
  expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
  expect(csv).not.toContain("user.signed_in");
  expect(csv).not.toContain("elsewhere@example.test");

  // Another action, over two pages: "Older" keeps the filter, "Newer" comes back.
  await page.getByLabel("Action", { exact: true }).selectOption("user.signed_in");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/action=user\.signed_in/);
  await expect(rows).toHaveCount(50);
  await expect(rows.nth(0)).toContainText("signer-0@example.test");
  await expect(rows.nth(49)).toContainText("signer-49@example.test");
  const pagination = page.getByRole("navigation", { name: "Pagination" });
  await pagination.getByRole("link", { name: "Older" }).click();
  await expect(page).toHaveURL(/before=\d+/);
  await expect(page).toHaveURL(/action=user\.signed_in/);
  await expect(rows).toHaveCount(10);
  await expect(rows.nth(0)).toContainText("signer-50@example.test");
  await expect(rows.nth(9)).toContainText("signer-59@example.test");
  await expect(rows.nth(9)).toContainText("198.51.100.59");
  await expect(pagination.getByRole("link", { name: "Older" })).toHaveCount(0);
  await pagination.getByRole("link", { name: "Newer" }).click();
  await expect(rows).toHaveCount(50);
  await expect(rows.nth(0)).toContainText("signer-0@example.test");

  // A bad date in a shared URL is named next to its field, and nothing is listed.
  const response = await page.goto(`/${organization.slug}/audit?from=2024-02-30`);
  expect(response?.status()).toBe(200);
  await expect(page.getByText("The start date does not exist.")).toBeVisible();
  await expect(page.getByLabel("From (UTC)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("table")).toHaveCount(0);
  const export400 = await page.request.get(`/${organization.slug}/audit/export?from=2024-03-02&to=2024-03-01`);
  expect(export400.status()).toBe(400);
});

for (const role of ["member", "billing"] as const) {
  test(`a ${role} gets a 404 for the audit log and its export, and no link to it`, async ({ page, context }) => {
    const owner = await createTestUser("Olivia Owner");
    const user = await createTestUser(`Una ${role}`);
    const organization = await createTestOrganization([
      [owner, "owner"],
      [user, role],
    ]);
    await testDb.insert(schema.auditEvents).values({ accountId: organization.id, actorEmail: owner.email, action: "organization.updated", targetType: "account" });
    await signInAs(context, user);

    await page.goto(`/${organization.slug}`);
    const nav = page.getByRole("navigation", { name: "Account" });
    await expect(nav.getByRole("link", { name: "Overview" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);

    const response = await page.goto(`/${organization.slug}/audit`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    const exported = await page.request.get(`/${organization.slug}/audit/export`);
    expect(exported.status()).toBe(404);
    expect(await exported.text()).not.toContain(owner.email);
  });
}
