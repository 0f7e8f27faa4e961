import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, jsonb, numeric, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { metrics } from "./consumption";

const minor = (name: string) => bigint(name, { mode: "number" });

export const invoiceStatus = pgEnum("invoice_status", ["open", "paid", "failed", "void"]);

export interface PartySnapshot {
  name: string;
  lines: string[];
  taxId?: string;
  email?: string;
}

export const invoices = pgTable(
  "invoices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Null once the account is deleted: an issued invoice is an accounting record and outlives it (buyer keeps the snapshot). */
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "set null" }),
    /** Sequential without gaps across all invoices: taken from `invoice_counters` under a row lock. */
    number: text("number").notNull(),
    sequence: integer("sequence").notNull(),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    periodEnd: date("period_end", { mode: "string" }).notNull(),
    status: invoiceStatus("status").notNull().default("open"),
    currency: text("currency").notNull(),
    subtotalMinor: minor("subtotal_minor").notNull(),
    discountMinor: minor("discount_minor").notNull().default(0),
    taxRateBasisPoints: integer("tax_rate_basis_points").notNull(),
    taxMinor: minor("tax_minor").notNull(),
    totalMinor: minor("total_minor").notNull(),
    paidFromCreditsMinor: minor("paid_from_credits_minor").notNull().default(0),
    seller: jsonb("seller").$type<PartySnapshot>().notNull(),
    buyer: jsonb("buyer").$type<PartySnapshot>().notNull(),
    paymentAttempts: integer("payment_attempts").notNull().default(0),
    lastPaymentError: text("last_payment_error"),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    paidAt: timestamp("paid_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("invoices_number_key").on(t.number),
    uniqueIndex("invoices_sequence_key").on(t.sequence),
    // A billing run is idempotent: one invoice per account and period.
    uniqueIndex("invoices_account_period_key").on(t.accountId, t.periodStart),
    index("invoices_account_issued_idx").on(t.accountId, t.issuedAt.desc(), t.id.desc()),
    check("invoices_totals", sql`${t.totalMinor} = ${t.subtotalMinor} - ${t.discountMinor} + ${t.taxMinor} and ${t.totalMinor} >= 0`),
  ],
);

export const invoiceLines = pgTable(
  "invoice_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    metricId: text("metric_id").references(() => metrics.id, { onDelete: "restrict" }),
    description: text("description").notNull(),
    quantity: numeric("quantity", { precision: 20, scale: 6 }).notNull(),
    unit: text("unit").notNull(),
    unitPriceMicros: bigint("unit_price_micros", { mode: "number" }).notNull(),
    amountMinor: minor("amount_minor").notNull(),
  },
  (t) => [uniqueIndex("invoice_lines_position_key").on(t.invoiceId, t.position)],
);

/** One row per counter; locking it serializes numbering so numbers are gapless even under parallel runs. */
export const invoiceCounters = pgTable("invoice_counters", {
  id: text("id").primaryKey(),
  lastSequence: integer("last_sequence").notNull().default(0),
});
