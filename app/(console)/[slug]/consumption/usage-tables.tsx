import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatMoney, formatUnitPrice } from "@/lib/billing/money";
import { formatQuantity } from "@/lib/consumption/format";
import type { MonthConsumption } from "@/lib/consumption/queries";

const rowHeader = "px-4 py-3 text-left align-middle font-medium whitespace-nowrap text-foreground";

/** The month per metric: the chart's numbers as text, and what the invoice will charge. */
export function MetricTotalsTable({ consumption, caption }: { consumption: MonthConsumption; caption: string }) {
  const money = (minor: number) => formatMoney(minor, consumption.currency);
  return (
    <Table caption={caption}>
      <THead>
        <TR>
          <TH>Metric</TH>
          <TH className="text-right">Quantity</TH>
          <TH>Unit</TH>
          <TH className="text-right">Unit price</TH>
          <TH className="text-right">Cost</TH>
        </TR>
      </THead>
      <TBody>
        {consumption.metrics.map((metric) => (
          <TR key={metric.metricId}>
            <th scope="row" className={rowHeader}>
              {metric.name}
            </th>
            <TD className="text-right tabular-nums">{formatQuantity(metric.quantity)}</TD>
            <TD>{metric.unit}</TD>
            <TD className="text-right tabular-nums">{formatUnitPrice(metric.unitPriceMicros, metric.currency)}</TD>
            <TD className="text-right tabular-nums">{money(metric.costMinor)}</TD>
          </TR>
        ))}
      </TBody>
      <tfoot className="border-t border-border bg-muted">
        <TR>
          <th scope="row" colSpan={4} className={rowHeader}>
            Total (estimate)
          </th>
          <TD className="text-right font-semibold tabular-nums">{money(consumption.totalMinor)}</TD>
        </TR>
      </tfoot>
    </Table>
  );
}

/** Every day with usage, per metric: the bars of the chart as a table, folded away by default. */
export function DailyTable({ consumption, caption, dayLabel }: { consumption: MonthConsumption; caption: string; dayLabel: (day: string) => string }) {
  const money = (minor: number) => formatMoney(minor, consumption.currency);
  const days = consumption.days.filter((day) => Object.keys(day.costs).length > 0);
  return (
    <details className="group rounded-lg border border-border bg-surface">
      <summary className="cursor-pointer px-4 py-3 text-sm font-medium">Show the cost of each day</summary>
      <div className="border-t border-border p-4">
        <Table caption={caption} captionHidden>
          <THead>
            <TR>
              <TH>Day</TH>
              {consumption.metrics.map((metric) => (
                <TH key={metric.metricId} className="text-right">
                  {metric.name}
                </TH>
              ))}
              <TH className="text-right">Day total</TH>
            </TR>
          </THead>
          <TBody>
            {days.map((day) => (
              <TR key={day.day}>
                <th scope="row" className={rowHeader}>
                  <time dateTime={day.day}>{dayLabel(day.day)}</time>
                </th>
                {consumption.metrics.map((metric) => (
                  <TD key={metric.metricId} className="text-right tabular-nums">
                    {metric.metricId in day.costs ? money(day.costs[metric.metricId]!) : "—"}
                  </TD>
                ))}
                <TD className="text-right tabular-nums">{money(day.totalMinor)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </div>
    </details>
  );
}
