/**
 * `npm test`: type check, lint, unit and integration tests against real PostgreSQL, a production
 * build, then the Playwright journeys in Chromium. Uses DATABASE_URL when set, else a throwaway
 * embedded PostgreSQL. `npm test -- --skip-e2e` stops after the integration tests.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { applyMigrations } from "../db/migrate";
import { createScratchDatabase, provideTestDatabase } from "../test/test-database";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const skipE2e = process.argv.includes("--skip-e2e");
const results: { step: string; ok: boolean; seconds: number }[] = [];

function step(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  console.log(`\n━━ ${name}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const run = spawnSync(command, args, { stdio: "inherit", env });
  const ok = run.status === 0;
  results.push({ step: name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  return ok;
}

const external = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL) : undefined;
const { url, embedded } = external ? { url: external.url, embedded: undefined } : await provideTestDatabase();
console.log(external ? `Testing against the PostgreSQL server in DATABASE_URL (scratch database).` : "Testing against an embedded PostgreSQL.");
let failed = false;
try {
  await applyMigrations(url);
  const env = { ...process.env, DATABASE_URL: url, AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url") };
  failed ||= !step("type check", "npx", ["tsc", "--noEmit"]);
  failed ||= !step("lint", "npx", ["eslint", ".", "--max-warnings=0"]);
  failed ||= !step("unit and integration tests", "npx", ["vitest", "run"], env);
  if (!skipE2e) {
    const built = step("production build", "npx", ["next", "build"], { ...env, APP_URL: "http://localhost:3100" });
    failed ||= !built;
    if (built) failed ||= !step("browser journeys", "npx", ["playwright", "test"], env);
  }
} finally {
  await embedded?.stop();
  await external?.drop();
}

console.log("\n━━ Summary");
for (const r of results) console.log(`${r.ok ? "✔" : "✘"} ${r.step} (${r.seconds}s)`);
const passed = results.filter((r) => r.ok).length;
console.log(`steps: ${passed} passed, ${results.length - passed} failed`);
process.exit(failed ? 1 : 0);
