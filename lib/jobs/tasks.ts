import "server-only";
import type { TaskList } from "graphile-worker";
import { z } from "zod";
import { pruneIdempotencyKeys } from "@/lib/api/idempotency";
import { collectInvoicePaymentTask, invoiceTaskPayloads, monthlyBillingRunTask } from "@/lib/invoices/jobs";
import { deliverMail } from "@/lib/mail/deliver";

/** Every background task by name, with the payload it takes (checked again when the job runs). */
const payloads = {
  deliver_mail: z.object({ mailId: z.uuid() }),
  ...invoiceTaskPayloads,
  prune_idempotency_keys: z.object({ _cron: z.object({ ts: z.string() }).optional() }),
};

export type TaskName = keyof typeof payloads;
export type TaskPayload<T extends TaskName> = z.input<(typeof payloads)[T]>;

/** What the workers run. A task that throws is retried by graphile-worker with exponential backoff. */
export const taskList = {
  deliver_mail: async (payload, { job }) => {
    const { mailId } = payloads.deliver_mail.parse(payload);
    await deliverMail(mailId, { lastAttempt: job.attempts >= job.max_attempts });
  },
  collect_invoice_payment: (payload) => collectInvoicePaymentTask(payload),
  monthly_billing_run: (payload) => monthlyBillingRunTask(payload),
  prune_idempotency_keys: async (payload) => {
    payloads.prune_idempotency_keys.parse(payload ?? {});
    await pruneIdempotencyKeys();
  },
} satisfies Record<TaskName, NonNullable<TaskList[string]>>;
