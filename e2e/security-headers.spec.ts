import { createTestOrganization, createTestUser, expect, signInAs, test } from "./support/fixtures";

const directives = (policy: string) => Object.fromEntries(policy.split(";").map((directive) => directive.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
const nonceOf = (policy: string) => /'nonce-([^']+)'/.exec(policy)?.[1];

test("every page carries a Content-Security-Policy with a fresh nonce, and every script in it carries that nonce", async ({ page, context }) => {
  const owner = await createTestUser("Olga Owner");
  const organization = await createTestOrganization([[owner, "owner"]]);
  await signInAs(context, owner);

  const nonces = new Set<string>();
  for (const path of ["/sign-in", "/sign-up", `/${organization.slug}`, `/${organization.slug}`, `/${organization.slug}/members`, `/${organization.slug}/settings`, `/${organization.slug}/consumption`, "/no-such-page"]) {
    const response = await page.request.get(path);
    const policy = response.headers()["content-security-policy"];
    expect(policy, path).toBeTruthy();
    const nonce = nonceOf(policy!);
    expect(nonce, path).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    nonces.add(nonce!);
    expect(directives(policy!), path).toMatchObject({
      "default-src": ["'self'"],
      "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
      "frame-src": ["'none'"],
    });
    expect(policy, path).not.toContain("unsafe-eval");
    // Not production: no HSTS (it would pin https on localhost).
    expect(response.headers()["strict-transport-security"], path).toBeUndefined();
    expect(response.headers()["x-content-type-options"], path).toBe("nosniff");
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const script of scripts) expect(script, path).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(8);
});

test("the billing page has the narrow policy: only 'self', the nonce and the payment provider's origins", async ({ page, context }) => {
  const owner = await createTestUser("Olga Owner");
  const organization = await createTestOrganization([[owner, "owner"]]);
  await signInAs(context, owner);

  const direct = await page.request.get(`/${organization.slug}/billing`);
  const policy = directives(direct.headers()["content-security-policy"]!);
  const nonce = nonceOf(direct.headers()["content-security-policy"]!);
  // The sandbox provider declares no origin beyond the console's own.
  expect(policy).toMatchObject({ "script-src": ["'self'", `'nonce-${nonce}'`], "frame-src": ["'none'"], "connect-src": ["'self'"], "object-src": ["'none'"], "form-action": ["'self'"] });

  // Arriving from another page by a client-side navigation loads billing as a document, with its own policy.
  await page.goto(`/${organization.slug}`);
  const billingDocument = page.waitForResponse((response) => new URL(response.url()).pathname === `/${organization.slug}/billing` && response.request().resourceType() === "document");
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Billing" }).click();
  const response = await billingDocument;
  expect(response.headers()["content-security-policy"]).not.toContain("strict-dynamic");
  await expect(page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Add a card" })).toBeVisible();

  // And back out to the rest of the console without a reload.
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
});

test.describe("the policy at work", () => {
  test.use({ cspViolationsExpected: true });

  test("an injected inline handler does not run, and the journeys' fixture reports it", async ({ page, context }) => {
    const owner = await createTestUser("Olga Owner");
    await signInAs(context, owner);
    await page.goto(`/${owner.personalSlug}`);
    const blocked = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener("securitypolicyviolation", (event) => {
            if (event.effectiveDirective.startsWith("script-src")) resolve(event.effectiveDirective);
          });
          const injected = document.createElement("div");
          injected.innerHTML = '<img alt="" src="data:," onerror="window.__ran = true">';
          document.body.append(injected);
          setTimeout(() => resolve("nothing blocked"), 3000);
        }),
    );
    expect(blocked).toMatch(/^script-src/);
    expect(await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBeUndefined();
  });
});
