import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hitRateLimit, peekRateLimit } from "./rate-limit";

describe("hitRateLimit", () => {
  it("allows up to the limit, then refuses, counting concurrent hits exactly", async () => {
    const key = `test:${randomUUID()}`;
    const rule = { limit: 5, windowSeconds: 60 };
    const states = await Promise.all(Array.from({ length: 8 }, () => hitRateLimit(key, rule)));
    expect(states.map((s) => s.count).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(states.filter((s) => s.allowed)).toHaveLength(5);
    expect((await peekRateLimit(key, rule)).allowed).toBe(false);
  });

  it("starts a new window once the old one is over", async () => {
    const key = `test:${randomUUID()}`;
    await hitRateLimit(key, { limit: 1, windowSeconds: 1 });
    expect((await hitRateLimit(key, { limit: 1, windowSeconds: 1 })).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await hitRateLimit(key, { limit: 1, windowSeconds: 1 })).allowed).toBe(true);
  });
});
