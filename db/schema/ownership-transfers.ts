import { sql } from "drizzle-orm";
import { check, pgEnum, pgTable, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { users } from "./users";

export const transferStatus = pgEnum("ownership_transfer_status", ["pending", "accepted", "declined", "cancelled"]);

/** An owner offers ownership; the recipient must accept. At most one open offer per organization. */
export const ownershipTransfers = pgTable(
  "ownership_transfers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    fromUserId: uuid("from_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    toUserId: uuid("to_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: transferStatus("status").notNull().default("pending"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("ownership_transfers_open_key").on(t.accountId).where(sql`${t.status} = 'pending'`),
    check("ownership_transfers_not_to_self", sql`${t.fromUserId} <> ${t.toUserId}`),
  ],
);

export type OwnershipTransfer = typeof ownershipTransfers.$inferSelect;
