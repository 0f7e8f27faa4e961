import { describe, expect, it } from "vitest";
import { cleanSearchParams, lookup, searchParam } from "./search-params";

describe("searchParam", () => {
  it("takes the first of repeated values and drops NUL and other controls", () => {
    expect(searchParam({ q: ["ann", "bob"] }, "q")).toBe("ann");
    expect(searchParam({ q: "a\u0000n\u0007n" }, "q")).toBe("ann");
    expect(searchParam({ q: undefined }, "q")).toBeUndefined();
    expect(searchParam({}, "toString")).toBeUndefined();
    expect(searchParam({ q: "x".repeat(5000) }, "q")).toHaveLength(2000);
  });

  it("cleans every parameter", () => {
    expect(cleanSearchParams({ q: "a\u0000", role: ["admin", "member"], page: undefined })).toEqual({ q: "a", role: "admin" });
  });
});

describe("lookup", () => {
  const flashes = { left: "You left the organization." };
  it.each(["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"])("finds nothing for %s", (key) =>
    expect(lookup(flashes, key)).toBeUndefined(),
  );
  it("finds own entries", () => expect(lookup(flashes, "left")).toBe("You left the organization."));
});
