import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, invoiceLines, invoices, usageRecords } from "@/db/schema";
import { ForbiddenError } from "@/lib/authz/can";
import { billAccountForMonth } from "@/lib/invoices/billing-run";
import { takeInvoiceNumber } from "@/lib/invoices/numbering";
import { sellerSnapshot } from "@/lib/invoices/parties";
import { addUsage, testMetric } from "@/lib/invoices/test-support";
import { contextFor, createOrganizationWith, createUser } from "@/test/factories";
import { reportUsage, UsageBatchRejected } from "./ingest";
import { lockUsagePeriodsExclusive, lockUsagePeriodsShared } from "./period-lock";
import { dailyAndRaw, memberKeyContext, platformContext } from "./test-support";
import { recordUsage } from "./usage";

const now = new Date("2026-11-20T12:00:00Z");

async function organization() {
  const owner = await createUser();
  const account = await createOrganizationWith({ owner });
  return { owner, account, ctx: platformContext(account) };
}

const metric = () => testMetric("Compute", "vCPU-hour", 21_000);

function rec(metric: string, quantity: string | number, time = "2026-11-03T10:00:00Z", idempotencyKey: string = randomUUID()) {
  return { metric, quantity, time, idempotencyKey };
}

async function rowsOf(accountId: string) {
  return db.select().from(usageRecords).where(eq(usageRecords.accountId, accountId));
}

async function auditOf(accountId: string) {
  return db.select().from(auditEvents).where(and(eq(auditEvents.accountId, accountId), eq(auditEvents.action, "usage.reported")));
}

/** The refusal of a batch, as [index, field, code] triples. */
async function refusalOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageBatchRejected);
  return (error as UsageBatchRejected).errors.map((e) => [e.index, e.field, e.code]);
}

async function expectNothingWritten(accountId: string) {
  expect(await rowsOf(accountId)).toEqual([]);
  expect((await dailyAndRaw(accountId)).kept).toEqual([]);
  expect(await auditOf(accountId)).toEqual([]);
}

describe("reportUsage", () => {
  it("writes a valid batch once, keeps usage_daily in step, audits the counts, and answers received/recorded/duplicates", async () => {
    const { account, ctx } = await organization();
    const compute = await metric();
    const storage = await testMetric("Storage", "GB", 10_000);
    const batch = [
      rec(compute.id, "12.5", "2026-11-03T10:00:00Z", "a"),
      rec(compute.id, 0.5, "2026-11-03T23:59:59.999+00:00", "b"),
      rec(compute.id, "1", "2026-11-03T23:30:00-02:00", "c"), // Nov 4th in UTC
      rec(storage.id, "1000", "2026-11-20T12:04:59Z", "d"), // 4:59 ahead of now: accepted
    ];
    expect(await reportUsage(ctx, batch, now)).toEqual({ received: 4, recorded: 4, duplicates: 0 });
    const { kept, raw } = await dailyAndRaw(account.id);
    expect(kept).toEqual(raw);
    expect(kept).toEqual(
      [
        { metric_id: compute.id, day: "2026-11-03", quantity: "13.000000", records: 2 },
        { metric_id: compute.id, day: "2026-11-04", quantity: "1.000000", records: 1 },
        { metric_id: storage.id, day: "2026-11-20", quantity: "1000.000000", records: 1 },
      ].sort((x, y) => (x.metric_id + x.day < y.metric_id + y.day ? -1 : 1)),
    );
    const rows = await rowsOf(account.id);
    expect(rows.find((r) => r.idempotencyKey === "b")?.recordedAt.toISOString()).toBe("2026-11-03T23:59:59.999Z");

    // The same batch again: nothing new; a batch mixing old and new keys records only the new ones.
    expect(await reportUsage(ctx, batch, now)).toEqual({ received: 4, recorded: 0, duplicates: 4 });
    expect(await reportUsage(ctx, [batch[0]!, rec(compute.id, "2", "2026-11-05T00:00:00Z", "e")], now)).toEqual({ received: 2, recorded: 1, duplicates: 1 });
    // The first report under a key wins, even if a later one says something else.
    expect(await reportUsage(ctx, [rec(compute.id, "999", "2026-11-06T00:00:00Z", "a")], now)).toEqual({ received: 1, recorded: 0, duplicates: 1 });
    expect((await rowsOf(account.id)).map((r) => r.quantity).sort()).toEqual(["0.500000", "1.000000", "1000.000000", "12.500000", "2.000000"]);

    const events = await auditOf(account.id);
    expect(events.map((e) => e.metadata)).toEqual(
      expect.arrayContaining([
        { received: 4, recorded: 4, duplicates: 0 },
        { received: 4, recorded: 0, duplicates: 4 },
        { received: 2, recorded: 1, duplicates: 1 },
        { received: 1, recorded: 0, duplicates: 1 },
      ]),
    );
    expect(events).toHaveLength(4);
    expect(events[0]).toMatchObject({ actorChannel: "platform_key", actorLabel: "billing-agent", actorId: null, targetType: "account", targetId: account.id });
  });

  it("counts the same key with the same content twice in a batch once (quantities and times compared by value)", async () => {
    const { account, ctx } = await organization();
    const compute = await metric();
    const batch = [
      rec(compute.id, "12.5", "2026-11-03T10:00:00Z", "k"),
      rec(compute.id, 12.5, "2026-11-03T11:00:00+01:00", "k"),
      rec(compute.id, "0012.500", "2026-11-03T10:00:00.000Z", "k"),
    ];
    expect(await reportUsage(ctx, batch, now)).toEqual({ received: 3, recorded: 1, duplicates: 2 });
    expect((await rowsOf(account.id)).map((r) => r.quantity)).toEqual(["12.500000"]);
  });

  it("keeps times to the microsecond and drops finer digits, so a record never moves to the next day or month", async () => {
    const { account, ctx } = await organization();
    const compute = await metric();
    await reportUsage(ctx, [rec(compute.id, "1", "2026-10-31T23:59:59.9999999Z", "late"), rec(compute.id, "1", "2026-10-31T23:59:59.123456+00:00", "micro")], now);
    const rows = await db.execute<{ key: string; at: string }>(sql`
      select idempotency_key as key, to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as at from usage_records where account_id = ${account.id} order by 1`);
    expect(rows.rows).toEqual([
      { key: "late", at: "2026-10-31 23:59:59.999999" },
      { key: "micro", at: "2026-10-31 23:59:59.123456" },
    ]);
    expect((await dailyAndRaw(account.id)).kept).toEqual([{ metric_id: compute.id, day: "2026-10-31", quantity: "2.000000", records: 2 }]);
  });

  it("refuses every invalid record with its index, field and code, and writes nothing", async () => {
    const { account, ctx } = await organization();
    const compute = await metric();
    const ok = (key?: string) => rec(compute.id, "1", "2026-11-03T10:00:00Z", key);
    const batch: unknown[] = [
      ok(), // 0
      rec("no-such-metric", "1"), // 1
      rec("Bad Metric", "1"), // 2
      { ...ok(), metric: 42 }, // 3
      rec(compute.id, "0"), // 4
      rec(compute.id, -1), // 5
      rec(compute.id, "1.1234567"), // 6
      rec(compute.id, "123456789012345"), // 7: 15 integer digits
      rec(compute.id, JSON.parse('{"q": 1e400}').q as number), // 8: Infinity
      rec(compute.id, 0.1 + 0.2), // 9: 0.30000000000000004, not rounded
      rec(compute.id, "1e3"), // 10
      { ...ok(), quantity: true }, // 11
      rec(compute.id, "1", "2026-11-03T10:00:00"), // 12: no offset
      rec(compute.id, "1", "2026-02-30T10:00:00Z"), // 13
      rec(compute.id, "1", "1999-12-31T23:59:59Z"), // 14
      { ...ok(), time: 1_762_000_000_000 }, // 15
      rec(compute.id, "1", "2026-11-20T12:05:01Z"), // 16: 5 min 1 s ahead
      rec(compute.id, "1", "2027-01-01T00:00:00+14:00"), // 17
      rec(compute.id, "1", undefined, ""), // 18
      rec(compute.id, "1", undefined, "x".repeat(201)), // 19
      rec(compute.id, "1", undefined, "nul\u0000"), // 20
      rec(compute.id, "1", undefined, "\ud800"), // 21: a lone surrogate
      null, // 22
      "a record", // 23
      [], // 24
      { ...ok("dup"), quantity: "1" }, // 25
      { ...ok("dup"), quantity: "2" }, // 26: same key, other content
      ok("x".repeat(200)), // 27: the longest key is fine
      rec(compute.id, "99999999999999.999999"), // 28: the largest quantity is fine
    ];
    expect(await refusalOf(reportUsage(ctx, batch, now))).toEqual([
      [1, "metric", "unknown_metric"],
      [2, "metric", "unknown_metric"],
      [3, "metric", "unknown_metric"],
      [4, "quantity", "invalid_quantity"],
      [5, "quantity", "invalid_quantity"],
      [6, "quantity", "invalid_quantity"],
      [7, "quantity", "invalid_quantity"],
      [8, "quantity", "invalid_quantity"],
      [9, "quantity", "invalid_quantity"],
      [10, "quantity", "invalid_quantity"],
      [11, "quantity", "invalid_quantity"],
      [12, "time", "invalid_time"],
      [13, "time", "invalid_time"],
      [14, "time", "invalid_time"],
      [15, "time", "invalid_time"],
      [16, "time", "time_in_future"],
      [17, "time", "time_in_future"],
      [18, "idempotencyKey", "invalid_idempotency_key"],
      [19, "idempotencyKey", "invalid_idempotency_key"],
      [20, "idempotencyKey", "invalid_idempotency_key"],
      [21, "idempotencyKey", "invalid_idempotency_key"],
      [22, null, "invalid_record"],
      [23, null, "invalid_record"],
      [24, null, "invalid_record"],
      [26, "idempotencyKey", "duplicate_in_batch"],
    ]);
    await expectNothingWritten(account.id);
    // Without the bad records, the same batch goes through.
    const good = [batch[0], batch[25], batch[27], batch[28]];
    expect(await reportUsage(ctx, good, now)).toEqual({ received: 4, recorded: 4, duplicates: 0 });
  });

  it("refuses a malformed batch as a whole", async () => {
    const { account, ctx } = await organization();
    const compute = await metric();
    for (const records of [[], "records", { 0: rec(compute.id, "1") }, Array.from({ length: 1001 }, () => rec(compute.id, "1"))]) {
      expect(await refusalOf(reportUsage(ctx, records, now))).toEqual([[null, null, "invalid_batch"]]);
    }
    await expectNothingWritten(account.id);
    const thousand = Array.from({ length: 1000 }, () => rec(compute.id, "1"));
    expect(await reportUsage(ctx, thousand, now)).toEqual({ received: 1000, recorded: 1000, duplicates: 0 });
  });

  it("refuses usage for a month already invoiced for the account (period_closed), and only for that account", async () => {
    const { account, ctx } = await organization();
    const other = await organization();
    const free = await testMetric("Free compute", "vCPU-hour", 0); // a €0 invoice: paid at once, no payment job
    await addUsage(account.id, free.id, "5", "2026-10");
    const outcome = await billAccountForMonth(account.id, "2026-10");
    expect(outcome.status).toBe("issued");

    const batch = [rec(free.id, "1", "2026-11-01T00:00:00Z"), rec(free.id, "1", "2026-10-31T23:59:59.999Z"), rec(free.id, "1", "2026-11-01T00:30:00+01:00")];
    expect(await refusalOf(reportUsage(ctx, batch, now))).toEqual([
      [1, "time", "period_closed"],
      [2, "time", "period_closed"], // October 31st, 23:30 UTC
    ]);
    expect((await rowsOf(account.id)).map((r) => r.quantity)).toEqual(["5.000000"]);
    expect(await reportUsage(ctx, [batch[0]!], now)).toMatchObject({ recorded: 1 });
    expect(await reportUsage(other.ctx, batch, now)).toMatchObject({ recorded: 3 });
  });

  it("waits for a billing run that holds the account's usage periods, then sees its invoice", async () => {
    const { account, ctx } = await organization();
    const free = await testMetric("Free compute", "vCPU-hour", 0);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // Plays the billing run: holds the exclusive lock, then issues the month's invoice.
    const billing = db.transaction(async (tx) => {
      await lockUsagePeriodsExclusive(tx, account.id);
      locked();
      await held;
      const { sequence, number, issuedAt } = await takeInvoiceNumber(tx);
      await tx.insert(invoices).values({
        accountId: account.id,
        number,
        sequence,
        periodStart: "2026-09-01",
        periodEnd: "2026-09-30",
        currency: "EUR",
        subtotalMinor: 0,
        taxRateBasisPoints: 0,
        taxMinor: 0,
        totalMinor: 0,
        status: "paid",
        seller: sellerSnapshot(),
        buyer: { name: "Buyer", lines: [] },
        issuedAt,
        paidAt: issuedAt,
      });
    });
    await isLocked;
    const report = reportUsage(ctx, [rec(free.id, "1", "2026-09-15T00:00:00Z")], now);
    const settled = await Promise.race([report.then(() => "settled", () => "settled"), new Promise((r) => setTimeout(() => r("waiting"), 300))]);
    expect(settled).toBe("waiting");
    release();
    await billing;
    expect(await refusalOf(report)).toEqual([[0, "time", "period_closed"]]);
    await expectNothingWritten(account.id);
  });

  it("makes the billing run wait for a report in flight, so the invoice includes it", async () => {
    const { account } = await organization();
    const free = await testMetric("Free compute", "vCPU-hour", 0);
    await addUsage(account.id, free.id, "1", "2026-08");
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // Plays a report in flight: the shared lock taken, its record written but not committed.
    const report = db.transaction(async (tx) => {
      await lockUsagePeriodsShared(tx, account.id);
      await tx.insert(usageRecords).values({ accountId: account.id, metricId: free.id, quantity: "2", recordedAt: new Date("2026-08-20T00:00:00Z"), idempotencyKey: "in-flight" });
      locked();
      await held;
    });
    await isLocked;
    const billing = billAccountForMonth(account.id, "2026-08");
    const settled = await Promise.race([billing.then(() => "settled"), new Promise((r) => setTimeout(() => r("waiting"), 300))]);
    expect(settled).toBe("waiting");
    release();
    await report;
    const outcome = await billing;
    expect(outcome.status).toBe("issued");
    const lines = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, (outcome as { invoice: { invoiceId: string } }).invoice.invoiceId));
    expect(lines.map((l) => l.quantity)).toEqual(["3.000000"]);
  });

  it("counts a batch sent 20 times at once exactly once", async () => {
    const { account, ctx } = await organization();
    const compute = await metric();
    const batch = Array.from({ length: 200 }, (_, i) => rec(compute.id, `${i + 1}.25`, `2026-11-${String(1 + (i % 19)).padStart(2, "0")}T08:00:00Z`));
    const results = await Promise.all(Array.from({ length: 20 }, () => reportUsage(ctx, batch, now)));
    expect(results.reduce((sum, r) => sum + r.recorded, 0)).toBe(200);
    expect(results.every((r) => r.received === 200 && r.recorded + r.duplicates === 200)).toBe(true);
    expect(await rowsOf(account.id)).toHaveLength(200);
    const { kept, raw } = await dailyAndRaw(account.id);
    expect(kept).toEqual(raw);
    expect(kept.reduce((sum, row) => sum + row.records, 0)).toBe(200);
    expect(kept.reduce((sum, row) => sum + Number(row.quantity), 0)).toBe((200 * 201) / 2 + 200 * 0.25);
  });

  it("never deadlocks when concurrent batches share keys in opposite orders", async () => {
    const { account, ctx } = await organization();
    const compute = await metric();
    const metricB = await testMetric("Traffic", "GB", 1);
    const shared = Array.from({ length: 999 }, (_, i) => rec(i % 2 ? compute.id : metricB.id, "1", `2026-11-${String(1 + (i % 10)).padStart(2, "0")}T08:00:00Z`));
    const batches = Array.from({ length: 8 }, (_, i) => (i % 2 ? [...shared].reverse() : shared).concat(rec(compute.id, "1", "2026-11-02T00:00:00Z")));
    const results = await Promise.all(batches.map((batch) => reportUsage(ctx, batch, now)));
    expect(results.reduce((sum, r) => sum + r.recorded, 0)).toBe(999 + 8);
    const { kept, raw } = await dailyAndRaw(account.id);
    expect(kept).toEqual(raw);
  });

  it("is for the platform's usage:write scope only", async () => {
    const { owner, account } = await organization();
    const compute = await metric();
    const batch = [rec(compute.id, "1")];
    const refused = [
      await contextFor(owner, account.slug), // the owner in a browser
      memberKeyContext(account, owner, "owner", false), // the owner's API key
      memberKeyContext(account, owner, "owner", true), // a read-only key
      platformContext(account, ["usage:read", "accounts:read", "members:read", "audit:read"]), // every scope but usage:write
    ];
    for (const ctx of refused) await expect(reportUsage(ctx, batch, now)).rejects.toBeInstanceOf(ForbiddenError);
    await expectNothingWritten(account.id);
    expect(await reportUsage(platformContext(account, ["usage:write"]), batch, now)).toMatchObject({ recorded: 1 });
  });
});

describe("usage_daily, the kept aggregate", () => {
  it("always equals the sum of usage_records after mixed single-record writes, batches, raw updates and deletes", async () => {
    const { account, ctx } = await organization();
    const [a, b] = [await metric(), await testMetric("Traffic", "GB", 10_000)];
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const time = () => new Date(Date.UTC(2026, 10, 1 + Math.floor(random() * 19), Math.floor(random() * 24), Math.floor(random() * 60))).toISOString();
    const quantity = () => `${Math.floor(random() * 1000)}.${String(Math.floor(random() * 1e6)).padStart(6, "0")}`.replace(/^0\.000000$/, "1");
    for (let round = 0; round < 6; round++) {
      const batch = Array.from({ length: 50 }, (_, i) => rec(random() < 0.5 ? a.id : b.id, quantity(), time(), `r${round}-${i % 40}`));
      const keys = new Map<string, (typeof batch)[number]>();
      await reportUsage(
        ctx,
        batch.filter((r) => (keys.has(r.idempotencyKey) ? false : (keys.set(r.idempotencyKey, r), true))),
        now,
      );
      await Promise.all(Array.from({ length: 5 }, () => recordUsage(db, account.id, a.id, quantity(), new Date(time()), random() < 0.5 ? `single-${round}` : undefined)));
      await reportUsage(ctx, batch.slice(0, 10).filter((r, i, all) => all.findIndex((x) => x.idempotencyKey === r.idempotencyKey) === i), now);
    }
    await db.execute(sql`update usage_records set recorded_at = recorded_at + interval '13 hours' where account_id = ${account.id} and idempotency_key like 'r1-%'`);
    await db.execute(sql`update usage_records set quantity = quantity * 2 where account_id = ${account.id} and idempotency_key like 'r2-%'`);
    await db.execute(sql`delete from usage_records where account_id = ${account.id} and idempotency_key like 'r3-%'`);
    const { kept, raw } = await dailyAndRaw(account.id);
    expect(kept.length).toBeGreaterThan(10);
    expect(kept).toEqual(raw);
  });
});
