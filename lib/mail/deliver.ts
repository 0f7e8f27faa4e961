import { sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { db } from "@/db/client";
import { config } from "@/lib/config";

const MAX_ATTEMPTS = 5;
let transporter: Transporter | undefined;

function smtp(): Transporter | undefined {
  const url = config().SMTP_URL;
  if (!url) return undefined;
  transporter ??= nodemailer.createTransport(url);
  return transporter;
}

/**
 * Sends pending mail, a batch at a time. Rows are claimed with SKIP LOCKED so several app instances
 * can deliver concurrently without sending a mail twice. A sent mail's body is erased: the links it
 * carried are secrets. Returns how many were sent.
 */
export async function deliverPendingMail(batchSize = 20): Promise<number> {
  const transport = smtp();
  if (!transport) return 0;
  let sent = 0;
  await db.transaction(async (tx) => {
    const pending = await tx.execute<{ id: string; to: string; subject: string; text: string; html: string | null; attempts: number }>(sql`
      select id, "to", subject, text, html, attempts from mail_outbox
      where status = 'pending' order by created_at limit ${batchSize} for update skip locked`);
    for (const mail of pending.rows) {
      try {
        await transport.sendMail({ from: config().MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? undefined });
        await tx.execute(sql`update mail_outbox set status = 'sent', sent_at = now(), attempts = attempts + 1,
          text = '', html = null, last_error = null where id = ${mail.id}`);
        sent += 1;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        console.error(`[mail] delivery to ${mail.to} failed: ${message}`);
        await tx.execute(sql`update mail_outbox set attempts = attempts + 1, last_error = ${message.slice(0, 500)},
          status = case when attempts + 1 >= ${MAX_ATTEMPTS} then 'failed'::mail_status else 'pending'::mail_status end
          where id = ${mail.id}`);
      }
    }
  });
  return sent;
}
