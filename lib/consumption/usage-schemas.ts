import { z } from "zod";

/**
 * The wire format of usage ingestion (`POST /api/v1/accounts/{slug}/usage`) and of its aggregates
 * (`GET` on the same path): JSON, camelCase. The rules live in the small functions below, which
 * both the zod schemas (for the OpenAPI document and the request parser) and `reportUsage` use, so
 * they cannot drift. `reportUsage` validates every record itself and reports each failing record
 * with its index and a stable code; a caller may pass it the raw `records` array.
 */

export const MAX_USAGE_BATCH = 1000;
/** Clocks drift: a record may be stamped up to this far ahead of the console's clock. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** Usage before this is refused as `invalid_time` (the console does not browse earlier months either). */
export const EARLIEST_USAGE_TIME = Date.UTC(2000, 0, 1);

/** Why a record was refused; one per failing record, with its index. */
export const usageErrorCodes = [
  "invalid_record",
  "unknown_metric",
  "invalid_quantity",
  "invalid_time",
  "time_in_future",
  "period_closed",
  "invalid_idempotency_key",
  "duplicate_in_batch",
] as const;
export type UsageErrorCode = (typeof usageErrorCodes)[number];
export type UsageRecordField = "metric" | "quantity" | "time" | "idempotencyKey";

export const usageErrorMessages: Record<UsageErrorCode, string> = {
  invalid_record: "A record is an object with metric, quantity, time and idempotencyKey.",
  unknown_metric: "The metric is not in the catalog.",
  invalid_quantity: "A quantity is a number greater than zero with at most 14 digits before the point and 6 after (a decimal string or a JSON number).",
  invalid_time: "The time is an RFC 3339 date-time with an offset (2026-12-01T10:00:00Z), not before 2000.",
  time_in_future: "The time is more than 5 minutes in the future.",
  period_closed: "The month of this time is already invoiced for this account: invoices are never changed, so late usage is refused.",
  invalid_idempotency_key: "The idempotency key is a string of 1 to 200 characters without control characters.",
  duplicate_in_batch: "Another record of this batch has the same idempotency key with different content.",
};

const METRIC_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const QUANTITY = /^(\d{1,14})(?:\.(\d{1,6}))?$/;
// NUL and the other C0 controls, DEL and the C1 controls (see lib/validation/text.ts).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function isMetricId(value: unknown): value is string {
  return typeof value === "string" && METRIC_ID.test(value);
}

/**
 * A positive quantity with at most 14 integer digits and 6 decimals, as canonical decimal text
 * ("12.50" → "12.5", "007" → "7"), or null. A JSON number is read through its shortest decimal
 * form, so 0.1 is "0.1" but 0.1 + 0.2 (0.30000000000000004) and 1e-7 are refused rather than
 * rounded; 1e400 arrives as Infinity and is refused. Never a float in arithmetic.
 */
export function canonicalQuantity(value: unknown): string | null {
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value <= 0) return null;
    text = String(value);
  } else if (typeof value === "string") {
    text = value.trim();
  } else {
    return null;
  }
  const match = QUANTITY.exec(text);
  if (!match) return null;
  const whole = match[1]!.replace(/^0+(?=\d)/, "");
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (whole === "0" && fraction === "") return null;
  return fraction ? `${whole}.${fraction}` : whole;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : MONTH_DAYS[month - 1]!;
}

/** A usage time as ingestion keeps it. */
export interface UsageInstant {
  /** Microseconds since the epoch (PostgreSQL's precision; exact in a double until the year 2255). */
  micros: number;
  /** "YYYY-MM": the UTC month, i.e. the invoice the usage belongs to. */
  month: string;
  /** The time as PostgreSQL should read it: the input, cut to microseconds. */
  text: string;
}

/**
 * An RFC 3339 date-time with an offset ("Z" or "±hh:mm"), or null: every field is range-checked
 * (no February 30th, no hour 24), and a time without an offset is refused because it would mean a
 * different instant on every server. Digits past the microsecond are dropped (never rounded, so
 * 23:59:59.9999999 stays in its day). No Date objects: this runs for every record of a batch.
 */
export function parseUsageInstant(value: unknown): UsageInstant | null {
  if (typeof value !== "string") return null;
  const match = DATE_TIME.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = Number(match[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (match[9]) {
    const offsetHours = Number(match[10]);
    const offsetMins = Number(match[11]);
    if (offsetHours > 23 || offsetMins > 59) return null;
    offsetMinutes = (match[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const fraction = match[7] ?? "";
  const micros = (Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000) * 1000 + Number(fraction.padEnd(6, "0").slice(0, 6));
  if (!Number.isFinite(micros)) return null;
  const monthText = offsetMinutes === 0 ? value.slice(0, 7) : new Date(Math.floor(micros / 1000)).toISOString().slice(0, 7);
  const text = fraction.length > 6 ? value.slice(0, 20) + fraction.slice(0, 6) + match[8] : value;
  return { micros, month: monthText, text };
}

/** Milliseconds since the epoch of an RFC 3339 date-time with an offset (see parseUsageInstant), or null. */
export function parseUsageTime(value: unknown): number | null {
  const instant = parseUsageInstant(value);
  return instant ? Math.floor(instant.micros / 1000) : null;
}

export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === "string" && value.length >= 1 && value.length <= 200 && !CONTROL.test(value) && value.isWellFormed();
}

// Every issue of a field carries that field's message; a rule failure (a value of the right type
// that breaks the rule) also carries the ingestion code in `params.code`. A value of the wrong type
// is zod's `invalid_type` with the same message. reportUsage does not depend on this schema.
const issue = (code: UsageErrorCode) => ({ message: usageErrorMessages[code], params: { code } });

export const usageRecordInput = z
  .object({
    metric: z.string(issue("unknown_metric")).refine(isMetricId, issue("unknown_metric")).meta({ description: "A metric of the catalog.", example: "compute.hours" }),
    quantity: z
      .union([z.string(), z.number()], issue("invalid_quantity"))
      .refine((value) => canonicalQuantity(value) !== null, issue("invalid_quantity"))
      .meta({
        description: "Greater than zero, at most 14 digits before the point and 6 after. A decimal string is exact; a JSON number is read through its shortest decimal form.",
        example: "12.5",
      }),
    time: z
      .string(issue("invalid_time"))
      .refine((value) => {
        const at = parseUsageTime(value);
        return at !== null && at >= EARLIEST_USAGE_TIME;
      }, issue("invalid_time"))
      .meta({ description: "When the usage happened: RFC 3339 with an offset. At most 5 minutes ahead; not in a month already invoiced.", example: "2026-12-01T10:00:00Z" }),
    idempotencyKey: z
      .string(issue("invalid_idempotency_key"))
      .refine(isIdempotencyKey, issue("invalid_idempotency_key"))
      .meta({ description: "Unique per record and account: a record whose key was seen before is counted once.", example: "vm-42/2026-12-01T10" }),
  }, issue("invalid_record"))
  .meta({ id: "UsageRecord" });
export type UsageRecordInput = z.input<typeof usageRecordInput>;

export const usageBatchBody = z
  .object({
    records: z.array(usageRecordInput).min(1).max(MAX_USAGE_BATCH).meta({ description: `1 to ${MAX_USAGE_BATCH} records, accepted or refused together.` }),
  })
  .meta({ id: "UsageBatch" });
export type UsageBatchBody = z.input<typeof usageBatchBody>;

export const usageBatchResult = z
  .object({
    received: z.number().int().meta({ description: "Records in the batch." }),
    recorded: z.number().int().meta({ description: "Records written now." }),
    duplicates: z.number().int().meta({ description: "Records whose idempotency key was seen before (in an earlier batch, or earlier in this one): counted once." }),
  })
  .meta({ id: "UsageBatchResult" });
export type UsageBatchResult = z.infer<typeof usageBatchResult>;

// ---------------------------------------------------------------------------------------------
// Aggregates

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A UTC day "YYYY-MM-DD" (a month "YYYY-MM" means its first day), or null. */
export function parseAggregateBound(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const day = MONTH.test(value) ? `${value}-01` : value;
  if (!DAY.test(day)) return null;
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day ? null : day;
}

const bound = (description: string) =>
  z
    .string()
    .refine((value) => parseAggregateBound(value) !== null, "Expected a UTC day (YYYY-MM-DD) or month (YYYY-MM).")
    .meta({ description, example: "2026-11-01" });

export const MAX_AGGREGATE_DAYS = 366;
export const MAX_AGGREGATE_MONTHS = 120;

export const usageAggregatesQuery = z.object({
  granularity: z.enum(["day", "month"]).default("day").meta({ description: "One row per metric and UTC day, or per metric and UTC month." }),
  metric: z.string().refine(isMetricId, "Not a metric id.").optional().meta({ description: "Only this metric." }),
  from: bound("First day included (UTC). Default: 31 days before `to` by day; by month, the first day of the month 11 months before the current one (a year of months).").optional(),
  to: bound(`First day not included (UTC). Default: tomorrow, so today is included. At most ${MAX_AGGREGATE_DAYS} days or ${MAX_AGGREGATE_MONTHS} months after \`from\`.`).optional(),
});
export type UsageAggregatesQuery = z.input<typeof usageAggregatesQuery>;

export const usageAggregate = z
  .object({
    metric: z.string().meta({ example: "compute.hours" }),
    period: z.string().meta({ description: "The UTC day (YYYY-MM-DD) or month (YYYY-MM).", example: "2026-11-03" }),
    quantity: z.string().meta({ description: "The exact sum, as decimal text.", example: "1234.500000" }),
    records: z.number().int().meta({ description: "How many records the sum is made of." }),
  })
  .meta({ id: "UsageAggregate" });
export type UsageAggregate = z.infer<typeof usageAggregate>;

export const usageAggregatesResult = z
  .object({
    granularity: z.enum(["day", "month"]),
    from: z.string().meta({ description: "First day included." }),
    to: z.string().meta({ description: "First day not included." }),
    data: z.array(usageAggregate).meta({ description: "Ordered by period, then metric; periods without usage are left out." }),
  })
  .meta({ id: "UsageAggregates" });
export type UsageAggregates = z.infer<typeof usageAggregatesResult>;
