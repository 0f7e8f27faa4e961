import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { MAX_BODY_BYTES } from "@/lib/http/body-limit";
import { config, proxy } from "@/proxy";

/** The proxy in front of every route, as it treats the REST API. */
const request = (path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) =>
  new NextRequest(`http://localhost:3000${path}`, { method: init.method ?? "GET", body: init.body, headers: init.headers });

describe("proxy.ts on /api/v1", () => {
  it.each(["/api/v1", "/api/v1/me", "/api/v1/accounts/acme/members", "/api/v1/openapi.json"])("runs on %s", (path) => {
    expect(unstable_doesMiddlewareMatch({ config, url: `http://localhost${path}` })).toBe(true);
  });

  it("never sends an API caller without a session to sign-in: the API answers for itself", async () => {
    const response = await proxy(request("/api/v1/accounts/acme/members"));
    expect(response.status).not.toBe(307);
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });

  it("refuses card data in an API body with a problem", async () => {
    const response = await proxy(
      request("/api/v1/accounts/acme/usage", {
        method: "POST",
        body: JSON.stringify({ records: [{ metric: "compute.hours", quantity: 1, time: "2026-01-01T00:00:00Z", idempotencyKey: "4242 4242 4242 4242" }] }),
        headers: { "content-type": "application/json" },
      }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 400, code: "card_data_refused", title: "Bad Request" });
  });

  it("refuses an API body past the limit with a problem", async () => {
    const response = await proxy(request("/api/v1/accounts/acme/usage", { method: "POST", body: "x".repeat(MAX_BODY_BYTES + 1), headers: { "content-type": "application/json" } }));
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect((await response.json()).code).toBe("payload_too_large");
  });

  it("keeps the old refusal shape outside the API", async () => {
    const response = await proxy(request("/acme/settings", { method: "POST", body: "card=4242424242424242", headers: { "content-type": "application/x-www-form-urlencoded" } }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "card_data_refused" });
  });
});
