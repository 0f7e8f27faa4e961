import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";
import { applyForwardedHeaders, decideClientAddress, type IncomingRequestLike } from "./forwarded-headers";
import { compileTrustedProxies, trustedProxiesProblem } from "./trusted-proxies";

const request = (remoteAddress: string, headers: IncomingRequestLike["headers"] = {}): IncomingRequestLike => ({ socket: { remoteAddress }, headers });
const forged = {
  "x-forwarded-for": "203.0.113.66, 198.51.100.1",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
  "x-forwarded-port": "443",
  "x-real-ip": "203.0.113.67",
  forwarded: "for=203.0.113.68;host=evil.example",
};

describe("the client address", () => {
  it("is the socket's when no proxy is trusted (the default), whatever the client claims", () => {
    const trust = compileTrustedProxies("");
    const req = request("192.0.2.10", { ...forged, host: "console.example" });
    expect(decideClientAddress(req, trust)).toBe("192.0.2.10");
    applyForwardedHeaders(req, trust);
    expect(req.headers).toEqual({ host: "console.example", "x-forwarded-for": "192.0.2.10" });
    expect(clientAddress(new Headers(req.headers as Record<string, string>))).toBe("192.0.2.10");
  });

  it("ignores forged headers from a hop that is not in TRUSTED_PROXIES", () => {
    const trust = compileTrustedProxies("10.0.0.0/8");
    const req = request("192.0.2.10", { ...forged });
    applyForwardedHeaders(req, trust);
    expect(req.headers["x-forwarded-for"]).toBe("192.0.2.10");
    expect(req.headers["x-forwarded-host"]).toBeUndefined();
    expect(req.headers["x-forwarded-proto"]).toBeUndefined();
  });

  it("walks a trusted proxy chain back to the first untrusted address", () => {
    const trust = compileTrustedProxies("10.0.0.0/8, loopback");
    // The client forged 203.0.113.66; the outer proxy (10.0.0.2) saw 198.51.100.7 and appended it.
    const req = request("::ffff:127.0.0.1", { "x-forwarded-for": "203.0.113.66, 198.51.100.7, 10.0.0.2", "x-forwarded-host": "evil.example, console.example", "x-forwarded-proto": "https", "x-real-ip": "1.1.1.1" });
    applyForwardedHeaders(req, trust);
    expect(req.headers["x-forwarded-for"]).toBe("198.51.100.7");
    expect(req.headers["x-forwarded-host"]).toBe("console.example");
    expect(req.headers["x-forwarded-proto"]).toBe("https");
    expect(req.headers["x-real-ip"]).toBeUndefined();
  });

  it("never takes something that is not an address for one", () => {
    const trust = compileTrustedProxies("loopback");
    expect(decideClientAddress(request("127.0.0.1", { "x-forwarded-for": "<script>" }), trust)).toBe("127.0.0.1");
    expect(decideClientAddress(request("::ffff:192.0.2.1"), trust)).toBe("192.0.2.1");
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.1, 10.0.0.1" }))).toBeNull();
  });

  it("refuses a malformed setting", () => {
    expect(trustedProxiesProblem("loopback, 10.0.0.0/8")).toBeNull();
    expect(trustedProxiesProblem("10.0.0.0/99")).not.toBeNull();
    expect(trustedProxiesProblem("proxy.example")).not.toBeNull();
  });
});
