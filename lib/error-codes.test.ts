import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { errorCodeNames, errorCodes, errorKindStatus, errorStatus, isErrorCode } from "./error-codes";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

describe("error codes", () => {
  it("are snake_case, described, and of a known kind", () => {
    for (const code of errorCodeNames) {
      expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(errorCodes[code].description.length).toBeGreaterThan(10);
      expect(Object.keys(errorKindStatus)).toContain(errorCodes[code].kind);
    }
  });

  it("map to the HTTP status their kind calls for", () => {
    expect(errorStatus("member_not_found")).toBe(404);
    expect(errorStatus("last_owner")).toBe(409);
    expect(errorStatus("role_not_grantable")).toBe(403);
    expect(errorStatus("invitation_limit")).toBe(429);
    expect(errorStatus("weak_password")).toBe(422);
    expect(errorStatus("payment_failed")).toBe(402);
    expect(isErrorCode("slug_taken")).toBe(true);
    expect(isErrorCode("toString")).toBe(false);
  });

  it("are each used by the code (none listed that nothing throws)", () => {
    const root = path.resolve(import.meta.dirname, "..");
    const text = ["lib", "app"].flatMap((dir) => sources(path.join(root, dir))).filter((file) => !file.endsWith(`${path.sep}error-codes.ts`)).map((file) => readFileSync(file, "utf8")).join("\n");
    const unused = errorCodeNames.filter((code) => !text.includes(`"${code}"`));
    expect(unused).toEqual([]);
  });
});
