import { describe, expect, it } from "vitest";
import { hashSecret, newToken, sameHash, tokenKind } from "./token";

describe("API tokens", () => {
  it("are typed, 40 characters, and carry a checksum that holds", () => {
    const key = newToken("apiKey");
    expect(key.token).toMatch(/^ock_[0-9A-Za-z]{36}$/);
    expect(tokenKind(key.token)).toBe("apiKey");
    const platform = newToken("platformKey");
    expect(platform.token).toMatch(/^ocp_/);
    expect(tokenKind(platform.token)).toBe("platformKey");
  });

  it("keep only a hash, a short prefix and the last four characters", () => {
    const key = newToken("apiKey");
    expect(key.secretHash).toBe(hashSecret(key.token));
    expect(key.secretHash).not.toContain(key.token.slice(8, -4));
    expect(key.displayPrefix).toBe(key.token.slice(0, 8));
    expect(key.last4).toBe(key.token.slice(-4));
  });

  it("refuse a token with one character changed, a wrong prefix or a wrong length", () => {
    const { token } = newToken("apiKey");
    const flipped = token.slice(0, 10) + (token[10] === "a" ? "b" : "a") + token.slice(11);
    expect(tokenKind(flipped)).toBeNull();
    expect(tokenKind("ghp_" + token.slice(4))).toBeNull();
    expect(tokenKind(token + "x")).toBeNull();
    expect(tokenKind("")).toBeNull();
    expect(tokenKind("ock_" + "0".repeat(36))).toBeNull();
  });

  it("are different every time", () => {
    const seen = new Set(Array.from({ length: 200 }, () => newToken("apiKey").token));
    expect(seen.size).toBe(200);
  });

  it("compare hashes in constant time and only equal ones match", () => {
    const a = hashSecret("a");
    expect(sameHash(a, hashSecret("a"))).toBe(true);
    expect(sameHash(a, hashSecret("b"))).toBe(false);
    expect(sameHash(a, "")).toBe(false);
  });
});
