/**
 * `npm run bench:usage`: usage ingestion over HTTP against a running console (BENCH_URL, default
 * what `npm start` serves), with the database it uses in DATABASE_URL.
 *
 * Creates an organization, a metric and a platform key with usage:write directly in the database,
 * then BENCH_CLIENTS (4) concurrent clients each send BENCH_BATCHES (25) batches of BENCH_BATCH_SIZE
 * (1,000) records to `POST /api/v1/accounts/{slug}/usage`, one request at a time per client; every
 * record has its own idempotency key, and every request an `Idempotency-Key` header unless
 * BENCH_IDEMPOTENCY_HEADER=0. Bodies are serialized before the clock starts. Prints records per
 * second for the first sends, then for the same batches sent again (all duplicates), and checks
 * that the database holds each record exactly once.
 */
import { sql } from "drizzle-orm";
import { closeDb, db } from "@/db/client";
import { upsertMetric } from "@/lib/consumption/metrics";
import { consoleUrl, createPlatformKey, machine, numberFromEnv, percentile, runId, seedOrganization } from "./support";

const base = consoleUrl();
const clients = numberFromEnv("BENCH_CLIENTS", 4);
const batchesPerClient = numberFromEnv("BENCH_BATCHES", 25);
const batchSize = numberFromEnv("BENCH_BATCH_SIZE", 1000);
const idempotencyHeader = process.env.BENCH_IDEMPOTENCY_HEADER !== "0";

const run = runId();
const slug = `bench-usage-${run}`;
const { accountId } = await seedOrganization(slug, 1);
const metric = await upsertMetric({ id: "bench.compute", name: "Bench compute", unit: "vCPU·h", unitPriceMicros: 21_000 });
const token = await createPlatformKey(`bench-usage-${run}`, ["usage:write"]);
const url = `${base}/api/v1/accounts/${slug}/usage`;

// Times spread over the last hour: in the open month (unless the month started less than an hour ago).
const now = Date.now();
const monthStart = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), 1);
const earliest = Math.max(monthStart, now - 3_600_000);
function body(client: number, batch: number): string {
  const records = Array.from({ length: batchSize }, (_, i) => ({
    metric: metric.id,
    quantity: `${1 + ((i * 7) % 50)}.${String(i % 1000).padStart(3, "0")}`,
    time: new Date(earliest + Math.floor(((i + batch * batchSize) * 997) % Math.max(1, now - earliest - 1000))).toISOString(),
    idempotencyKey: `${run}/${client}/${batch}/${i}`,
  }));
  return JSON.stringify({ records });
}
const bodies = Array.from({ length: clients }, (_, client) => Array.from({ length: batchesPerClient }, (_, batch) => body(client, batch)));

async function send(payload: string, key: string): Promise<{ ms: number; recorded: number; duplicates: number }> {
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...(idempotencyHeader ? { "idempotency-key": key } : {}) },
    body: payload,
  });
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`POST ${url} answered ${response.status}: ${text.slice(0, 500)}`);
  const result = JSON.parse(text) as { received: number; recorded: number; duplicates: number };
  return { ms, recorded: result.recorded, duplicates: result.duplicates };
}

async function phase(label: string, keySuffix: string) {
  const latencies: number[] = [];
  let recorded = 0;
  let duplicates = 0;
  const started = performance.now();
  await Promise.all(
    bodies.map(async (batches, client) => {
      for (const [batch, payload] of batches.entries()) {
        const result = await send(payload, `${run}-${keySuffix}-${client}-${batch}`);
        latencies.push(result.ms);
        recorded += result.recorded;
        duplicates += result.duplicates;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const records = clients * batchesPerClient * batchSize;
  latencies.sort((a, b) => a - b);
  console.log(
    `${label}: ${records.toLocaleString("en")} records in ${seconds.toFixed(2)} s = ${Math.round(records / seconds).toLocaleString("en")} records/s ` +
      `(recorded ${recorded}, duplicates ${duplicates}; per batch p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms)`,
  );
  return { recorded, duplicates };
}

console.log(`Usage ingestion against ${url}`);
console.log(`${clients} clients × ${batchesPerClient} batches × ${batchSize} records; Idempotency-Key header: ${idempotencyHeader ? "yes" : "no"}; ${machine()}`);
// Warm-up: one small batch, so the first measured request does not pay for Next's route loading.
await send(JSON.stringify({ records: [{ metric: metric.id, quantity: "1", time: new Date(now - 60_000).toISOString(), idempotencyKey: `${run}/warm-up` }] }), `${run}-warm-up`);

const first = await phase("first sends", "first");
const replay = await phase("same batches again", "replay");
const [stored] = (await db.execute<{ records: number; daily: number }>(sql`
  select (select count(*)::int from usage_records where account_id = ${accountId}) as records,
         (select coalesce(sum(records), 0)::int from usage_daily where account_id = ${accountId}) as daily`)).rows;
const expected = clients * batchesPerClient * batchSize + 1;
const ok = first.recorded === expected - 1 && replay.recorded === 0 && stored!.records === expected && stored!.daily === expected;
console.log(`stored: ${stored!.records} usage_records, usage_daily counts ${stored!.daily} (expected ${expected}) ${ok ? "✓" : "✗ MISMATCH"}`);
await closeDb();
if (!ok) process.exit(1);
