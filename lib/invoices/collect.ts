import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import type { Pool } from "pg";
import { db, type Database, type Transaction } from "@/db/client";
import * as schema from "@/db/schema";
import { accounts, invoices, paymentMethods, payments, type Account } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import type { ActorContext } from "@/lib/authz/actor";
import { jobContext, jobs } from "@/lib/authz/job-context";
import { actorUserId } from "@/lib/authz/member-actor";
import { activateAfterPayment } from "@/lib/billing/activation";
import { billingContactEmails } from "@/lib/billing/contacts";
import { notifyIfBalanceLow, notifySuspended } from "@/lib/billing/low-balance";
import { accountBalanceMinor, appendLedgerEntry, lockAccountForBilling } from "@/lib/billing/ledger";
import { formatMoney } from "@/lib/billing/money";
import { invoicePaymentFailedMail } from "@/lib/mail/invoice-templates";
import { queueMail } from "@/lib/mail/outbox";
import { paymentProvider } from "@/lib/payments";
import type { ChargeOutcome } from "@/lib/payments/provider";
import { nextAttemptAt, scheduleInvoicePayment } from "./payment-schedule";

type Invoice = typeof invoices.$inferSelect;

export type CollectionResult =
  | { status: "paid"; fromCreditsMinor: number; chargedMinor: number }
  | { status: "failed"; reason: string; attempts: number; nextAttemptAt: Date | null; suspended: boolean }
  /** missing: no such invoice; settled: already paid or void; busy: another collection of it is under way; superseded: another collection recorded this attempt first. */
  | { status: "skipped"; reason: "missing" | "settled" | "busy" | "superseded" };

/** The background job's context: its events read "by the automatic payment collection". */
export const paymentCollectionContext = (): ActorContext => jobContext(jobs.paymentCollection.job, jobs.paymentCollection.label);

/**
 * Collects an open or failed invoice: credits first (an `invoice_payment` ledger debit of what the
 * balance covers), then the rest from the default card.
 *
 * The card charge is a network call, so it runs outside any transaction: one transaction takes the
 * credits and decides the charge, the charge runs, and a second transaction records its outcome
 * after re-checking that the invoice still waits for that very attempt. The charge's idempotency key
 * `invoice:<id>:attempt:<n>` makes a crash between charge and record safe: the job is retried with
 * the same n and the provider answers with the first charge instead of charging again. A session
 * advisory lock, held on this collection's own connection, keeps two collections of one invoice
 * (the job and a "Pay now", or two clicks) from running at once.
 *
 * A decline is not an error: it is recorded (attempts + 1, last error, status failed, a payments
 * row), billing contacts are mailed, and the next automatic attempt is scheduled; after the last
 * one the account is suspended. Errors (database, provider unreachable) are thrown so the job retries.
 *
 * `ctx` is who collects: the member who pressed "Pay now", or (by default) the collection job.
 */
export async function collectInvoicePayment(invoiceId: string, ctx: ActorContext = paymentCollectionContext()): Promise<CollectionResult> {
  const pool = (db as Database & { $client: Pool }).$client;
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    const lockKey = sql`hashtextextended(${`invoice-payment:${invoiceId}`}, 0)`;
    const session = drizzle(client, { schema, casing: "snake_case" });
    const [lock] = (await session.execute<{ locked: boolean }>(sql`select pg_try_advisory_lock(${lockKey}) as locked`)).rows;
    if (!lock?.locked) return { status: "skipped", reason: "busy" };
    try {
      return await collectLocked(session, invoiceId, ctx);
    } finally {
      await session.execute(sql`select pg_advisory_unlock(${lockKey})`).catch((error: Error) => (broken = error));
    }
  } finally {
    client.release(broken);
  }
}

/** Drizzle on this collection's own connection: its transactions run there, next to the advisory lock. */
type Session = Database;

interface PlannedCharge {
  invoice: Invoice;
  cardId: string;
  reusableToken: string;
  amountMinor: number;
  attempt: number;
  fromCreditsMinor: number;
}

async function collectLocked(session: Session, invoiceId: string, ctx: ActorContext): Promise<CollectionResult> {
  const planned = await session.transaction(async (tx): Promise<CollectionResult | PlannedCharge> => {
    const [found] = await tx.select({ accountId: invoices.accountId }).from(invoices).where(eq(invoices.id, invoiceId));
    // An invoice whose account was deleted is kept as a record but can no longer be collected.
    if (!found?.accountId) return { status: "skipped", reason: "missing" };
    const account = await lockAccountForBilling(tx, found.accountId);
    const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId)).for("update");
    if (!invoice) return { status: "skipped", reason: "missing" };
    if (invoice.status === "paid" || invoice.status === "void") return { status: "skipped", reason: "settled" };

    let fromCreditsMinor = invoice.paidFromCreditsMinor;
    let due = invoice.totalMinor - fromCreditsMinor;
    const balance = await accountBalanceMinor(account.id, tx);
    if (due > 0 && balance > 0) {
      const taken = Math.min(balance, due);
      await appendLedgerEntry(tx, {
        accountId: account.id,
        kind: "invoice_payment",
        amountMinor: -taken,
        currency: invoice.currency,
        description: `Invoice ${invoice.number}`,
        reference: { type: "invoice", id: invoice.id },
        createdById: actorUserId(ctx),
      });
      await tx.update(invoices).set({ paidFromCreditsMinor: sql`${invoices.paidFromCreditsMinor} + ${taken}` }).where(eq(invoices.id, invoice.id));
      await notifyIfBalanceLow(tx, account.id, balance, balance - taken);
      fromCreditsMinor += taken;
      due -= taken;
    }
    if (due <= 0) {
      await markPaid(tx, invoice, account, { attempts: invoice.paymentAttempts, fromCreditsMinor, chargedMinor: 0 }, ctx);
      return { status: "paid", fromCreditsMinor, chargedMinor: 0 };
    }

    const attempt = invoice.paymentAttempts + 1;
    const [card] = await tx
      .select({ id: paymentMethods.id, token: paymentMethods.providerToken })
      .from(paymentMethods)
      .where(and(eq(paymentMethods.accountId, account.id), eq(paymentMethods.isDefault, true)));
    if (!card) return recordFailure(tx, invoice, account, { attempt, due, reason: "There is no default card to charge." }, ctx);
    return { invoice, cardId: card.id, reusableToken: card.token, amountMinor: due, attempt, fromCreditsMinor };
  });
  if ("status" in planned) return planned;

  const { invoice, attempt } = planned;
  const outcome: ChargeOutcome = await paymentProvider().charge({
    reusableToken: planned.reusableToken,
    amountMinor: planned.amountMinor,
    currency: invoice.currency,
    idempotencyKey: `invoice:${invoice.id}:attempt:${attempt}`,
    description: `Invoice ${invoice.number}`,
  });

  return session.transaction(async (tx): Promise<CollectionResult> => {
    if (!invoice.accountId) return { status: "skipped", reason: "missing" };
    const account = await lockAccountForBilling(tx, invoice.accountId);
    const [current] = await tx.select().from(invoices).where(eq(invoices.id, invoice.id)).for("update");
    if (!current || current.status === "paid" || current.status === "void") return { status: "skipped", reason: "settled" };
    if (current.paymentAttempts !== attempt - 1) return { status: "skipped", reason: "superseded" };
    await tx.insert(payments).values({
      accountId: account.id,
      paymentMethodId: planned.cardId,
      invoiceId: invoice.id,
      purpose: "invoice",
      amountMinor: planned.amountMinor,
      currency: invoice.currency,
      status: outcome.status,
      providerReference: outcome.status === "succeeded" ? outcome.reference : null,
      failureCode: outcome.status === "failed" ? outcome.code : null,
      failureMessage: outcome.status === "failed" ? outcome.message : null,
    });
    if (outcome.status === "failed") return recordFailure(tx, current, account, { attempt, due: planned.amountMinor, reason: outcome.message }, ctx);
    await markPaid(tx, current, account, { attempts: attempt, fromCreditsMinor: planned.fromCreditsMinor, chargedMinor: planned.amountMinor }, ctx);
    return { status: "paid", fromCreditsMinor: planned.fromCreditsMinor, chargedMinor: planned.amountMinor };
  });
}

async function markPaid(tx: Transaction, invoice: Invoice, account: Account, paid: { attempts: number; fromCreditsMinor: number; chargedMinor: number }, ctx: ActorContext) {
  await tx.update(invoices).set({ status: "paid", paidAt: new Date(), paymentAttempts: paid.attempts, lastPaymentError: null }).where(eq(invoices.id, invoice.id));
  await recordAuditEvent(tx, ctx, {
    accountId: account.id,
    action: "invoice.paid",
    targetType: "invoice",
    targetId: invoice.id,
    metadata: { number: invoice.number, fromCreditsMinor: paid.fromCreditsMinor, chargedMinor: paid.chargedMinor, currency: invoice.currency },
  });
  await activateAfterPayment(tx, ctx, account.id);
}

async function recordFailure(
  tx: Transaction,
  invoice: Invoice,
  account: Account,
  failure: { attempt: number; due: number; reason: string },
  ctx: ActorContext,
): Promise<CollectionResult> {
  const next = nextAttemptAt(failure.attempt);
  await tx.update(invoices).set({ status: "failed", paymentAttempts: failure.attempt, lastPaymentError: failure.reason.slice(0, 500) }).where(eq(invoices.id, invoice.id));
  await recordAuditEvent(tx, ctx, {
    accountId: account.id,
    action: "invoice.payment_failed",
    targetType: "invoice",
    targetId: invoice.id,
    metadata: { number: invoice.number, attempt: failure.attempt, reason: failure.reason, dueMinor: failure.due },
  });
  let suspended = false;
  if (next) {
    await scheduleInvoicePayment(tx, invoice.id, next);
  } else {
    const changed = await tx
      .update(accounts)
      .set({ status: "suspended", updatedAt: new Date() })
      .where(and(eq(accounts.id, account.id), eq(accounts.status, "active")))
      .returning({ id: accounts.id });
    if (changed.length > 0) {
      suspended = true;
      // The rule suspends, not whoever made the last attempt: the event is the collection's.
      await recordAuditEvent(tx, paymentCollectionContext(), {
        accountId: account.id,
        action: "account.suspended",
        targetType: "account",
        targetId: account.id,
        metadata: { reason: "unpaid_invoice", invoice: invoice.number },
      });
      await notifySuspended(tx, account.id);
    }
  }
  const mail = { accountName: account.name, slug: account.slug, number: invoice.number, due: formatMoney(failure.due, invoice.currency), reason: failure.reason, nextAttemptAt: next, suspended };
  for (const to of await billingContactEmails(tx, account.id)) await queueMail(tx, invoicePaymentFailedMail(to, mail));
  return { status: "failed", reason: failure.reason, attempts: failure.attempt, nextAttemptAt: next, suspended };
}
