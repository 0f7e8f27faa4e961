import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * A module that reaches the database must never end up in a client bundle: `import "server-only"`
 * makes such an import fail the build. This walks the sources so a new module cannot forget it.
 */
const root = process.cwd();
const IMPORTS_DB_CLIENT = /from\s+["'](?:@\/db\/client|(?:\.\.?\/)+(?:db\/)?client)["']/;
const SERVER_ONLY = /^import\s+["']server-only["'];?\s*$/m;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "migrations" ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const modules = ["lib", "db", "app"].flatMap(sources);
const reachingTheDatabase = modules.filter((path) => {
  const source = readFileSync(join(root, path), "utf8");
  return IMPORTS_DB_CLIENT.test(source);
});

describe("server-only", () => {
  it("finds the modules that import the database client", () => expect(reachingTheDatabase.length).toBeGreaterThan(30));

  it("guards the database client itself and every module that imports it", () => {
    const missing = ["db/client.ts", ...reachingTheDatabase].filter((path) => !SERVER_ONLY.test(readFileSync(join(root, path), "utf8")));
    expect(missing.map((path) => relative(root, join(root, path)))).toEqual([]);
  });

  it.each(["lib/config.ts", "lib/auth/auth.ts"])("guards %s, which holds secrets", (path) => {
    expect(readFileSync(join(root, path), "utf8")).toMatch(SERVER_ONLY);
  });
});
