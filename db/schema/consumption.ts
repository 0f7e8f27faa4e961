import { sql } from "drizzle-orm";
import { bigint, bigserial, check, date, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";

/** What the platform meters, and its price. Prices are in millionths of the currency unit, so sub-cent prices stay exact. */
export const metrics = pgTable(
  "metrics",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    unit: text("unit").notNull(),
    unitPriceMicros: bigint("unit_price_micros", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
  },
  (t) => [check("metrics_price", sql`${t.unitPriceMicros} >= 0`), check("metrics_id", sql`${t.id} ~ '^[a-z0-9][a-z0-9._-]*$'`)],
);

export const usageRecords = pgTable(
  "usage_records",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    metricId: text("metric_id")
      .notNull()
      .references(() => metrics.id, { onDelete: "restrict" }),
    quantity: numeric("quantity", { precision: 20, scale: 6 }).notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
    idempotencyKey: text("idempotency_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("usage_records_account_recorded_idx").on(t.accountId, t.recordedAt),
    uniqueIndex("usage_records_idempotency_key").on(t.accountId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
    check("usage_records_positive", sql`${t.quantity} > 0`),
  ],
);

/**
 * The kept aggregate of usage_records per account, metric and UTC day, updated in the transaction
 * that writes the records: screens and the API read it instead of summing raw records.
 */
export const usageDaily = pgTable(
  "usage_daily",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    metricId: text("metric_id")
      .notNull()
      .references(() => metrics.id, { onDelete: "restrict" }),
    day: date("day", { mode: "string" }).notNull(),
    quantity: numeric("quantity", { precision: 24, scale: 6 }).notNull(),
    records: integer("records").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.metricId, t.day] }), index("usage_daily_account_day_idx").on(t.accountId, t.day)],
);
