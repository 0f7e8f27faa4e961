/**
 * CI's security gate: installed framework versions must be at or above `security-floors.json`,
 * and `npm audit` must report no high or critical advisory. When the registry offers no audit
 * endpoint (as on some mirrors), that is said loudly and the version floors still apply.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import semver from "semver";

const floors = JSON.parse(readFileSync("security-floors.json", "utf8")) as Record<string, string>;
let failed = false;

for (const [name, floor] of Object.entries(floors)) {
  if (name.startsWith("$")) continue;
  const installed = (JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf8")) as { version: string }).version;
  const ok = semver.gte(installed, floor);
  console.log(`${ok ? "✔" : "✘"} ${name} ${installed} (floor ${floor})`);
  failed ||= !ok;
}

const audit = spawnSync("npm", ["audit", "--audit-level=high", "--json"], { encoding: "utf8" });
try {
  const report = JSON.parse(audit.stdout) as { metadata?: { vulnerabilities?: Record<string, number> }; error?: { summary?: string } };
  if (report.metadata?.vulnerabilities) {
    const { high = 0, critical = 0 } = report.metadata.vulnerabilities;
    console.log(`${high + critical === 0 ? "✔" : "✘"} npm audit: ${high} high, ${critical} critical`);
    failed ||= high + critical > 0;
  } else {
    console.warn(`⚠ npm audit could not run against this registry (${report.error?.summary ?? "no report"}); version floors were still enforced.`);
  }
} catch {
  console.warn("⚠ npm audit gave no readable report; version floors were still enforced.");
}

process.exit(failed ? 1 : 0);
