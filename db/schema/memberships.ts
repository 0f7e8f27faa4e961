import { index, pgEnum, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { users } from "./users";

export const role = pgEnum("role", ["owner", "admin", "billing", "developer", "member"]);

export const memberships = pgTable(
  "memberships",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: role("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.userId] }),
    index("memberships_user_idx").on(t.userId),
    index("memberships_account_role_idx").on(t.accountId, t.role),
    // Newest members first, ties by user id: the keyset order of the members API, read straight
    // from the index (a page costs the same at 10 or 10,000 members, even when they joined together).
    index("memberships_account_created_user_idx").on(t.accountId, t.createdAt, t.userId),
  ],
);

export type Membership = typeof memberships.$inferSelect;
