import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const mailStatus = pgEnum("mail_status", ["pending", "sent", "failed", "kept"]);

/** Every mail is written here in the transaction that causes it, then delivered (or kept, without SMTP). */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    status: mailStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("mail_outbox_status_created_idx").on(t.status, t.createdAt), index("mail_outbox_created_idx").on(t.createdAt)],
);

export type OutboxMail = typeof mailOutbox.$inferSelect;
