import { describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { createOrganizationWith, createUser } from "@/test/factories";
import { CredentialWindows, credentialWindows, WINDOW_MS } from "./rate-limit";
import { call, createMemberKey, createPlatformKey } from "./test-support";

describe("CredentialWindows", () => {
  it("counts per credential in one-minute windows", () => {
    let now = 1_000_000;
    const windows = new CredentialWindows(() => now);
    expect(windows.hit("a", 2)).toMatchObject({ allowed: true, remaining: 1, resetSeconds: 60 });
    expect(windows.hit("a", 2)).toMatchObject({ allowed: true, remaining: 0 });
    expect(windows.hit("a", 2)).toMatchObject({ allowed: false, remaining: 0 });
    expect(windows.hit("b", 2)).toMatchObject({ allowed: true, remaining: 1 });
    now += 30_000;
    expect(windows.hit("a", 2)).toMatchObject({ allowed: false, resetSeconds: 30 });
    now += WINDOW_MS - 30_000;
    expect(windows.hit("a", 2)).toMatchObject({ allowed: true, remaining: 1, resetSeconds: 60 });
  });
});

describe("the per-key request limit", () => {
  it("sends RateLimit-* on every answer and 429 with Retry-After past the limit, per key", async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = "3";
    process.env.API_PLATFORM_RATE_LIMIT_PER_MINUTE = "5";
    resetConfigForTests();
    credentialWindows.reset();
    try {
      const owner = await createUser();
      const account = await createOrganizationWith({ owner });
      const key = await createMemberKey(owner, account);
      const other = await createMemberKey(owner, account);
      const remaining: string[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await call("GET", i === 1 ? "/api/v1/nope" : "/api/v1/me", { token: key.token });
        expect(response.headers.get("ratelimit-limit")).toBe("3");
        remaining.push(response.headers.get("ratelimit-remaining")!);
      }
      expect(remaining).toEqual(["2", "1", "0"]);
      const limited = await call("GET", "/api/v1/me", { token: key.token });
      expect(limited.status).toBe(429);
      expect(limited.headers.get("content-type")).toBe("application/problem+json");
      expect(limited.body.code).toBe("rate_limited");
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(limited.headers.get("ratelimit-remaining")).toBe("0");
      expect((await call("GET", "/api/v1/me", { token: other.token })).status).toBe(200);
      const platform = await createPlatformKey(["accounts:read"]);
      expect((await call("GET", "/api/v1/me", { token: platform.token })).headers.get("ratelimit-limit")).toBe("5");
    } finally {
      delete process.env.API_RATE_LIMIT_PER_MINUTE;
      delete process.env.API_PLATFORM_RATE_LIMIT_PER_MINUTE;
      resetConfigForTests();
      credentialWindows.reset();
    }
  });
});
