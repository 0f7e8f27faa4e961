import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { withSafeCallbackUrl } from "./safe-auth-request";

async function seen(url: string, cookie?: string) {
  let received: NextRequest | undefined;
  const handler = withSafeCallbackUrl(async (request) => {
    received = request;
    return new Response("ok");
  });
  await handler(new NextRequest(url, { headers: cookie ? { cookie } : {} }));
  return { callbackUrls: received!.nextUrl.searchParams.getAll("callbackUrl"), cookie: received!.cookies.get("authjs.callback-url")?.value };
}

describe("withSafeCallbackUrl", () => {
  it("keeps a safe callback once, as a path", async () => {
    expect((await seen("http://console.test/api/auth/session?callbackUrl=%2Facme")).callbackUrls).toEqual(["/acme"]);
    expect((await seen("http://console.test/api/auth/session?callbackUrl=http%3A%2F%2Fconsole.test%2Facme")).callbackUrls).toEqual(["/acme"]);
  });

  it.each(["1", "//evil.example", "https://evil.example/", "/%09/evil.example", ""])("drops the unsafe callback %j", async (value) => {
    const { callbackUrls } = await seen(`http://console.test/api/auth/session?callbackUrl=${encodeURIComponent(value)}&callbackUrl=1`);
    expect(callbackUrls.every((url) => url.startsWith("/") && !url.startsWith("//"))).toBe(true);
    expect(callbackUrls.length).toBeLessThanOrEqual(1);
  });

  it("drops a forged callback cookie and keeps Auth.js's own", async () => {
    expect((await seen("http://console.test/api/auth/session", "authjs.callback-url=https%3A%2F%2Fevil.example")).cookie).toBeUndefined();
    expect((await seen("http://console.test/api/auth/session", "authjs.callback-url=1")).cookie).toBeUndefined();
    expect((await seen("http://console.test/api/auth/session", "authjs.callback-url=http%3A%2F%2Fconsole.test")).cookie).toBe("http://console.test");
  });
});
