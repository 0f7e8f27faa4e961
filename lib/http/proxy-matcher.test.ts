import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import { config } from "@/proxy";

const runs = (path: string) => unstable_doesMiddlewareMatch({ config, url: `http://localhost${path}` });

describe("the proxy's matcher", () => {
  it.each(["/favicon.ico", "/robots.txt", "/_next/static/chunks/main.js", "/_next/image", "/_next/image/x"])("skips %s", (path) => {
    expect(runs(path)).toBe(false);
  });

  it.each(["/", "/faviconxico", "/faviconxico/settings", "/favicon-ico/settings", "/favicon.ico/settings", "/robots1txt-eu", "/robots1txt-eu/billing", "/robots.txt.eu", "/acme/settings", "/_next/data/x.json", "/_next/imagex", "/api/auth/callback/credentials", "/sign-in"])(
    "guards %s",
    (path) => {
      expect(runs(path)).toBe(true);
    },
  );
});
