import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { usageRecords } from "@/db/schema";
import { ForbiddenError } from "@/lib/authz/can";
import { roles, type Role } from "@/lib/authz/roles";
import { usageCostMinor } from "@/lib/billing/money";
import { PublicError } from "@/lib/errors";
import { contextFor, createOrganizationWith, createUser } from "@/test/factories";
import { upsertMetric } from "./metrics";
import { monthBounds } from "./months";
import { consumptionForMonth, monthlyUsageByMetric, monthToDateEstimate } from "./queries";
import { recordUsage } from "./usage";

async function metric(name: string, unitPriceMicros: number, unit = "unit") {
  return upsertMetric({ id: `test-${randomUUID().slice(0, 8)}`, name, unit, unitPriceMicros });
}

async function organizationWith(role: Role = "owner") {
  const user = await createUser();
  const others: [typeof user, Role][] = role === "owner" ? [] : [[await createUser(), "owner"]];
  const organization = await createOrganizationWith([...others, [user, role]]);
  return { user, organization, ctx: await contextFor(user, organization.slug) };
}

const record = (accountId: string, metricId: string, quantity: string, at: string, key?: string) => recordUsage(db, accountId, metricId, quantity, new Date(at), key);

describe("consumptionForMonth", () => {
  it("buckets usage by UTC day and metric, keeps to the month's bounds, and never counts another account", async () => {
    const { ctx, organization } = await organizationWith();
    const other = await organizationWith();
    const compute = await metric("A compute", 21_000, "vCPU·h"); // €0.021
    const traffic = await metric("B traffic", 10_000, "GB"); // €0.01
    await record(organization.id, compute.id, "100", "2026-02-28T23:59:59.999Z"); // February
    await record(organization.id, compute.id, "10", "2026-03-01T00:00:00Z");
    await record(organization.id, compute.id, "5.5", "2026-03-01T23:59:59Z");
    await record(organization.id, traffic.id, "250", "2026-03-01T12:00:00+02:00"); // 10:00 UTC, March 1st
    await record(organization.id, traffic.id, "3", "2026-03-31T23:59:59.999Z");
    await record(organization.id, compute.id, "100", "2026-04-01T00:00:00Z"); // April
    await record(other.organization.id, compute.id, "1000", "2026-03-15T10:00:00Z");

    const march = await consumptionForMonth(ctx, "2026-03");
    expect(march.days).toHaveLength(31);
    expect(march.days[0]).toEqual({ day: "2026-03-01", costs: { [compute.id]: usageCostMinor("15.5", 21_000), [traffic.id]: 250 }, totalMinor: 33 + 250 });
    expect(march.days[30]).toEqual({ day: "2026-03-31", costs: { [traffic.id]: 3 }, totalMinor: 3 });
    expect(march.days.slice(1, 30).every((day) => day.totalMinor === 0 && Object.keys(day.costs).length === 0)).toBe(true);
    expect(march.metrics).toEqual([
      { metricId: compute.id, name: "A compute", unit: "vCPU·h", unitPriceMicros: 21_000, currency: "EUR", quantity: "15.500000", costMinor: 33 },
      { metricId: traffic.id, name: "B traffic", unit: "GB", unitPriceMicros: 10_000, currency: "EUR", quantity: "253.000000", costMinor: 253 },
    ]);
    expect(march.totalMinor).toBe(286);
    expect((await consumptionForMonth(ctx, "2026-02")).totalMinor).toBe(210);
    expect((await consumptionForMonth(ctx, "2026-04")).totalMinor).toBe(210);
    expect((await consumptionForMonth(other.ctx, "2026-03")).metrics).toEqual([expect.objectContaining({ metricId: compute.id, quantity: "1000.000000", costMinor: 2100 })]);
  });

  it("prices each metric's monthly total once, as the invoice will, while daily bars are rounded per day", async () => {
    const { ctx, organization } = await organizationWith();
    const cent = await metric("Cent per unit", 10_000);
    for (const day of ["01", "02", "03"]) await record(organization.id, cent.id, "0.4", `2026-05-${day}T08:00:00Z`);
    const may = await consumptionForMonth(ctx, "2026-05");
    expect(may.days.slice(0, 3).map((day) => day.totalMinor)).toEqual([0, 0, 0]); // €0.004 a day rounds to 0
    expect(may.metrics[0]).toMatchObject({ quantity: "1.200000", costMinor: 1 }); // €0.012 for the month
    expect(may.totalMinor).toBe(1);
    const { start, end } = monthBounds("2026-05");
    expect(await monthlyUsageByMetric(organization.id, start, end)).toEqual(may.metrics);
  });

  it("an empty month has every day, no metrics and a zero total", async () => {
    const { ctx } = await organizationWith();
    const empty = await consumptionForMonth(ctx, "2024-02");
    expect(empty).toMatchObject({ month: "2024-02", currency: "EUR", metrics: [], totalMinor: 0 });
    expect(empty.days).toHaveLength(29);
  });

  it("the month total always equals the sum of usageCostMinor over each metric's exact monthly quantity", async () => {
    const metrics = [await metric("P1", 1), await metric("P2", 4_200), await metric("P3", 1_234_567), await metric("P4", 10_000)];
    const usage = fc.record({
      metric: fc.integer({ min: 0, max: metrics.length - 1 }),
      whole: fc.integer({ min: 0, max: 100_000 }),
      millionths: fc.integer({ min: 1, max: 999_999 }),
      day: fc.integer({ min: 1, max: 30 }),
      second: fc.integer({ min: 0, max: 86_399 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(usage, { minLength: 1, maxLength: 25 }), async (records) => {
        const { ctx, organization } = await organizationWith();
        const exact = new Map<string, bigint>();
        await db.insert(usageRecords).values(
          records.map((r) => {
            const id = metrics[r.metric]!.id;
            exact.set(id, (exact.get(id) ?? 0n) + BigInt(r.whole) * 1_000_000n + BigInt(r.millionths));
            return { accountId: organization.id, metricId: id, quantity: `${r.whole}.${String(r.millionths).padStart(6, "0")}`, recordedAt: new Date(Date.UTC(2026, 5, r.day, 0, 0, r.second)) };
          }),
        );
        const june = await consumptionForMonth(ctx, "2026-06");
        let expected = 0;
        for (const [id, millionths] of exact) {
          const text = `${millionths / 1_000_000n}.${String(millionths % 1_000_000n).padStart(6, "0")}`;
          expected += usageCostMinor(text, metrics.find((m) => m.id === id)!.unitPriceMicros);
          expect(june.metrics.find((m) => m.metricId === id)?.quantity).toBe(text);
        }
        expect(june.totalMinor).toBe(expected);
        const { start, end } = monthBounds("2026-06");
        const invoiced = await monthlyUsageByMetric(organization.id, start, end);
        expect(invoiced.reduce((sum, m) => sum + m.costMinor, 0)).toBe(june.totalMinor);
      }),
      { numRuns: 12 },
    );
  });

  for (const role of roles) {
    const allowed = role !== "member";
    it(`${allowed ? "shows" : "refuses"} consumption to a ${role}`, async () => {
      const { ctx } = await organizationWith(role);
      if (allowed) {
        await expect(consumptionForMonth(ctx, "2026-03")).resolves.toMatchObject({ totalMinor: 0 });
        await expect(monthToDateEstimate(ctx)).resolves.toMatchObject({ totalMinor: 0, currency: "EUR" });
      } else {
        await expect(consumptionForMonth(ctx, "2026-03")).rejects.toBeInstanceOf(ForbiddenError);
        await expect(monthToDateEstimate(ctx)).rejects.toBeInstanceOf(ForbiddenError);
      }
    });
  }

  it("gives a platform key with accounts:read the month-to-date estimate, not the per-metric consumption", async () => {
    const { ctx: owner } = await organizationWith("owner");
    const platform = {
      ...owner,
      role: null,
      actor: { kind: "platform", channel: "platform_key", platformKey: { id: "00000000-0000-4000-8000-000000000001", name: "billing-agent" }, scopes: ["accounts:read"] },
    } as const;
    await expect(monthToDateEstimate(platform)).resolves.toMatchObject({ totalMinor: 0, currency: "EUR" });
    await expect(consumptionForMonth(platform, "2026-03")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(monthToDateEstimate({ ...platform, actor: { ...platform.actor, scopes: ["usage:write"] } })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("shows a personal space its own consumption", async () => {
    const user = await createUser();
    const [space] = await db.query.accounts.findMany({ where: (a, { eq }) => eq(a.personalOwnerId, user.id) });
    const ctx = await contextFor(user, space!.slug);
    const storage = await metric("Storage", 3_300);
    await record(space!.id, storage.id, "1000", "2026-03-10T00:00:00Z");
    expect((await consumptionForMonth(ctx, "2026-03")).totalMinor).toBe(330);
  });
});

describe("monthToDateEstimate", () => {
  it("prices the current UTC month so far", async () => {
    const { ctx, organization } = await organizationWith("developer");
    const api = await metric("API requests", 2, "request"); // €0.000002 a request
    await record(organization.id, api.id, "2500000", "2026-07-31T23:59:59Z"); // previous month
    await record(organization.id, api.id, "1250000", "2026-08-01T00:00:00Z");
    await record(organization.id, api.id, "1250001", "2026-08-02T00:00:00Z");
    expect(await monthToDateEstimate(ctx, new Date("2026-08-02T12:00:00Z"))).toEqual({ month: "2026-08", currency: "EUR", totalMinor: 500 }); // €5.000002
  });
});

describe("recordUsage", () => {
  it("writes a record once per idempotency key and account, even when replayed in parallel", async () => {
    const { organization } = await organizationWith();
    const other = await organizationWith();
    const compute = await metric("Compute", 21_000);
    const first = await record(organization.id, compute.id, "2", "2026-03-02T10:00:00Z", "report-1");
    expect(first.created).toBe(true);
    const replay = await record(organization.id, compute.id, "999", "2026-03-09T10:00:00Z", "report-1");
    expect(replay).toEqual({ record: first.record, created: false });
    const parallel = await Promise.all(Array.from({ length: 5 }, () => record(organization.id, compute.id, "3", "2026-03-03T10:00:00Z", "report-2")));
    expect(parallel.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(parallel.map((r) => r.record.id)).size).toBe(1);
    // The same key in another account is another report.
    expect((await record(other.organization.id, compute.id, "7", "2026-03-02T10:00:00Z", "report-1")).created).toBe(true);
    // Without a key, every call is a new record.
    await record(organization.id, compute.id, "1", "2026-03-04T10:00:00Z");
    await record(organization.id, compute.id, "1", "2026-03-04T10:00:00Z");
    const rows = await db.select().from(usageRecords).where(eq(usageRecords.accountId, organization.id));
    expect(rows.map((r) => r.quantity).sort()).toEqual(["1.000000", "1.000000", "2.000000", "3.000000"]);
  });

  it("refuses quantities that are not positive decimals with at most 6 decimals, and unknown metrics", async () => {
    const { organization } = await organizationWith();
    const compute = await metric("Compute", 21_000);
    for (const bad of ["0", "0.000000", "-1", "1.1234567", "1e3", "abc", "", "123456789012345"]) {
      await expect(record(organization.id, compute.id, bad, "2026-03-02T10:00:00Z")).rejects.toBeInstanceOf(PublicError);
    }
    await expect(record(organization.id, "no-such-metric", "1", "2026-03-02T10:00:00Z")).rejects.toThrow(/Unknown metric/);
    await expect(recordUsage(db, organization.id, compute.id, "1", new Date("nope"))).rejects.toBeInstanceOf(PublicError);
    expect(await db.select().from(usageRecords).where(eq(usageRecords.accountId, organization.id))).toEqual([]);
  });
});

describe("upsertMetric", () => {
  it("adds a metric, then changes its price; the new price applies to the open month", async () => {
    const { ctx, organization } = await organizationWith();
    const created = await metric("Memory", 2_500, "GB·h");
    await record(organization.id, created.id, "100", "2026-03-05T00:00:00Z");
    expect((await consumptionForMonth(ctx, "2026-03")).totalMinor).toBe(25);
    const updated = await upsertMetric({ id: created.id, name: "Memory", unit: "GB·h", unitPriceMicros: 5_000 });
    expect(updated).toMatchObject({ id: created.id, unitPriceMicros: 5_000, currency: "EUR" });
    expect((await consumptionForMonth(ctx, "2026-03")).totalMinor).toBe(50);
    await expect(upsertMetric({ id: "Bad Id", name: "x", unit: "x", unitPriceMicros: 1 })).rejects.toThrow();
    await expect(upsertMetric({ id: "negative", name: "x", unit: "x", unitPriceMicros: -1 })).rejects.toThrow();
  });
});
