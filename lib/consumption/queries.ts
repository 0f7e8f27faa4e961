import "server-only";
import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import type { AccountContext } from "@/lib/authz/account-context";
import { assertCan, can } from "@/lib/authz/can";
import { usageCostMinor } from "@/lib/billing/money";
import { config } from "@/lib/config";
import { currentMonth, daysOfMonth, monthBounds } from "./months";

/** One metric's usage over a period, priced the way an invoice line prices it. */
export interface MetricUsage {
  metricId: string;
  name: string;
  unit: string;
  unitPriceMicros: number;
  currency: string;
  /** The exact sum of the period's quantities, as PostgreSQL numeric text ("1234.500000"). */
  quantity: string;
  /** usageCostMinor(quantity, unitPriceMicros): the period's total quantity priced once, rounded half away from zero. */
  costMinor: number;
}

interface SumRow extends Record<string, unknown> {
  metric_id: string;
  name: string;
  unit: string;
  unit_price_micros: string | number;
  currency: string;
  day: string | null;
  quantity: string;
}

function toMetricUsage(row: SumRow): MetricUsage {
  const unitPriceMicros = Number(row.unit_price_micros);
  return {
    metricId: row.metric_id,
    name: row.name,
    unit: row.unit,
    unitPriceMicros,
    currency: row.currency,
    quantity: row.quantity,
    costMinor: usageCostMinor(row.quantity, unitPriceMicros),
  };
}

/**
 * What an invoice charges for a period: per metric, the exact total quantity and its cost,
 * `usageCostMinor(total quantity, unit price)`. The period is the half-open interval
 * [periodStart, periodEnd) of `recorded_at` (use `monthBounds("2026-03")` for a UTC month).
 * Metrics without usage are left out; rows are ordered by metric name.
 *
 * For trusted callers only (the invoice run): it takes an account id, not a member's context, so
 * never pass it an id that came from a request. Pass the invoice's transaction as `executor` to
 * read in the same snapshot. One query: on the kept daily aggregate when both bounds are UTC
 * midnights (every month is; numeric sums are exact, so the result is the same as summing the
 * records), on the raw records otherwise.
 */
export async function monthlyUsageByMetric(accountId: string, periodStart: Date, periodEnd: Date, executor: Executor = db): Promise<MetricUsage[]> {
  const sums =
    isUtcMidnight(periodStart) && isUtcMidnight(periodEnd)
      ? sql`select metric_id, sum(quantity) as quantity from usage_daily
            where account_id = ${accountId} and day >= ${utcDay(periodStart)}::date and day < ${utcDay(periodEnd)}::date
            group by metric_id`
      : sql`select metric_id, sum(quantity) as quantity from usage_records
            where account_id = ${accountId} and recorded_at >= ${periodStart.toISOString()} and recorded_at < ${periodEnd.toISOString()}
            group by metric_id`;
  const result = await executor.execute<SumRow>(sql`
    with sums as (${sums})
    select m.id as metric_id, m.name, m.unit, m.unit_price_micros, m.currency, null as day, s.quantity::text as quantity
    from sums s join metrics m on m.id = s.metric_id
    order by m.name, m.id`);
  return result.rows.map(toMetricUsage);
}

function isUtcMidnight(date: Date): boolean {
  return date.getTime() % 86_400_000 === 0;
}

/** "YYYY-MM-DD" of a UTC instant. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export interface DailyCost {
  /** "YYYY-MM-DD", a UTC day. */
  day: string;
  /** Cost per metric id for that day, in minor units (each day's quantity priced on its own). */
  costs: Record<string, number>;
  totalMinor: number;
}

export interface MonthConsumption {
  month: string;
  currency: string;
  /** Per-metric totals for the month, priced exactly as the invoice will (see monthlyUsageByMetric). */
  metrics: MetricUsage[];
  /** Every day of the month, with or without usage. Daily costs are rounded per day, so they may
   *  differ from the month's totals by a cent or so: they are for the chart only. */
  days: DailyCost[];
  /** The sum of the metrics' monthly costs: what the month's invoice will charge before discounts and tax. */
  totalMinor: number;
}

/**
 * A month of the account's consumption: per day × metric for the chart, per metric for the totals.
 * One query (grouping sets) on the kept daily aggregate, so the chart and the totals come from the
 * same snapshot and cost the same whatever the number of records.
 */
export async function consumptionForMonth(ctx: AccountContext, month: string): Promise<MonthConsumption> {
  assertCan(ctx, "consumption.view");
  const { start, end } = monthBounds(month);
  const result = await db.execute<SumRow>(sql`
    with sums as (
      select metric_id, to_char(day, 'YYYY-MM-DD') as day, sum(quantity) as quantity, grouping(day) as is_total
      from usage_daily
      where account_id = ${ctx.account.id} and day >= ${utcDay(start)}::date and day < ${utcDay(end)}::date
      group by grouping sets ((metric_id, day), (metric_id))
    )
    select m.id as metric_id, m.name, m.unit, m.unit_price_micros, m.currency, case when s.is_total = 1 then null else s.day end as day, s.quantity::text as quantity
    from sums s join metrics m on m.id = s.metric_id
    order by m.name, m.id, s.day nulls first`);

  const metrics: MetricUsage[] = [];
  const byDay = new Map<string, DailyCost>(daysOfMonth(month).map((day) => [day, { day, costs: {}, totalMinor: 0 }]));
  for (const row of result.rows) {
    const usage = toMetricUsage(row);
    if (row.day === null) {
      metrics.push(usage);
      continue;
    }
    const day = byDay.get(row.day);
    if (!day) continue;
    day.costs[usage.metricId] = usage.costMinor;
    day.totalMinor += usage.costMinor;
  }
  return {
    month,
    currency: config().CURRENCY,
    metrics,
    days: [...byDay.values()],
    totalMinor: metrics.reduce((sum, metric) => sum + metric.costMinor, 0),
  };
}

export interface MonthToDateEstimate {
  month: string;
  currency: string;
  totalMinor: number;
}

/**
 * The current UTC month's consumption so far, priced as its invoice will be: an estimate until the
 * month closes. A billing figure as much as a consumption one (a total, no per-metric detail), so
 * who may see either may see it: a platform key with accounts:read included.
 */
export async function monthToDateEstimate(ctx: AccountContext, now: Date = new Date()): Promise<MonthToDateEstimate> {
  if (!can(ctx, "billing.view")) assertCan(ctx, "consumption.view");
  const month = currentMonth(now);
  const { start, end } = monthBounds(month);
  const metrics = await monthlyUsageByMetric(ctx.account.id, start, end);
  return { month, currency: config().CURRENCY, totalMinor: metrics.reduce((sum, metric) => sum + metric.costMinor, 0) };
}
