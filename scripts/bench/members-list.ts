/**
 * `npm run bench:members`: `GET /api/v1/accounts/{slug}/members` against a running console
 * (BENCH_URL, default what `npm start` serves), with its database in DATABASE_URL.
 *
 * Seeds an organization of 10,000 members and one of 10 (set-based inserts), an owner API key for
 * each, then BENCH_CLIENTS (10) concurrent clients call the first page of members for
 * BENCH_SECONDS (15) seconds per organization, one request at a time each, after BENCH_WARMUP_SECONDS
 * (5) of the same load unmeasured. Prints p50/p95/p99.
 * The console's per-key limit (API_RATE_LIMIT_PER_MINUTE, 600 by default) must be raised for the
 * run: 10 clients make thousands of requests a minute with one key.
 */
import { sql } from "drizzle-orm";
import { closeDb, db } from "@/db/client";
import { consoleUrl, createMemberKey, machine, numberFromEnv, percentile, runId, seedOrganization } from "./support";

const base = consoleUrl();
const clients = numberFromEnv("BENCH_CLIENTS", 10);
const seconds = numberFromEnv("BENCH_SECONDS", 15);
const warmupSeconds = numberFromEnv("BENCH_WARMUP_SECONDS", 5);
const query = process.env.BENCH_QUERY ?? "";
const run = runId();

async function organization(size: number) {
  const slug = `bench-members-${size}-${run}`;
  const { accountId, ownerId } = await seedOrganization(slug, size);
  const token = await createMemberKey(accountId, ownerId, `bench-${run}`);
  return { slug, size, token };
}

async function measure({ slug, size, token }: { slug: string; size: number; token: string }) {
  const url = `${base}/api/v1/accounts/${slug}/members${query ? `?${query}` : ""}`;
  const headers = { authorization: `Bearer ${token}` };
  const get = async () => {
    const started = performance.now();
    const response = await fetch(url, { headers });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${text.slice(0, 300)}`);
    return performance.now() - started;
  };
  // Warm-up under the same concurrency (JIT, pools, plans), so the first organization measured is not
  // penalized for being first: without it the 10,000-member run read ~15 ms slower at p95 than the
  // same run placed second.
  const load = async (until: number, into?: number[]) =>
    Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() < until) {
          const latency = await get();
          into?.push(latency);
        }
      }),
    );
  await load(performance.now() + warmupSeconds * 1000);
  const latencies: number[] = [];
  await load(performance.now() + seconds * 1000, latencies);
  latencies.sort((a, b) => a - b);
  const line = [50, 95, 99].map((p) => `p${p} ${percentile(latencies, p).toFixed(1)} ms`).join(", ");
  console.log(`${size.toLocaleString("en")} members: ${latencies.length} requests in ${seconds} s (${Math.round(latencies.length / seconds)}/s): ${line}`);
}

console.log(`Members list against ${base}, ${clients} concurrent clients, ${seconds} s each${query ? `, ?${query}` : ""}; ${machine()}`);
const large = await organization(10_000);
const small = await organization(10);
// Vacuumed as well as analyzed: a freshly bulk-loaded table would otherwise be vacuumed by autovacuum in the middle of the measurement.
await db.execute(sql`vacuum analyze memberships, users, accounts, api_keys`);
await measure(large);
await measure(small);
await closeDb();
