import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { reservedSlugs, slugify, slugSchema, topLevelRoutes } from "./slugs";

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

describe("reserved slugs", () => {
  /** Top-level URL segments the app directory serves, looking through route groups like `(auth)`. */
  function routesIn(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      if (!entry.isDirectory() || entry.name.startsWith("_") || entry.name.startsWith("[") || entry.name.startsWith("@")) return [];
      if (/^\(.*\)$/.test(entry.name)) return routesIn(join(dir, entry.name));
      return [entry.name];
    });
  }

  it("are exactly the top-level routes of the app, so no organization is shadowed by one", () => {
    expect([...topLevelRoutes].sort()).toEqual(routesIn(join(process.cwd(), "app")).sort());
  });

  it.each(routesIn(join(process.cwd(), "app")))("refuses the route %s as a slug", (route) => {
    expect(reservedSlugs.has(route)).toBe(true);
    expect(slugSchema.safeParse(route).success).toBe(false);
  });
});
