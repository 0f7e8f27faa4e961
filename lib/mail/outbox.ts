import "server-only";
import { mailOutbox } from "@/db/schema";
import type { Executor } from "@/db/client";
import { config } from "@/lib/config";
import { enqueueJob } from "@/lib/jobs/queue";

/** Attempts at delivering one mail; with graphile-worker's backoff (e^n seconds) ten span about 3.5 hours. */
export const MAIL_MAX_ATTEMPTS = 10;

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Writes a mail in the caller's transaction: it exists exactly when the change that causes it does.
 * Without SMTP it is kept for the dev outbox page; with SMTP a `deliver_mail` job, added in the same
 * transaction, sends it from a background worker.
 */
export async function queueMail(tx: Executor, message: MailMessage) {
  const smtp = Boolean(config().SMTP_URL);
  const [mail] = await tx.insert(mailOutbox).values({ ...message, status: smtp ? "pending" : "kept" }).returning({ id: mailOutbox.id });
  if (smtp) await enqueueJob(tx, "deliver_mail", { mailId: mail!.id }, { maxAttempts: MAIL_MAX_ATTEMPTS });
}
