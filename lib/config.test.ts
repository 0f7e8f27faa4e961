import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

describe("parseConfig", () => {
  it("fills defaults outside production", () => {
    const config = parseConfig({});
    expect(config.APP_ENV).toBe("development");
    expect(config.APP_URL).toBe("http://localhost:3000");
    expect(config.NEW_ORGANIZATION_STATUS).toBe("suspended");
  });

  it("names every malformed setting", () => {
    try {
      parseConfig({ SMTP_URL: "mail.example.com", DATABASE_URL: "mysql://x", NEW_ORGANIZATION_STATUS: "maybe" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain("SMTP_URL");
      expect(message).toContain("DATABASE_URL");
      expect(message).toContain("NEW_ORGANIZATION_STATUS");
    }
  });

  it("requires the production settings in production", () => {
    expect(() => parseConfig({ APP_ENV: "production" })).toThrow(/AUTH_SECRET is required/);
    expect(() =>
      parseConfig({
        APP_ENV: "production",
        APP_URL: "https://console.example.com",
        AUTH_SECRET: "x".repeat(40),
        DATABASE_URL: "postgres://db/console",
        SMTP_URL: "smtp://user:pass@mail:587",
        SANDBOX_PAYMENTS_IN_PRODUCTION: "true",
      }),
    ).not.toThrow();
  });
});

describe("trusted proxies", () => {
  it("trusts none by default and names a malformed list", () => {
    expect(parseConfig({}).TRUSTED_PROXIES).toBe("");
    expect(parseConfig({ TRUSTED_PROXIES: "loopback, 10.0.0.0/8" }).TRUSTED_PROXIES).toBe("loopback, 10.0.0.0/8");
    expect(() => parseConfig({ TRUSTED_PROXIES: "lb.example.com" })).toThrow(/TRUSTED_PROXIES/);
  });
});

describe("payment provider", () => {
  const production = { APP_ENV: "production", APP_URL: "https://c.example.com", AUTH_SECRET: "x".repeat(40), DATABASE_URL: "postgres://db/c", SMTP_URL: "smtp://mail:587" };
  it("refuses the sandbox in production unless the operator enables it explicitly", () => {
    expect(() => parseConfig(production)).toThrow(/PAYMENT_PROVIDER is the sandbox/);
    expect(parseConfig({ ...production, SANDBOX_PAYMENTS_IN_PRODUCTION: "true" }).PAYMENT_PROVIDER).toBe("sandbox");
    expect(parseConfig({}).PAYMENT_PROVIDER).toBe("sandbox");
  });
});
