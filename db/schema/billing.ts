import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { invoices } from "./invoices";
import { users } from "./users";

/** Money is always an integer number of minor units (cents) with its ISO currency, never a float. */
const minor = (name: string) => bigint(name, { mode: "number" });

export const billingProfiles = pgTable(
  "billing_profiles",
  {
    accountId: uuid("account_id")
      .primaryKey()
      .references(() => accounts.id, { onDelete: "cascade" }),
    legalName: text("legal_name").notNull(),
    addressLine1: text("address_line1").notNull(),
    addressLine2: text("address_line2").notNull().default(""),
    postalCode: text("postal_code").notNull(),
    city: text("city").notNull(),
    region: text("region").notNull().default(""),
    country: text("country").notNull(),
    taxId: text("tax_id").notNull().default(""),
    billingEmail: text("billing_email").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("billing_profiles_country", sql`${t.country} ~ '^[A-Z]{2}$'`)],
);

/** A card as the console knows it: the provider's reusable token and what may be shown. Never the number or CVC. */
export const paymentMethods = pgTable(
  "payment_methods",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    providerToken: text("provider_token").notNull(),
    holderName: text("holder_name").notNull(),
    brand: text("brand").notNull(),
    last4: text("last4").notNull(),
    expMonth: smallint("exp_month").notNull(),
    expYear: smallint("exp_year").notNull(),
    isDefault: boolean("is_default").notNull().default(false),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("payment_methods_account_idx").on(t.accountId),
    uniqueIndex("payment_methods_one_default").on(t.accountId).where(sql`${t.isDefault}`),
    uniqueIndex("payment_methods_provider_token_key").on(t.provider, t.providerToken),
    check("payment_methods_last4", sql`${t.last4} ~ '^[0-9]{4}$'`),
    check("payment_methods_exp_month", sql`${t.expMonth} between 1 and 12`),
  ],
);

export const ledgerEntryKind = pgEnum("ledger_entry_kind", ["top_up", "coupon_grant", "invoice_payment", "adjustment"]);

/** The account's credit balance is the sum of this append-only ledger. Credits are positive, debits negative. */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Null once the account is deleted: accounting records outlive it. */
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "set null" }),
    kind: ledgerEntryKind("kind").notNull(),
    amountMinor: minor("amount_minor").notNull(),
    currency: text("currency").notNull(),
    description: text("description").notNull(),
    referenceType: text("reference_type"),
    referenceId: text("reference_id"),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("ledger_entries_account_created_idx").on(t.accountId, t.createdAt.desc(), t.id.desc()),
    check("ledger_entries_nonzero", sql`${t.amountMinor} <> 0`),
    check("ledger_entries_currency", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

export const paymentStatus = pgEnum("payment_status", ["succeeded", "failed"]);

/** Every attempt to take money from a card, successful or not. */
export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Null once the account is deleted: accounting records outlive it. */
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "set null" }),
    paymentMethodId: uuid("payment_method_id").references(() => paymentMethods.id, { onDelete: "set null" }),
    invoiceId: uuid("invoice_id").references(() => invoices.id, { onDelete: "set null" }),
    purpose: text("purpose").notNull(),
    amountMinor: minor("amount_minor").notNull(),
    currency: text("currency").notNull(),
    status: paymentStatus("status").notNull(),
    providerReference: text("provider_reference"),
    failureCode: text("failure_code"),
    failureMessage: text("failure_message"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("payments_account_created_idx").on(t.accountId, t.createdAt.desc()), check("payments_positive", sql`${t.amountMinor} > 0`)],
);

export const couponKind = pgEnum("coupon_kind", ["credit", "percent"]);

export const coupons = pgTable(
  "coupons",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    kind: couponKind("kind").notNull(),
    /** For credit coupons: the amount granted. */
    amountMinor: minor("amount_minor"),
    currency: text("currency"),
    /** For percent coupons: the discount, on the next `invoiceCount` invoices. */
    percentOff: smallint("percent_off"),
    invoiceCount: smallint("invoice_count"),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    maxRedemptions: integer("max_redemptions"),
    redemptionCount: integer("redemption_count").notNull().default(0),
    /** A person may redeem it for one account only (a credit coupon is not a free top-up per new organization). */
    oncePerUser: boolean("once_per_user").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("coupons_code_key").on(sql`upper(${t.code})`),
    check(
      "coupons_kind_fields",
      sql`(${t.kind} = 'credit' and ${t.amountMinor} > 0 and ${t.currency} is not null and ${t.percentOff} is null)
       or (${t.kind} = 'percent' and ${t.percentOff} between 1 and 100 and ${t.invoiceCount} >= 1 and ${t.amountMinor} is null)`,
    ),
    check("coupons_redemptions", sql`${t.maxRedemptions} is null or ${t.redemptionCount} <= ${t.maxRedemptions}`),
  ],
);

export const couponRedemptions = pgTable(
  "coupon_redemptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    couponId: uuid("coupon_id")
      .notNull()
      .references(() => coupons.id, { onDelete: "restrict" }),
    /** Kept (detached) when the account is deleted, so a once-per-user coupon stays used. */
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "set null" }),
    redeemedById: uuid("redeemed_by_id").references(() => users.id, { onDelete: "set null" }),
    /** Percent coupons: invoices still to discount. */
    invoicesRemaining: smallint("invoices_remaining").notNull().default(0),
    redeemedAt: timestamp("redeemed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("coupon_redemptions_once_per_account").on(t.couponId, t.accountId),
    index("coupon_redemptions_coupon_user_idx").on(t.couponId, t.redeemedById),
    check("coupon_redemptions_remaining", sql`${t.invoicesRemaining} >= 0`),
  ],
);
