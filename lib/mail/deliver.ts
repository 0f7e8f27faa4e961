import "server-only";
import { eq, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { db } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { config } from "@/lib/config";

let transport: { url: string; transporter: Transporter } | undefined;

function smtp(): Transporter {
  const url = config().SMTP_URL;
  if (!url) throw new Error("SMTP_URL is not set: this instance cannot deliver mail");
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  return transport.transporter;
}

/**
 * Sends one outbox mail (the `deliver_mail` job). The row stays locked while it is sent, so the
 * same mail is never sent twice at once, and a mail no longer pending (already sent) is skipped. A
 * sent mail's body is erased: the links it carried are secrets. A failure is recorded on the row and
 * thrown, so that the job is retried; after the last attempt the row is marked `failed`.
 */
export async function deliverMail(mailId: string, { lastAttempt = false }: { lastAttempt?: boolean } = {}): Promise<void> {
  const failure = await db.transaction(async (tx) => {
    const [mail] = await tx.select().from(mailOutbox).where(eq(mailOutbox.id, mailId)).for("update");
    if (!mail || mail.status !== "pending") return undefined;
    try {
      await smtp().sendMail({ from: config().MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? undefined });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await tx
        .update(mailOutbox)
        .set({ attempts: sql`${mailOutbox.attempts} + 1`, lastError: message.slice(0, 500), status: lastAttempt ? "failed" : "pending" })
        .where(eq(mailOutbox.id, mailId));
      return { error };
    }
    await tx
      .update(mailOutbox)
      .set({ status: "sent", sentAt: sql`now()`, attempts: sql`${mailOutbox.attempts} + 1`, text: "", html: null, lastError: null })
      .where(eq(mailOutbox.id, mailId));
    return undefined;
  });
  if (failure) throw failure.error;
}
