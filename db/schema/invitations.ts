import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { role } from "./memberships";
import { users } from "./users";

/** `expired` is not stored: a pending invitation past `expires_at` is expired. */
export const invitationStatus = pgEnum("invitation_status", ["pending", "accepted", "declined", "revoked", "dismissed"]);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: role("role").notNull(),
    invitedById: uuid("invited_by_id").references(() => users.id, { onDelete: "set null" }),
    /** SHA-256 of the secret in the mailed link; a resend replaces it, killing the old link. */
    tokenHash: text("token_hash").notNull(),
    status: invitationStatus("status").notNull().default("pending"),
    sendCount: integer("send_count").notNull().default(1),
    lastSentAt: timestamp("last_sent_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    respondedById: uuid("responded_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_key").on(t.tokenHash),
    // One open invitation per address and organization; accepted or revoked ones may be many.
    uniqueIndex("invitations_open_email_key").on(t.accountId, sql`lower(${t.email})`).where(sql`${t.status} = 'pending'`),
    index("invitations_account_created_idx").on(t.accountId, t.createdAt.desc()),
    index("invitations_email_pending_idx").on(sql`lower(${t.email})`).where(sql`${t.status} = 'pending'`),
    check("invitations_email_lower", sql`${t.email} = lower(${t.email})`),
    check("invitations_no_owner_invites", sql`${t.role} <> 'owner'`),
  ],
);

export type Invitation = typeof invitations.$inferSelect;
