import { describe, expect, it } from "vitest";
import { isWellFormedActionArguments, malformedActionCall } from "./server-action-guard";

describe("isWellFormedActionArguments", () => {
  it.each(['["acme", {"status": "idle"}, "$K1"]', "[]", '["$$dollar", "$undefined", "$D2026-01-01T00:00:00.000Z", "$n12", "$NaN"]', '[{"data": [{"ok": true}]}]'])(
    "accepts what our forms send: %s",
    (text) => expect(isWellFormedActionArguments(text)).toBe(true),
  );
  it.each(["", "not json", "null", "42", '"string"', "{}", '["$Q1"]', '["$F1"]', '["$B1"]', '["$S"]', '["$1"]', '["$h1"]', '[{"a": ["$Zx"]}]', "[".repeat(100) + "]".repeat(100)])(
    "refuses what made Next throw: %s",
    (text) => expect(isWellFormedActionArguments(text)).toBe(false),
  );
});

describe("malformedActionCall", () => {
  const call = (body: BodyInit, headers: Record<string, string> = {}) =>
    new Request("http://console.test/acme", { method: "POST", body, headers: { "next-action": "abc", ...headers } });

  it("lets requests that are not action calls through", async () => {
    expect(await malformedActionCall(new Request("http://console.test/acme", { method: "POST", body: "x" }))).toBeNull();
    expect(await malformedActionCall(new Request("http://console.test/acme"))).toBeNull();
  });

  it("checks text and multipart bodies", async () => {
    expect(await malformedActionCall(call('["acme"]', { "content-type": "text/plain" }))).toBeNull();
    expect(await malformedActionCall(call("not json", { "content-type": "text/plain" }))).toMatch(/malformed/);
    const good = new FormData();
    good.append("0", '["acme", "$K1"]');
    good.append("_1_name", "Ann");
    expect(await malformedActionCall(call(good))).toBeNull();
    const noRoot = new FormData();
    noRoot.append("x", "1");
    expect(await malformedActionCall(call(noRoot))).toMatch(/malformed/);
  });
});
