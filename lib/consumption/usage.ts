import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { usageRecords } from "@/db/schema";
import { isForeignKeyViolation, PublicError } from "@/lib/errors";
import type { UsageRecord } from "./metrics";

/** numeric(20,6): up to 14 digits before the point and 6 after, strictly positive. */
export const quantitySchema = z
  .string()
  .trim()
  .regex(/^\d{1,14}(\.\d{1,6})?$/, "A quantity is a positive decimal number with at most 6 decimals.")
  .refine((value) => /[1-9]/.test(value), "A quantity must be greater than zero.");


export const idempotencyKeySchema = z.string().min(1).max(200);

export interface RecordedUsage {
  record: UsageRecord;
  /** False when a record with this idempotency key already existed: nothing was written. */
  created: boolean;
}

/**
 * Writes one usage record, for trusted callers (tests, operators' scripts): the platform reports
 * through `reportUsage` (./ingest.ts), which also checks the catalog, the clock and closed months.
 * With an idempotency key, replaying the same report writes nothing and returns the first record
 * (unique per account and key, also under concurrent replays). The quantity is a decimal string,
 * never a float. usage_daily follows by the table's trigger, as for every writer.
 */
export async function recordUsage(
  tx: Executor,
  accountId: string,
  metricId: string,
  quantity: string,
  recordedAt: Date,
  idempotencyKey?: string,
): Promise<RecordedUsage> {
  const parsedQuantity = quantitySchema.safeParse(quantity);
  if (!parsedQuantity.success) throw PublicError.field("invalid_quantity", "quantity", parsedQuantity.error.issues[0]!.message);
  if (!(recordedAt instanceof Date) || Number.isNaN(recordedAt.getTime())) throw PublicError.field("invalid_time", "recordedAt", "The time of the usage is not a valid date.");
  const key = idempotencyKey === undefined ? null : idempotencyKeySchema.parse(idempotencyKey);
  let row: UsageRecord | undefined;
  try {
    [row] = await tx
      .insert(usageRecords)
      .values({ accountId, metricId, quantity: parsedQuantity.data, recordedAt, idempotencyKey: key })
      .onConflictDoNothing()
      .returning();
  } catch (error) {
    if (isForeignKeyViolation(error, "usage_records_metric_id_metrics_id_fk")) throw PublicError.field("unknown_metric", "metricId", `Unknown metric: ${metricId}.`);
    throw error;
  }
  if (row) return { record: row, created: true };
  // Only the idempotency index can conflict: the first report under this key wins.
  const [existing] = await tx
    .select()
    .from(usageRecords)
    .where(and(eq(usageRecords.accountId, accountId), eq(usageRecords.idempotencyKey, key!)));
  if (!existing) throw new Error("usage record conflicted but the first one is not visible");
  return { record: existing, created: false };
}
