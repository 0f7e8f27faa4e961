import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { memberships } from "@/db/schema";
import { ForbiddenError } from "@/lib/authz/can";
import { PublicError } from "@/lib/errors";
import { testMetric } from "@/lib/invoices/test-support";
import { contextFor, createOrganizationWith, createUser } from "@/test/factories";
import { aggregatePeriod, usageAggregates } from "./aggregates";
import { reportUsage } from "./ingest";
import { monthlyUsageByMetric } from "./queries";
import { memberKeyContext, platformContext } from "./test-support";

const now = new Date("2026-11-20T12:00:00Z");

async function accountWithUsage() {
  const owner = await createUser();
  const account = await createOrganizationWith({ owner });
  const [a, b] = [await testMetric("A", "unit", 1), await testMetric("B", "unit", 1)];
  const records = [
    [a.id, "1.5", "2026-09-30T23:59:59Z"],
    [a.id, "2", "2026-10-01T00:00:00Z"],
    [a.id, "3", "2026-10-01T12:00:00+02:00"],
    [b.id, "0.000001", "2026-10-15T00:00:00Z"],
    [a.id, "4", "2026-11-20T11:00:00Z"],
    [b.id, "10", "2026-11-01T00:00:00Z"],
  ].map(([metric, quantity, time], i) => ({ metric: metric!, quantity: quantity!, time: time!, idempotencyKey: `k${i}` }));
  await reportUsage(platformContext(account), records, now);
  return { owner, account, a, b, ctx: platformContext(account, ["usage:read"]) };
}

describe("usageAggregates", () => {
  it("sums the kept aggregate by metric and UTC day or month, in period then metric order", async () => {
    const { ctx, a, b } = await accountWithUsage();
    const daily = await usageAggregates(ctx, { granularity: "day", from: "2026-09-01", to: "2026-12-01" }, now);
    expect(daily).toMatchObject({ granularity: "day", from: "2026-09-01", to: "2026-12-01" });
    expect(daily.data).toEqual([
      { metric: a.id, period: "2026-09-30", quantity: "1.500000", records: 1 },
      { metric: a.id, period: "2026-10-01", quantity: "5.000000", records: 2 },
      { metric: b.id, period: "2026-10-15", quantity: "0.000001", records: 1 },
      { metric: b.id, period: "2026-11-01", quantity: "10.000000", records: 1 },
      { metric: a.id, period: "2026-11-20", quantity: "4.000000", records: 1 },
    ]);
    const monthly = await usageAggregates(ctx, { granularity: "month", from: "2026-09", to: "2026-12" }, now);
    const byPeriodThenMetric = (x: { period: string; metric: string }, y: { period: string; metric: string }) =>
      x.period === y.period ? (x.metric < y.metric ? -1 : 1) : x.period < y.period ? -1 : 1;
    expect(monthly.data).toEqual(
      [
        { metric: a.id, period: "2026-09", quantity: "1.500000", records: 1 },
        { metric: a.id, period: "2026-10", quantity: "5.000000", records: 2 },
        { metric: b.id, period: "2026-10", quantity: "0.000001", records: 1 },
        { metric: a.id, period: "2026-11", quantity: "4.000000", records: 1 },
        { metric: b.id, period: "2026-11", quantity: "10.000000", records: 1 },
      ].sort(byPeriodThenMetric),
    );
    // One metric; a partly covered month sums only the days asked for; `to` is excluded.
    expect((await usageAggregates(ctx, { granularity: "month", metric: a.id, from: "2026-10-01", to: "2026-11-20" }, now)).data).toEqual([
      { metric: a.id, period: "2026-10", quantity: "5.000000", records: 2 },
    ]);
    // Defaults: the last 31 days up to today by day, a year of months by month.
    expect((await usageAggregates(ctx, {}, now)).data.map((row) => row.period)).toEqual(["2026-11-01", "2026-11-20"]);
    expect(await usageAggregates(ctx, { granularity: "month" }, now)).toMatchObject({ from: "2025-12-01", to: "2026-11-21" });
  });

  it("computes periods and refuses bad ones", () => {
    expect(aggregatePeriod("day", undefined, undefined, now)).toEqual({ from: "2026-10-21", to: "2026-11-21" });
    expect(aggregatePeriod("month", undefined, "2027-01", new Date("2026-01-31T23:00:00Z"))).toEqual({ from: "2025-02-01", to: "2027-01-01" });
    expect(() => aggregatePeriod("day", "2026-11-02", "2026-11-02")).toThrow(PublicError);
    expect(() => aggregatePeriod("day", "2025-01-01", "2026-01-03")).toThrow(/366 days/);
    expect(aggregatePeriod("day", "2025-01-01", "2026-01-02")).toEqual({ from: "2025-01-01", to: "2026-01-02" });
    expect(() => aggregatePeriod("month", "2000-01", "2010-02")).toThrow(/120 months/);
  });

  it("refuses malformed queries with the field", async () => {
    const { ctx } = await accountWithUsage();
    for (const [query, field] of [
      [{ granularity: "week" }, "granularity"],
      [{ from: "2026-02-30" }, "from"],
      [{ to: "tomorrow" }, "to"],
      [{ metric: "Not A Metric" }, "metric"],
      [{ from: "2026-11-10", to: "2026-11-01" }, "from"],
    ] as const) {
      const error = await usageAggregates(ctx, query as never, now).catch((e: unknown) => e);
      expect(error, JSON.stringify(query)).toBeInstanceOf(PublicError);
      expect(Object.keys((error as PublicError).fieldErrors ?? {}), JSON.stringify(query)).toEqual([field]);
    }
  });

  it("is for who may see consumption: members by role, read-only keys included, the platform with usage:read", async () => {
    const { owner, account } = await accountWithUsage();
    const member = await createUser();
    await db.insert(memberships).values({ accountId: account.id, userId: member.id, role: "member" });
    await expect(usageAggregates(await contextFor(owner, account.slug), {}, now)).resolves.toMatchObject({ granularity: "day" });
    await expect(usageAggregates(memberKeyContext(account, owner, "developer", true), {}, now)).resolves.toMatchObject({ granularity: "day" });
    await expect(usageAggregates(await contextFor(member, account.slug), {}, now)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(usageAggregates(platformContext(account, ["usage:write", "accounts:read"]), {}, now)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("monthlyUsageByMetric on the kept aggregate", () => {
  it("gives a month's sums from usage_daily, and uses the raw records for bounds that are not UTC midnights", async () => {
    const { account, a, b } = await accountWithUsage();
    const october = await monthlyUsageByMetric(account.id, new Date("2026-10-01T00:00:00Z"), new Date("2026-11-01T00:00:00Z"));
    expect(october.map((m) => [m.metricId, m.quantity])).toEqual([
      [a.id, "5.000000"],
      [b.id, "0.000001"],
    ]);
    // 2026-10-01T10:00Z and later: the record at midnight is out, the one at 10:00 UTC is in.
    const fromTen = await monthlyUsageByMetric(account.id, new Date("2026-10-01T10:00:00Z"), new Date("2026-11-01T00:00:00Z"));
    expect(fromTen.map((m) => [m.metricId, m.quantity])).toEqual([
      [a.id, "3.000000"],
      [b.id, "0.000001"],
    ]);
  });
});
