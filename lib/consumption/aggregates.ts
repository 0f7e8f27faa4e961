import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import type { AccountContext } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/can";
import { PublicError } from "@/lib/errors";
import {
  MAX_AGGREGATE_DAYS,
  MAX_AGGREGATE_MONTHS,
  parseAggregateBound,
  usageAggregatesQuery,
  type UsageAggregate,
  type UsageAggregates,
  type UsageAggregatesQuery,
} from "./usage-schemas";

const DAY_MS = 86_400_000;

const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);
const dayTime = (day: string) => Date.parse(`${day}T00:00:00Z`);
const monthsBetween = (from: string, to: string) => (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));

/** The period a query covers, [from, to) in UTC days, with the defaults and limits of usageAggregatesQuery. */
export function aggregatePeriod(granularity: "day" | "month", from: string | undefined, to: string | undefined, now: Date = new Date()): { from: string; to: string } {
  const end = to ? parseAggregateBound(to)! : dayOf(dayTime(dayOf(now.getTime())) + DAY_MS);
  let start: string;
  if (from) start = parseAggregateBound(from)!;
  else if (granularity === "day") start = dayOf(dayTime(end) - 31 * DAY_MS);
  else {
    const [year, month] = [now.getUTCFullYear(), now.getUTCMonth()];
    start = dayOf(Date.UTC(year, month - 11, 1));
  }
  if (start >= end) throw PublicError.field("usage_query_invalid", "from", "from must be before to.");
  if (granularity === "day" && (dayTime(end) - dayTime(start)) / DAY_MS > MAX_AGGREGATE_DAYS) {
    throw PublicError.field("usage_query_invalid", "to", `A daily query covers at most ${MAX_AGGREGATE_DAYS} days.`);
  }
  if (granularity === "month" && monthsBetween(start, end) > MAX_AGGREGATE_MONTHS) {
    throw PublicError.field("usage_query_invalid", "to", `A monthly query covers at most ${MAX_AGGREGATE_MONTHS} months.`);
  }
  return { from: start, to: end };
}

/**
 * The account's usage per metric and UTC day or month, from the kept aggregate (usage_daily): what
 * `GET /api/v1/accounts/{slug}/usage` answers. Exact decimal sums as text; periods without usage
 * are left out; ordered by period, then metric. A monthly row of a partly covered month sums only
 * the days in [from, to). Cost grows with days × metrics, never with the number of records.
 */
export async function usageAggregates(ctx: AccountContext, query: UsageAggregatesQuery = {}, now: Date = new Date()): Promise<UsageAggregates> {
  assertCan(ctx, "consumption.view");
  const parsed = usageAggregatesQuery.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw PublicError.field("usage_query_invalid", String(issue.path[0] ?? "query"), issue.message);
  }
  const { granularity, metric } = parsed.data;
  const { from, to } = aggregatePeriod(granularity, parsed.data.from, parsed.data.to, now);
  const metricFilter = metric ? sql`and metric_id = ${metric}` : sql``;
  const result =
    granularity === "day"
      ? await db.execute<UsageAggregate & Record<string, unknown>>(sql`
          select metric_id as metric, to_char(day, 'YYYY-MM-DD') as period, quantity::text as quantity, records
          from usage_daily
          where account_id = ${ctx.account.id} and day >= ${from}::date and day < ${to}::date ${metricFilter}
          order by day, metric_id`)
      : await db.execute<UsageAggregate & Record<string, unknown>>(sql`
          select metric_id as metric, to_char(day, 'YYYY-MM') as period, sum(quantity)::text as quantity, sum(records)::int as records
          from usage_daily
          where account_id = ${ctx.account.id} and day >= ${from}::date and day < ${to}::date ${metricFilter}
          group by 2, 1
          order by 2, 1`);
  return { granularity, from, to, data: result.rows.map((row) => ({ metric: row.metric, period: row.period, quantity: row.quantity, records: Number(row.records) })) };
}
