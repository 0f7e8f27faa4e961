/**
 * `npm run bench:usage:in-process`: the ingestion paths without HTTP, against DATABASE_URL.
 *
 * "single": BENCH_CLIENTS (4) concurrent workers write records one by one through recordUsage,
 * the only way in before batch ingestion (one statement and one commit per record), for
 * BENCH_SINGLE_RECORDS (4,000) records. "batch": the same workers call reportUsage with batches of
 * 1,000 idempotent records (BENCH_BATCHES per worker, default 25). Prints records per second.
 */
import { closeDb, db } from "@/db/client";
import { reportUsage } from "@/lib/consumption/ingest";
import { upsertMetric } from "@/lib/consumption/metrics";
import { recordUsage } from "@/lib/consumption/usage";
import type { AccountContext } from "@/lib/authz/actor";
import { machine, numberFromEnv, runId, seedOrganization } from "./support";

const clients = numberFromEnv("BENCH_CLIENTS", 4);
const singles = numberFromEnv("BENCH_SINGLE_RECORDS", 4000);
const batchesPerClient = numberFromEnv("BENCH_BATCHES", 25);
const batchSize = 1000;
const run = runId();
const slug = `bench-inproc-${run}`;
const { accountId } = await seedOrganization(slug, 1);
const account = (await db.query.accounts.findFirst({ where: (a, { eq }) => eq(a.id, accountId) }))!;
const metric = await upsertMetric({ id: "bench.compute", name: "Bench compute", unit: "vCPU·h", unitPriceMicros: 21_000 });
const ctx: AccountContext = {
  actor: { kind: "platform", channel: "platform_key", platformKey: { id: `bench-${run}`, name: "bench" }, scopes: ["usage:write"] },
  request: { ip: null, userAgent: "bench" },
  account,
  accountKind: account.kind,
  role: null,
};
const at = new Date(Date.now() - 60_000);
console.log(`In-process ingestion, ${clients} concurrent workers; ${machine()}`);

{
  const perClient = Math.ceil(singles / clients);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; i < perClient; i++) await recordUsage(db, accountId, metric.id, "1.5", at, `${run}/single/${client}/${i}`);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(`single (recordUsage, one by one): ${perClient * clients} records in ${seconds.toFixed(2)} s = ${Math.round((perClient * clients) / seconds).toLocaleString("en")} records/s`);
}

{
  const batches = Array.from({ length: clients }, (_, client) =>
    Array.from({ length: batchesPerClient }, (_, batch) =>
      Array.from({ length: batchSize }, (_, i) => ({ metric: metric.id, quantity: "1.5", time: at.toISOString(), idempotencyKey: `${run}/batch/${client}/${batch}/${i}` })),
    ),
  );
  const started = performance.now();
  let recorded = 0;
  await Promise.all(
    batches.map(async (mine) => {
      for (const records of mine) {
        const result = await reportUsage(ctx, records);
        recorded += result.recorded;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const total = clients * batchesPerClient * batchSize;
  console.log(`batch (reportUsage, 1,000 a call): ${total} records in ${seconds.toFixed(2)} s = ${Math.round(total / seconds).toLocaleString("en")} records/s (recorded ${recorded})`);
}
await closeDb();
