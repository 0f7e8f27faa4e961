import "server-only";
/** Helpers for the invoice tests (not imported by the app). */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { billingProfiles, invoiceLines, invoices, mailOutbox } from "@/db/schema";
import type { AccountContext } from "@/lib/authz/account-context";
import { addPaymentMethod } from "@/lib/billing/payment-methods";
import { appendLedgerEntry } from "@/lib/billing/ledger";
import { upsertMetric } from "@/lib/consumption/metrics";
import { monthBounds } from "@/lib/consumption/months";
import { recordUsage } from "@/lib/consumption/usage";
import { tokenizeCard } from "@/lib/payments/sandbox/tokenize";
import {  } from "@/test/factories";
import { takeInvoiceNumber } from "./numbering";
import { sellerSnapshot, type BuyerSnapshot } from "./parties";
import { invoicePaymentJobKey } from "./payment-schedule";

/**
 * A month no other test file bills: the billing run takes every account with usage in the month,
 * and all test files share one database.
 */
const monthSpan = 700 * 12;
// A random start per test process, then consecutive months: never the same month twice in one
// process (one account's invoices would collide on its period), rarely across processes.
let nextMonthIndex = Number.parseInt(randomUUID().replace(/-/g, "").slice(0, 8), 16) % monthSpan;

export function uniqueMonth(): string {
  const n = nextMonthIndex;
  nextMonthIndex = (nextMonthIndex + 1) % monthSpan;
  return `${2200 + Math.floor(n / 12)}-${String(1 + (n % 12)).padStart(2, "0")}`;
}

/** A metric of this test file's own (metrics are global), with its price in millionths. */
export async function testMetric(name: string, unit: string, unitPriceMicros: number) {
  return upsertMetric({ id: `t-${randomUUID().slice(0, 8)}`, name, unit, unitPriceMicros });
}

export async function addUsage(accountId: string, metricId: string, quantity: string, month: string, day = 10) {
  const at = new Date(monthBounds(month).start.getTime() + (day - 1) * 86_400_000 + 3_600_000);
  await recordUsage(db, accountId, metricId, quantity, at);
}

export async function setBillingProfile(accountId: string, profile: { country: string; taxId?: string; legalName?: string; billingEmail?: string }) {
  await db.insert(billingProfiles).values({
    accountId,
    legalName: profile.legalName ?? "Buyer GmbH",
    addressLine1: "Hauptstraße 1",
    postalCode: "10115",
    city: "Berlin",
    country: profile.country,
    taxId: profile.taxId ?? "",
    billingEmail: profile.billingEmail ?? `billing-${randomUUID().slice(0, 8)}@example.test`,
  });
}

export async function addCredits(accountId: string, amountMinor: number) {
  await appendLedgerEntry(db, { accountId, kind: "top_up", amountMinor, currency: "EUR", description: "Test credits" });
}

/** Saves a sandbox test card ("4242424242424242" succeeds, "4000000000000002" is declined) through the payments module. */
export async function addCard(ctx: AccountContext, number: string) {
  const tokenized = tokenizeCard({ number, expMonth: "12", expYear: String(new Date().getUTCFullYear() + 3), cvc: "123", holderName: "Test Holder" });
  if (!tokenized.ok) throw new Error(`test card refused: ${JSON.stringify(tokenized.errors)}`);
  return addPaymentMethod(ctx, { token: tokenized.card.token });
}

/**
 * An open invoice of this total, numbered like the run numbers them but with no payment job: no
 * worker of another test file can collect it behind the test's back.
 */
export async function issueTestInvoice(accountId: string, totalMinor: number) {
  const testBuyer: BuyerSnapshot = { name: "Test buyer", lines: [], country: null, taxReason: "domestic" };
  return db.transaction(async (tx) => {
    const { sequence, number, issuedAt } = await takeInvoiceNumber(tx);
    const [invoice] = await tx
      .insert(invoices)
      .values({
        accountId,
        number,
        sequence,
        periodStart: `${uniqueMonth()}-01`,
        periodEnd: "2999-12-31",
        currency: "EUR",
        subtotalMinor: totalMinor,
        taxRateBasisPoints: 0,
        taxMinor: 0,
        totalMinor,
        seller: sellerSnapshot(),
        buyer: testBuyer,
        issuedAt,
      })
      .returning();
    await tx.insert(invoiceLines).values({ invoiceId: invoice!.id, position: 1, description: "Compute", quantity: "1", unit: "unit", unitPriceMicros: totalMinor * 10_000, amountMinor: totalMinor });
    return invoice!;
  });
}

export async function invoiceById(id: string) {
  const [invoice] = await db.select().from(invoices).where(eq(invoices.id, id));
  return invoice!;
}

export async function mailsTo(to: string) {
  return db.select().from(mailOutbox).where(eq(mailOutbox.to, to.toLowerCase()));
}

export async function paymentJob(invoiceId: string) {
  const result = await db.execute<{ id: string; run_at: string; attempts: number }>(
    sql`select id, run_at, attempts from graphile_worker._private_jobs where key = ${invoicePaymentJobKey(invoiceId)}`,
  );
  return result.rows[0] ?? null;
}

/** Deletes the payment jobs of these invoices, so that no worker (of another test file) collects them later. */
export async function dropPaymentJobs(invoiceIds: string[]) {
  if (invoiceIds.length === 0) return;
  await db.execute(sql`delete from graphile_worker._private_jobs where key = any(${sql.param(invoiceIds.map(invoicePaymentJobKey))}::text[])`);
}
