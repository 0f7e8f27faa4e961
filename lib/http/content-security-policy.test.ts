import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, isBillingPath, nonceFromPolicy } from "./content-security-policy";
import { strictTransportSecurity } from "./strict-transport-security";

const directives = (policy: string) => Object.fromEntries(policy.split("; ").map((directive) => [directive.split(" ")[0], directive.split(" ").slice(1)]));

describe("contentSecurityPolicy", () => {
  it("allows scripts only from 'self' and the nonce, with 'strict-dynamic', and no eval in production", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "abc", development: false, https: false }));
    expect(policy["script-src"]).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
    expect(policy).toMatchObject({
      "default-src": ["'self'"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
      "frame-src": ["'none'"],
      "connect-src": ["'self'"],
    });
    expect(policy["upgrade-insecure-requests"]).toBeUndefined();
  });

  it("adds 'unsafe-eval' under next dev only, and upgrade-insecure-requests over https", () => {
    expect(directives(contentSecurityPolicy({ nonce: "n", development: true, https: true }))).toMatchObject({ "script-src": expect.arrayContaining(["'unsafe-eval'"]), "upgrade-insecure-requests": [] });
  });

  it("gives the billing page the provider's origins and nothing else: no 'strict-dynamic'", () => {
    const stripeLike = { scripts: ["https://js.provider.example"], frames: ["https://js.provider.example", "https://hooks.provider.example"], connect: ["https://api.provider.example"] };
    const policy = directives(contentSecurityPolicy({ nonce: "n", development: false, https: true, payment: stripeLike }));
    expect(policy["script-src"]).toEqual(["'self'", "'nonce-n'", "https://js.provider.example"]);
    expect(policy["frame-src"]).toEqual(["https://js.provider.example", "https://hooks.provider.example"]);
    expect(policy["connect-src"]).toEqual(["'self'", "https://api.provider.example"]);
    const sandbox = directives(contentSecurityPolicy({ nonce: "n", development: false, https: false, payment: { scripts: [], frames: [], connect: [] } }));
    expect(sandbox).toMatchObject({ "script-src": ["'self'", "'nonce-n'"], "frame-src": ["'none'"], "connect-src": ["'self'"] });
  });

  it("makes a fresh nonce every time, and reads it back from a policy", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    const nonce = createNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceFromPolicy(contentSecurityPolicy({ nonce, development: false, https: false }))).toBe(nonce);
    expect(nonceFromPolicy(null)).toBeUndefined();
  });

  it("knows the billing page", () => {
    expect(isBillingPath("/acme/billing")).toBe(true);
    expect(isBillingPath("/acme/billing/")).toBe(true);
    expect(isBillingPath("/acme/billing-history")).toBe(false);
    expect(isBillingPath("/acme/settings")).toBe(false);
    expect(isBillingPath("/billing")).toBe(false);
  });
});

describe("strictTransportSecurity", () => {
  it("is sent in production over https only", () => {
    expect(strictTransportSecurity({ APP_ENV: "production", APP_URL: "https://console.example" })).toBe("max-age=63072000; includeSubDomains");
    expect(strictTransportSecurity({ APP_ENV: "production", APP_URL: "http://localhost:3000" })).toBeNull();
    expect(strictTransportSecurity({ APP_ENV: "development", APP_URL: "https://console.example" })).toBeNull();
  });
});
