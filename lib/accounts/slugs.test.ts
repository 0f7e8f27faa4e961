import { describe, expect, it } from "vitest";
import { slugify, slugSchema } from "./slugs";

describe("slugify", () => {
  it.each([
    ["Acme Corp. (EU)", "acme-corp-eu"],
    ["  Café Zürich ", "cafe-zurich"],
    ["---", ""],
    ["ÀÉÎ 42", "aei-42"],
  ])("%s → %s", (name, slug) => expect(slugify(name)).toBe(slug));
});

describe("slugSchema", () => {
  it.each(["acme", "acme-corp", "a1", "Acme"])("accepts %s", (slug) => expect(slugSchema.safeParse(slug).success).toBe(true));
  it.each(["a", "-acme", "acme-", "ac--me", "acme corp", "acmé", "api", "invite", "login", "settings", "new", "x".repeat(49)])(
    "refuses %s",
    (slug) => expect(slugSchema.safeParse(slug).success).toBe(false),
  );
  it("lower-cases", () => expect(slugSchema.parse("Acme")).toBe("acme"));
});
