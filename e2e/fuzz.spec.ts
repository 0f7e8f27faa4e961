/**
 * Crafted input never gets a 5xx. Every server action of the production build is called directly
 * (as an attacker would, with the `Next-Action` header) with bodies that are not forms, arguments of
 * the wrong type, huge, unicode, NUL and prototype-key values; every page and GET route is loaded
 * with such values in its query parameters. Unhandled errors in the server's log fail the run too
 * (see global-teardown.ts).
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import * as schema from "../db/schema";
import { filterNames } from "../lib/audit-log/filters";
import { newLinkToken } from "../lib/tokens";
import { baseURL } from "../playwright.config";
import { createTestOrganization, createTestUser, signInAs, testDb, type TestUser } from "./support/fixtures";

interface ActionEntry {
  workers: Record<string, unknown>;
  filename?: string;
  exportedName?: string;
}

const buildDir = ".next/server";
const actionManifest = JSON.parse(readFileSync(join(buildDir, "server-reference-manifest.json"), "utf8")) as { node: Record<string, ActionEntry> };
const appPaths = Object.keys(JSON.parse(readFileSync(join(buildDir, "app-paths-manifest.json"), "utf8")) as Record<string, string>);

/** `/(console)/[slug]/members/page` → `/[slug]/members`; Next's internal pages are left out. */
function routeOf(appPath: string): { pattern: string; kind: "page" | "route" } | null {
  const kind = appPath.endsWith("/page") ? "page" : appPath.endsWith("/route") ? "route" : null;
  if (!kind || appPath.startsWith("/_")) return null;
  const segments = appPath.split("/").slice(0, -1).filter((segment) => segment && !/^\(.*\)$/.test(segment));
  return { pattern: `/${segments.join("/")}`, kind };
}
const routes = appPaths.map(routeOf).filter((route): route is NonNullable<typeof route> => route !== null);

/** Field and parameter names the console reads, taken from its sources so a new one is fuzzed too. */
function namesInSources(): string[] {
  const names = new Set<string>(filterNames);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry) && !entry.endsWith(".test.ts")) {
        const source = readFileSync(path, "utf8");
        for (const match of source.matchAll(/\bname="([A-Za-z][\w]*)"/g)) names.add(match[1]!);
        for (const match of source.matchAll(/searchParam\([^,()]+,\s*"([A-Za-z][\w]*)"\)/g)) names.add(match[1]!);
        for (const match of source.matchAll(/^\s{2,}([a-z][A-Za-z]*): z\./gm)) names.add(match[1]!);
      }
    }
  };
  for (const dir of ["app", "components", "lib"]) walk(dir);
  return [...names].sort();
}
const fieldNames = namesInSources();

// Big, yet under the body limits: a field this long in every field of a form stays below 1 MiB.
const huge = "x".repeat(12_000);
/** Values for a text field or a query parameter. */
const nastyStrings = [
  "",
  "\u0000",
  `a\u0000b`,
  "%00",
  "\u2028\u2029\u202e\ufeff",
  "😀 Ça ünïcödé 中文 \u0301",
  "\ud800",
  huge,
  "__proto__",
  "constructor",
  "toString",
  "-1",
  "1e20",
  "99999999999999999999999",
  "NaN",
  "[object Object]",
  "/\t/evil.example",
  "' OR 1=1 --",
];

/** The most distinct of them, for every field of a form at once (each form costs a request). */
const formValues = ["", "\u0000", "\u2028\u2029\u202e\ufeff", "😀 Ça ünïcödé 中文 \u0301", "\ud800", huge, "__proto__", "99999999999999999999999"];

/** Bodies that are not what any action expects. Sent as text, which Next decodes as the argument list. */
const textBodies = [
  "",
  "not json",
  "null",
  "[]",
  "{}",
  "42",
  '"a string"',
  "[null, null, null]",
  '[1, 2, 3, 4]',
  '["a", "b", "c"]',
  '[{"__proto__": {"polluted": true}}, {"constructor": {"prototype": {"polluted": true}}}, {"entries": "no"}]',
  '[["nested", ["array"]], {"status": "success"}, {"get": 1}]',
  JSON.stringify(["\u0000", "\u0000", "\u0000"]),
  JSON.stringify(["x".repeat(300_000), "y".repeat(300_000), "z".repeat(300_000)]),
  "[" + "[".repeat(5_000) + "]".repeat(5_000) + "]",
];

interface Fixture {
  owner: TestUser;
  slug: string;
  token: string;
}

async function fixture(): Promise<Fixture> {
  const owner = await createTestUser("Fuzz Owner");
  const organization = await createTestOrganization([[owner, "owner"]]);
  const { token, hash } = newLinkToken();
  await testDb.insert(schema.invitations).values({
    accountId: organization.id,
    email: `fuzz-invitee-${token.slice(0, 6).toLowerCase()}@example.test`,
    role: "member",
    invitedById: owner.id,
    tokenHash: hash,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  return { owner, slug: organization.slug, token };
}

function concretePath(pattern: string, f: Fixture): string {
  return pattern
    .replace("[slug]", f.slug)
    .replace("[token]", f.token)
    .replace("[number]", "INV-2026-000001")
    .replace("[...nextauth]", "session");
}

function describeStatus(what: string, status: number) {
  return `${what} answered ${status}`;
}

/** The multipart body the React client sends for `action(...args)`, with a FormData as the last argument. */
function replyWithForm(args: unknown[], fields: [string, string][]): FormData {
  const body = new FormData();
  for (const [name, value] of fields) body.append(`_1_${name}`, value);
  // As React does: the parts first, the root (the argument list) last.
  body.append("0", JSON.stringify([...args, "$K1"]));
  return body;
}

async function post(request: APIRequestContext, path: string, actionId: string, body: string | FormData, what: string) {
  const response = await request.post(path, {
    headers: {
      "Next-Action": actionId,
      Accept: "text/x-component",
      Origin: baseURL,
      ...(typeof body === "string" ? { "Content-Type": "text/plain;charset=UTF-8" } : {}),
    },
    ...(typeof body === "string" ? { data: body } : { multipart: body }),
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  expect(response.status(), describeStatus(what, response.status())).toBeLessThan(500);
}

test.describe("server actions never answer 5xx to crafted calls", () => {
  const actions = Object.entries(actionManifest.node);
  test("the build has server actions to call", () => expect(actions.length).toBeGreaterThan(20));

  for (const [actionId, entry] of actions) {
    const name = `${entry.filename ?? "?"}#${entry.exportedName ?? actionId}`;
    test(name, async ({ browser }) => {
      test.setTimeout(180_000);
      const f = await fixture();
      const worker = Object.keys(entry.workers).map((key) => routeOf(`/${key.replace(/^app\//, "")}`)).find((route) => route?.kind === "page");
      const path = concretePath(worker?.pattern ?? "/", f);
      const context = await browser.newContext({ baseURL });
      try {
        const call = async (body: string | FormData, what: string) => {
          // A fresh session each time: some actions (sign out, sign out everywhere) end the one they run in.
          await signInAs(context, f.owner);
          await post(context.request, path, actionId, body, `${name} ${what}`);
        };
        for (const body of textBodies) await call(body, `with text body ${JSON.stringify(body.slice(0, 40))}`);

        // Actions take (state, form), or bound values first: a slug, an invitation token or id.
        const idleState = { status: "idle" };
        const leadingArgs: unknown[][] = [[idleState], [f.slug, idleState], [f.token, idleState], [JSON.parse(`{"__proto__": {"polluted": true}, "slug": "${f.slug}"}`), 42]];
        for (const args of leadingArgs) {
          for (const value of formValues) {
            const fields = fieldNames.map((field): [string, string] => [field, value]);
            fields.push(["__proto__", value], ["constructor", value], ["toString", value]);
            await call(replyWithForm(args, fields), `with args ${JSON.stringify(args).slice(0, 60)} and fields = ${JSON.stringify(value.slice(0, 20))}`);
          }
        }

        // The no-JavaScript path: a plain form post naming the action, which Next calls with the form only.
        const plain = new FormData();
        plain.append(`$ACTION_ID_${actionId}`, "");
        for (const field of fieldNames) plain.append(field, "\u0000");
        await signInAs(context, f.owner);
        const response = await context.request.post(path, { multipart: plain, headers: { Origin: baseURL }, maxRedirects: 0, failOnStatusCode: false });
        expect(response.status(), describeStatus(`${name} as a plain form post`, response.status())).toBeLessThan(500);
      } finally {
        await context.close();
      }
    });
  }
});

test.describe("pages and GET routes never answer 5xx to crafted query parameters", () => {
  test("the build has pages to load", () => expect(routes.length).toBeGreaterThan(15));

  for (const route of routes) {
    test(route.pattern, async ({ browser }) => {
      test.setTimeout(180_000);
      const f = await fixture();
      const context = await browser.newContext({ baseURL });
      await signInAs(context, f.owner);
      const path = concretePath(route.pattern, f);
      const load = async (query: URLSearchParams, what: string) => {
        const response = await context.request.get(`${path}?${query.toString()}`, { maxRedirects: 0, failOnStatusCode: false });
        expect(response.status(), describeStatus(`${path} ${what}`, response.status())).toBeLessThan(500);
      };
      try {
        for (const value of nastyStrings) {
          const everyParam = new URLSearchParams(fieldNames.map((name) => [name, value]));
          await load(everyParam, `with every parameter = ${JSON.stringify(value.slice(0, 20))}`);
          const repeated = new URLSearchParams(fieldNames.flatMap((name) => [[name, value], [name, "1"]]));
          await load(repeated, `with every parameter repeated, first = ${JSON.stringify(value.slice(0, 20))}`);
        }
        // One parameter at a time, so a parameter refused early cannot hide one that fails later.
        for (const name of fieldNames) {
          for (const value of ["\u0000", "99999999999999999999999"]) {
            await load(new URLSearchParams([[name, value]]), `with ${name} = ${JSON.stringify(value)}`);
          }
        }
      } finally {
        await context.close();
      }
    });
  }
});

test.describe("a NUL character is a field error, not 'Something went wrong'", () => {
  const actionId = (exportedName: string) => {
    const found = Object.entries(actionManifest.node).find(([, entry]) => entry.exportedName === exportedName);
    if (!found) throw new Error(`no server action ${exportedName} in the build`);
    return found[0];
  };
  const cases: { action: string; path: (f: Fixture) => string; bound: (f: Fixture) => unknown[]; fields: [string, string][] }[] = [
    { action: "redeemCouponAction", path: (f) => `/${f.slug}/billing`, bound: (f) => [f.slug], fields: [["code", "WELCOME\u000010"]] },
    {
      action: "saveBillingProfileAction",
      path: (f) => `/${f.slug}/billing`,
      bound: (f) => [f.slug],
      fields: [["legalName", "Acme\u0000 SAS"], ["billingEmail", "billing@example.test"], ["country", "FR"], ["line1", "1 rue de la Paix"], ["city", "Paris"], ["postalCode", "75002"]],
    },
    { action: "updateProfileAction", path: (f) => `/${f.owner.personalSlug}/settings`, bound: () => [], fields: [["name", "Ann\u0000"]] },
    { action: "createOrganizationAction", path: () => "/new", bound: () => [], fields: [["name", "Null\u0000 Corp"], ["slug", "null-corp"]] },
  ];
  for (const { action, path, bound, fields } of cases) {
    test(action, async ({ browser }) => {
      const f = await fixture();
      const context = await browser.newContext({ baseURL });
      await signInAs(context, f.owner);
      const response = await context.request.post(path(f), {
        headers: { "Next-Action": actionId(action), Accept: "text/x-component", Origin: baseURL },
        multipart: replyWithForm([...bound(f), { status: "idle" }], fields),
        failOnStatusCode: false,
      });
      expect(response.status()).toBe(200);
      const body = await response.text();
      expect(body).toContain("This field contains characters that are not allowed.");
      expect(body).not.toContain("Something went wrong");
      await context.close();
    });
  }
});
