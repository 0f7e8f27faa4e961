import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { invitationPath, safeRedirectPath, sameOriginPath, signInPath } from "./redirects";

const ORIGIN = "https://console.example";

/** How a browser would read the Location header we send, from a page on our origin. */
function browserTarget(location: string): URL {
  return new URL(location, `${ORIGIN}/sign-in`);
}

function staysHome(location: string) {
  expect(location.startsWith("/")).toBe(true);
  expect(location.startsWith("//")).toBe(false);
  expect(location.startsWith("/\\")).toBe(false);
  expect(browserTarget(location).origin).toBe(ORIGIN);
  // A valid header value: ASCII without controls (a newline here was a 500).
  expect(location).toMatch(/^[\x21-\x7e]+$/);
}

describe("sameOriginPath", () => {
  it.each([
    ["/", "/"],
    ["/acme", "/acme"],
    ["/acme/members?q=ann&page=2", "/acme/members?q=ann&page=2"],
    ["/invite/abc_DEF-123", "/invite/abc_DEF-123"],
    ["/acme/settings#logo", "/acme/settings#logo"],
    ["/acme/./members/../billing", "/acme/billing"],
    ["/acme?q=caf\u00e9", "/acme?q=caf%C3%A9"],
  ])("keeps %j as %j", (value, expected) => expect(sameOriginPath(value)).toBe(expected));

  // Known open-redirect bypasses, from the issue and from the usual lists.
  it.each([
    "/\t/evil.example/phish",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\u0000/evil.example",
    "/\u2028/evil.example",
    "/acme\u2029",
    "/acme\u0000",
    "//evil.example",
    "///evil.example",
    "////evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\/evil.example",
    "\\\\evil.example",
    "/.//evil.example",
    "/./\\evil.example",
    "/a/../..//evil.example",
    "/%2e%2e//evil.example",
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "/%5Cevil.example",
    "/%5C%5Cevil.example",
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%00",
    "https://evil.example",
    "http://console.invalid/acme",
    "javascript:alert(1)",
    "data:text/html,hi",
    " /acme",
    "evil.example",
    "",
    "/" + "a".repeat(5000),
  ])("refuses %j", (value) => expect(sameOriginPath(value)).toBeUndefined());

  it.each([undefined, null, 42, ["/acme"], { toString: () => "/acme" }])("refuses the non-string %j", (value) =>
    expect(sameOriginPath(value)).toBeUndefined(),
  );

  const dangerousPieces = fc.constantFrom(
    "/", "\\", "//", "\t", "\n", "\r", "\u0000", "\u2028", "\u00a0", ".", "..", "%2f", "%2F", "%5c", "%2e", "%09", "%0a", "%00",
    "@", ":", "?", "#", "evil.example", "http:", "https:", "javascript:", " ", "%", "%25", "ac me", "é", "\ud83d\ude00",
  );
  const crafted = fc.array(dangerousPieces, { maxLength: 8 }).map((pieces) => pieces.join(""));

  it("never leaves the origin and never throws, for any string", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), crafted, crafted.map((s) => `/${s}`)), (value) => {
        const location = safeRedirectPath(value);
        staysHome(location);
      }),
      { numRuns: 5000 },
    );
  });

  it("is idempotent: what it returns is accepted unchanged", () => {
    fc.assert(
      fc.property(fc.oneof(crafted.map((s) => `/${s}`), fc.webPath()), (value) => {
        const once = sameOriginPath(value);
        if (once !== undefined) expect(sameOriginPath(once)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("safeRedirectPath", () => {
  it("falls back to the personal space, or the given fallback", () => {
    expect(safeRedirectPath("//evil.example")).toBe("/");
    expect(safeRedirectPath("//evil.example", "/acme")).toBe("/acme");
    expect(safeRedirectPath("/acme/billing", "/x")).toBe("/acme/billing");
  });
});

describe("invitation and sign-in paths", () => {
  it("keeps a crafted token inside one path segment", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (token) => {
        const path = invitationPath(token);
        staysHome(path);
        if (path !== "/") expect(browserTarget(path).pathname).toBe(`/invite/${token}`);
      }),
    );
    for (const token of ["..", ".", "a/b", "%2e%2e", "\u0000"]) expect(invitationPath(token)).toBe("/");
    expect(invitationPath("abc_DEF-123")).toBe("/invite/abc_DEF-123");
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,60}$/), (token) => {
        expect(invitationPath(token)).toBe(`/invite/${token}`);
      }),
    );
  });

  it("carries a safe return path and drops an unsafe one", () => {
    expect(signInPath("/invite/abc")).toBe("/sign-in?callbackUrl=%2Finvite%2Fabc");
    expect(signInPath("//evil.example", "a@b.test")).toBe("/sign-in?callbackUrl=%2F&email=a%40b.test");
  });
});
