"use client";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney } from "@/lib/billing/money";

export interface UsageChartProps {
  /** Read by screen readers instead of the drawing; the tables below hold the numbers. */
  summary: string;
  currency: string;
  series: { id: string; name: string }[];
  /** One entry per day: `day` is the day of the month, `label` a readable date, then minor units per series id. */
  data: ({ day: number; label: string } & Record<string, number | string>)[];
}

/*
 * Series colours, each with at least 3:1 contrast against the card in its theme (light: 600–700
 * shades on white; dark: 300–400 shades on zinc-900), hues far enough apart to tell stacked
 * neighbours apart. Written out in full so Tailwind finds them.
 */
const palette = "[--series-0:#4f46e5] [--series-1:#0f766e] [--series-2:#b45309] [--series-3:#be185d] [--series-4:#52525b] [--series-5:#4d7c0f] dark:[--series-0:#818cf8] dark:[--series-1:#2dd4bf] dark:[--series-2:#fbbf24] dark:[--series-3:#f472b6] dark:[--series-4:#d4d4d8] dark:[--series-5:#a3e635]";
const SERIES_COLOURS = 6;

export function UsageChart({ summary, currency, series, data }: UsageChartProps) {
  const money = (value: unknown) => formatMoney(Math.round(Number(value) || 0), currency);
  return (
    <div role="img" aria-label={summary} className={palette}>
      <BarChart
        responsive
        accessibilityLayer={false}
        data={data}
        margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
        style={{ width: "100%", height: 320 }}
      >
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="day" tickLine={false} axisLine={{ stroke: "var(--border)" }} tick={{ fill: "var(--muted-foreground)", fontSize: 12 }} interval="preserveStartEnd" minTickGap={8} />
        <YAxis
          allowDecimals={false}
          tickLine={false}
          axisLine={false}
          width={72}
          tick={{ fill: "var(--muted-foreground)", fontSize: 12 }}
          tickFormatter={(value: number) => money(value)}
        />
        <Tooltip
          cursor={{ fill: "var(--muted)" }}
          formatter={(value, name) => [money(value), name]}
          labelFormatter={(_label, payload) => String(payload?.[0]?.payload?.label ?? "")}
          contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", borderRadius: 8, color: "var(--foreground)", fontSize: 13 }}
          labelStyle={{ color: "var(--foreground)", fontWeight: 600 }}
        />
        <Legend formatter={(value) => <span style={{ color: "var(--foreground)" }}>{value}</span>} wrapperStyle={{ fontSize: 13 }} />
        {series.map((s, index) => (
          <Bar key={s.id} dataKey={s.id} name={s.name} stackId="cost" fill={`var(--series-${index % SERIES_COLOURS})`} isAnimationActive={false} />
        ))}
      </BarChart>
    </div>
  );
}
