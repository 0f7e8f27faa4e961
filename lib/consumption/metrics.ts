import "server-only";
import { asc, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db/client";
import { metrics, type usageRecords } from "@/db/schema";
import { config } from "@/lib/config";

export type Metric = typeof metrics.$inferSelect;
export type UsageRecord = typeof usageRecords.$inferSelect;

export const metricSchema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, "Use lowercase letters, digits, dots, dashes and underscores.")
    .max(64),
  name: z.string().trim().min(1).max(100),
  unit: z.string().trim().min(1).max(32),
  /** Millionths of the currency unit per unit: 21000 = 0.021 per unit. */
  unitPriceMicros: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export type MetricInput = z.input<typeof metricSchema>;

/**
 * Adds a metric to the catalog or changes its name, unit or price (operators and the demo seed).
 * The catalog is priced in the console's CURRENCY. A new price applies to every month not yet
 * invoiced, the current one included.
 */
export async function upsertMetric(input: MetricInput, executor: Executor = db): Promise<Metric> {
  const metric = metricSchema.parse(input);
  const currency = config().CURRENCY;
  const [row] = await executor
    .insert(metrics)
    .values({ ...metric, currency })
    .onConflictDoUpdate({
      target: metrics.id,
      set: { name: sql`excluded.name`, unit: sql`excluded.unit`, unitPriceMicros: sql`excluded.unit_price_micros`, currency: sql`excluded.currency` },
    })
    .returning();
  return row!;
}

export async function listMetrics(executor: Executor = db): Promise<Metric[]> {
  return executor.select().from(metrics).orderBy(asc(metrics.name), asc(metrics.id));
}
