import "server-only";
import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import type { AccountContext } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/can";
import { recordAuditEvent } from "@/lib/audit";
import { isForeignKeyViolation, PublicError } from "@/lib/errors";
import {
  canonicalQuantity,
  EARLIEST_USAGE_TIME,
  FUTURE_TOLERANCE_MS,
  isIdempotencyKey,
  isMetricId,
  MAX_USAGE_BATCH,
  parseUsageInstant,
  usageErrorMessages,
  type UsageBatchResult,
  type UsageErrorCode,
  type UsageRecordField,
} from "./usage-schemas";
import { lockUsagePeriodsShared } from "./period-lock";

/** One refused record (or, with `index` null, the batch itself), shaped like a problem+json `errors` entry. */
export interface UsageRecordError {
  /** The record's position in the batch; null when the batch itself is malformed. */
  index: number | null;
  field: UsageRecordField | null;
  code: UsageErrorCode | "invalid_batch";
  message: string;
  /** ["records", index, field]: the JSON path of the refused value. */
  path: (string | number)[];
}

/**
 * A batch refused as a whole: nothing of it was written. `errors` holds exactly one entry per
 * failing record, in index order (the first problem found: metric, quantity, time, key, then
 * duplicates), so a caller can fix or drop those records and send the batch again.
 */
export class UsageBatchRejected extends PublicError {
  readonly status = 422;
  constructor(readonly errors: UsageRecordError[]) {
    super(
      "usage_batch_invalid",
      errors.length === 1 ? `The usage batch was refused: ${errors[0]!.message}` : `The usage batch was refused: ${errors.length} records are invalid.`,
      Object.fromEntries(errors.map((error) => [error.path.join("."), [error.message]])),
    );
    this.name = "UsageBatchRejected";
  }
}

interface ValidRecord {
  index: number;
  metric: string;
  quantity: string;
  /** Microseconds since the epoch. */
  micros: number;
  /** The time for PostgreSQL (RFC 3339, at most microseconds). */
  time: string;
  /** "YYYY-MM" in UTC: the invoice month the record belongs to. */
  month: string;
  idempotencyKey: string;
}

function refusal(index: number, field: UsageRecordField | null, code: UsageErrorCode): UsageRecordError {
  return { index, field, code, message: usageErrorMessages[code], path: field ? ["records", index, field] : ["records", index] };
}

function checkRecord(raw: unknown, index: number, latest: number): ValidRecord | UsageRecordError {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return refusal(index, null, "invalid_record");
  const record = raw as Record<string, unknown>;
  if (!isMetricId(record.metric)) return refusal(index, "metric", "unknown_metric");
  const quantity = canonicalQuantity(record.quantity);
  if (quantity === null) return refusal(index, "quantity", "invalid_quantity");
  const instant = parseUsageInstant(record.time);
  if (instant === null || instant.micros < EARLIEST_USAGE_TIME * 1000) return refusal(index, "time", "invalid_time");
  if (instant.micros > latest * 1000) return refusal(index, "time", "time_in_future");
  if (!isIdempotencyKey(record.idempotencyKey)) return refusal(index, "idempotencyKey", "invalid_idempotency_key");
  return { index, metric: record.metric, quantity, micros: instant.micros, time: instant.text, month: instant.month, idempotencyKey: record.idempotencyKey };
}

function batchRefusal(message: string): UsageBatchRejected {
  return new UsageBatchRejected([{ index: null, field: null, code: "invalid_batch", message, path: ["records"] }]);
}

/** Same key, same content: the record's identity for `duplicate_in_batch` (quantities and times compared by value). */
const content = (r: ValidRecord) => `${r.metric}\n${r.quantity}\n${r.micros}`;

/**
 * Reports a batch of usage for the context's account: what `POST /api/v1/accounts/{slug}/usage`
 * calls. Only the platform (a platform key with `usage:write`) or the system may report.
 *
 * Atomic: every record is checked (format, catalog, not more than 5 minutes ahead, not in a month
 * already invoiced for the account, no key twice with different content) and any failure refuses
 * the whole batch with one `UsageBatchRejected` entry per failing record; nothing is written.
 * A valid batch is one transaction: one set-based insert of its records (sorted by idempotency key,
 * `ON CONFLICT DO NOTHING`), the kept `usage_daily` aggregate folded in by the table's trigger from
 * exactly the inserted rows, and one `usage.reported` audit event with the counts. A record whose
 * key the account already has (from an earlier batch, a concurrent one, or earlier in this batch
 * with the same content) is counted once: the first report under a key wins.
 *
 * Late usage is refused (`period_closed`), not moved to the next invoice: invoices are immutable
 * and priced from their month's usage, so a record that could no longer be billed in its own month
 * must not appear there either. The check and the billing run serialize on a per-account advisory
 * lock (shared here, exclusive in the run), so a batch either lands before the invoice reads the
 * month or sees the invoice and is refused.
 */
export async function reportUsage(ctx: AccountContext, records: unknown, now: Date = new Date()): Promise<UsageBatchResult> {
  assertCan(ctx, "usage.report");
  if (!Array.isArray(records)) throw batchRefusal("records is an array of usage records.");
  if (records.length === 0) throw batchRefusal("A batch holds at least one record.");
  if (records.length > MAX_USAGE_BATCH) throw batchRefusal(`A batch holds at most ${MAX_USAGE_BATCH} records.`);

  const latest = now.getTime() + FUTURE_TOLERANCE_MS;
  const errors: (UsageRecordError | undefined)[] = new Array(records.length);
  const valid: ValidRecord[] = [];
  for (let index = 0; index < records.length; index++) {
    const checked = checkRecord(records[index], index, latest);
    if ("code" in checked) errors[index] = checked;
    else valid.push(checked);
  }

  // The same key twice: once if the content is the same, refused if it differs.
  const byKey = new Map<string, ValidRecord>();
  const unique: ValidRecord[] = [];
  for (const record of valid) {
    const first = byKey.get(record.idempotencyKey);
    if (!first) {
      byKey.set(record.idempotencyKey, record);
      unique.push(record);
    } else if (content(first) !== content(record)) {
      errors[record.index] = refusal(record.index, "idempotencyKey", "duplicate_in_batch");
    }
  }

  return db.transaction(async (tx) => {
    await lockUsagePeriodsShared(tx, ctx.account.id);
    const metricIds = [...new Set(unique.map((r) => r.metric))];
    const months = [...new Set(unique.map((r) => `${r.month}-01`))];
    const [facts] = (
      await tx.execute<{ known: string[] | null; closed: string[] | null }>(sql`
        select (select array_agg(id) from metrics where id = any(${sql.param(metricIds)}::text[])) as known,
               (select array_agg(to_char(period_start, 'YYYY-MM')) from invoices
                 where account_id = ${ctx.account.id} and period_start = any(${sql.param(months)}::date[])) as closed`)
    ).rows;
    const known = new Set(facts?.known ?? []);
    const closed = new Set(facts?.closed ?? []);
    for (const record of valid) {
      if (errors[record.index]) continue;
      if (!known.has(record.metric)) errors[record.index] = refusal(record.index, "metric", "unknown_metric");
      else if (closed.has(record.month)) errors[record.index] = refusal(record.index, "time", "period_closed");
    }
    const refused = errors.filter((error): error is UsageRecordError => error !== undefined);
    if (refused.length > 0) throw new UsageBatchRejected(refused);

    // One order for every batch, so concurrent batches with overlapping keys never deadlock.
    unique.sort((a, b) => (a.idempotencyKey < b.idempotencyKey ? -1 : a.idempotencyKey > b.idempotencyKey ? 1 : 0));
    const recorded = await insertUsage(tx, ctx.account.id, unique);
    const result = { received: records.length, recorded, duplicates: records.length - recorded };
    await recordAuditEvent(tx, ctx, { action: "usage.reported", targetType: "account", targetId: ctx.account.id, metadata: result });
    return result;
  });
}

/**
 * One statement for the whole batch: the records travel as one JSON parameter (serialized natively,
 * read once by json_to_recordset), the idempotency index drops keys the account already has, and
 * the statement trigger on usage_records adds what was really inserted to usage_daily (see
 * migration 0008).
 */
async function insertUsage(tx: Executor, accountId: string, records: ValidRecord[]): Promise<number> {
  const rows = JSON.stringify(records.map((r) => ({ m: r.metric, q: r.quantity, t: r.time, k: r.idempotencyKey })));
  const statement = tx.execute<{ recorded: number }>(sql`
    with inserted as (
      insert into usage_records (account_id, metric_id, quantity, recorded_at, idempotency_key)
      select ${accountId}::uuid, u.m, u.q, u.t, u.k
      from json_to_recordset(${rows}::json) as u(m text, q numeric, t timestamptz, k text)
      on conflict do nothing
      returning 1
    )
    select count(*)::int as recorded from inserted`);
  try {
    return (await statement).rows[0]!.recorded;
  } catch (error) {
    // Checked above in this transaction, so only a deletion that committed meanwhile gets here.
    if (isForeignKeyViolation(error, "usage_records_account_id_accounts_id_fk")) {
      throw new PublicError("account_not_found", "The account no longer exists.");
    }
    if (isForeignKeyViolation(error, "usage_records_metric_id_metrics_id_fk")) {
      throw new PublicError("unknown_metric", "A metric of the batch was removed from the catalog meanwhile; send the batch again.");
    }
    throw error;
  }
}
