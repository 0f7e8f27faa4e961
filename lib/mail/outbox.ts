import { mailOutbox } from "@/db/schema";
import type { Executor } from "@/db/client";
import { after } from "next/server";
import { config } from "@/lib/config";
import { deliverPendingMail } from "./deliver";

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
  const smtp = Boolean(config().SMTP_URL);
  await tx.insert(mailOutbox).values({ ...message, status: smtp ? "pending" : "kept" });
  if (smtp) deliverAfterResponse();
}

/** Inside a request, deliver once the response is sent (the transaction has committed by then). */
function deliverAfterResponse() {
  try {
    after(() => deliverPendingMail());
  } catch {
    // Outside a request (scripts, tests) the caller delivers explicitly.
  }
}
