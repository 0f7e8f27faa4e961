import { z } from "zod";
import { monthToBill, runBillingForMonth } from "./billing-run";
import { collectInvoicePayment } from "./collect";

/** The invoice tasks' payloads, merged into lib/jobs/tasks.ts. */
export const invoiceTaskPayloads = {
  collect_invoice_payment: z.object({ invoiceId: z.uuid() }),
  /** `month` for a run queued by hand; cron jobs carry `_cron.ts`, the time they were scheduled for. */
  monthly_billing_run: z.object({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
      .optional(),
    _cron: z.object({ ts: z.string() }).optional(),
  }),
};

/**
 * On the 1st of each month at 02:00 UTC, bill the month that just ended. `fill=2d`: an instance that
 * starts within two days of a missed slot (everything was down) still queues it. graphile-worker
 * makes sure one job is queued per slot however many instances run.
 */
export const billingCrontab = "0 2 1 * * monthly_billing_run ?fill=2d&max=10";

export async function collectInvoicePaymentTask(payload: unknown) {
  const { invoiceId } = invoiceTaskPayloads.collect_invoice_payment.parse(payload);
  // A skipped collection (paid meanwhile, or a "Pay now" under way that records its own outcome) is done.
  await collectInvoicePayment(invoiceId);
}

/** Throws when some accounts failed, so graphile-worker retries the run; accounts already invoiced are skipped then. */
export async function monthlyBillingRunTask(payload: unknown) {
  const { month, _cron } = invoiceTaskPayloads.monthly_billing_run.parse(payload ?? {});
  const target = month ?? monthToBill(_cron ? new Date(_cron.ts) : new Date());
  const summary = await runBillingForMonth(target);
  console.log(`[billing] ${target}: ${summary.issued.length} invoice(s) issued, ${summary.alreadyInvoiced} already invoiced, ${summary.failed.length} failed`);
  if (summary.failed.length > 0) throw new Error(`the billing run for ${target} failed for ${summary.failed.length} account(s); it will be retried`);
}
