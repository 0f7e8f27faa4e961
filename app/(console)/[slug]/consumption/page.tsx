import { BarChart3 } from "lucide-react";
import type { Metadata } from "next";
import { Banner } from "@/components/ui/banner";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireAccountContext } from "@/lib/authz/context";
import { formatMoney } from "@/lib/billing/money";
import { chooseMonth, currentMonth, monthLabel } from "@/lib/consumption/months";
import { consumptionForMonth, monthToDateEstimate, type MonthConsumption } from "@/lib/consumption/queries";
import { DailyTable, MetricTotalsTable } from "./usage-tables";
import { MonthPicker } from "./month-picker";
import { UsageChart } from "./usage-chart";
import { searchParam, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Consumption" };

const dayFormat = new Intl.DateTimeFormat("en", { month: "long", day: "numeric", timeZone: "UTC" });
const dayLabel = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));

/** What the chart says, for people who do not see it. */
function chartSummary(consumption: MonthConsumption, label: string): string {
  const money = (minor: number) => formatMoney(minor, consumption.currency);
  const busiest = consumption.days.reduce((best, day) => (day.totalMinor > best.totalMinor ? day : best), consumption.days[0]!);
  const activeDays = consumption.days.filter((day) => Object.keys(day.costs).length > 0).length;
  const byMetric = consumption.metrics.map((metric) => `${metric.name} ${money(metric.costMinor)}`).join(", ");
  return `Stacked bar chart of the cost per day by metric in ${label}: usage on ${activeDays} day${activeDays === 1 ? "" : "s"}, highest on ${dayLabel(busiest.day)} at ${money(busiest.totalMinor)}. Total ${money(consumption.totalMinor)} (estimate). By metric: ${byMetric}.`;
}

export default async function ConsumptionPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const ctx = await requireAccountContext((await params).slug, "consumption.view");
  const now = new Date();
  const current = currentMonth(now);
  const { month, problem } = chooseMonth(searchParam(await searchParams, "month"), now);
  const isCurrent = month === current;
  const [consumption, estimate] = await Promise.all([consumptionForMonth(ctx, month), isCurrent ? null : monthToDateEstimate(ctx, now)]);
  const label = monthLabel(month);
  const money = (minor: number) => formatMoney(minor, consumption.currency);
  const basePath = `/${ctx.account.slug}/consumption`;

  return (
    <div className="space-y-6">
      <PageHeader
        title="Consumption"
        description="Usage reported by the platform, priced per metric. Days and months are in UTC; amounts are before discounts and tax."
      />
      {problem && <Banner tone="warning">{problem}</Banner>}
      <MonthPicker basePath={basePath} month={month} current={current} />

      <section aria-labelledby="month-heading" className="space-y-6">
        <h2 id="month-heading" className="text-lg font-semibold">
          {label}
        </h2>
        <dl className="grid gap-4 sm:grid-cols-2">
          <div className="rounded-lg border border-border p-4">
            <dt className="text-sm text-muted-foreground">{isCurrent ? "Month-to-date estimate" : `Total for ${label} (estimate)`}</dt>
            <dd className="mt-1 text-2xl font-semibold">{money(consumption.totalMinor)}</dd>
          </div>
          {estimate && (
            <div className="rounded-lg border border-border p-4">
              <dt className="text-sm text-muted-foreground">Month-to-date estimate ({monthLabel(current)})</dt>
              <dd className="mt-1 text-2xl font-semibold">{formatMoney(estimate.totalMinor, estimate.currency)}</dd>
            </div>
          )}
        </dl>

        {consumption.metrics.length === 0 ? (
          <EmptyState icon={<BarChart3 />} title={`No usage in ${label}`} titleAs="h3" description="Usage appears here as the platform reports it." />
        ) : (
          <>
            <Card>
              <CardHeader>
                <CardTitle as="h3">Cost per day by metric</CardTitle>
                <CardDescription>Each day is priced on its own, so the bars can differ from the totals by a cent or so. The totals price each metric&apos;s monthly quantity, as the invoice will.</CardDescription>
              </CardHeader>
              <CardContent>
                <UsageChart
                  summary={chartSummary(consumption, label)}
                  currency={consumption.currency}
                  series={consumption.metrics.map((metric) => ({ id: metric.metricId, name: metric.name }))}
                  data={consumption.days.map((day) => ({ day: Number(day.day.slice(8)), label: dayLabel(day.day), ...day.costs }))}
                />
              </CardContent>
            </Card>
            <MetricTotalsTable consumption={consumption} caption={`Totals by metric for ${label}`} />
            <DailyTable consumption={consumption} caption={`Cost per day for ${label}`} dayLabel={dayLabel} />
          </>
        )}
      </section>
    </div>
  );
}
