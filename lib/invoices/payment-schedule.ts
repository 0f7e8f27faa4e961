import "server-only";
import type { Executor } from "@/db/client";
import { enqueueJob } from "@/lib/jobs/queue";

/** Attempts (automatic or "Pay now") before the account is suspended and automatic retries stop. */
export const MAX_PAYMENT_ATTEMPTS = 3;

const DAY_MS = 86_400_000;
/** After failed attempt n (1-based), the next automatic one runs this long after it. */
const RETRY_DELAYS_MS = [1 * DAY_MS, 3 * DAY_MS];

/** When the automatic attempt after `failedAttempts` failures runs; null once attempts are exhausted. */
export function nextAttemptAt(failedAttempts: number, now: Date = new Date()): Date | null {
  if (failedAttempts >= MAX_PAYMENT_ATTEMPTS) return null;
  const delay = RETRY_DELAYS_MS[failedAttempts - 1] ?? RETRY_DELAYS_MS[RETRY_DELAYS_MS.length - 1]!;
  return new Date(now.getTime() + delay);
}

/** One pending collection job per invoice: a new one (a retry, "Pay now") replaces a waiting one. */
export const invoicePaymentJobKey = (invoiceId: string) => `invoice-payment:${invoiceId}`;

/**
 * Queues the `collect_invoice_payment` job in the caller's transaction. Its graphile-worker retries
 * cover crashes and lost connections (the charge's idempotency key makes those safe); a declined
 * card is not an error, it is recorded and rescheduled here with `runAt`.
 */
export async function scheduleInvoicePayment(tx: Executor, invoiceId: string, runAt?: Date) {
  return enqueueJob(tx, "collect_invoice_payment", { invoiceId }, { jobKey: invoicePaymentJobKey(invoiceId), runAt, maxAttempts: 10 });
}
