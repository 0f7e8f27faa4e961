import { mailOutbox } from "@/db/schema";
import type { Executor } from "@/db/client";
import { config } from "@/lib/config";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Writes a mail in the caller's transaction: it exists exactly when the change that causes it does.
 * Without SMTP it is kept for the dev outbox page; with SMTP `deliverPendingMail` sends it.
 */
export async function queueMail(tx: Executor, message: MailMessage) {
  await tx.insert(mailOutbox).values({ ...message, status: config().SMTP_URL ? "pending" : "kept" });
}
