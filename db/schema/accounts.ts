import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./users";

export const accountKind = pgEnum("account_kind", ["personal", "organization"]);
export const accountStatus = pgEnum("account_status", ["active", "suspended"]);

/** A personal space or an organization: one table, one code path. */
export const accounts = pgTable(
  "accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: accountKind("kind").notNull(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    description: text("description").notNull().default(""),
    isCompany: boolean("is_company").notNull().default(false),
    status: accountStatus("status").notNull(),
    /** Set for personal spaces only: the user the space belongs to (and goes with). */
    personalOwnerId: uuid("personal_owner_id").references(() => users.id, { onDelete: "cascade" }),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("accounts_slug_key").on(t.slug),
    uniqueIndex("accounts_personal_owner_key").on(t.personalOwnerId),
    check("accounts_personal_owner_matches_kind", sql`(${t.kind} = 'personal') = (${t.personalOwnerId} is not null)`),
    check("accounts_slug_format", sql`${t.slug} ~ '^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$'`),
    check("accounts_name_length", sql`char_length(${t.name}) between 1 and 80`),
    check("accounts_description_length", sql`char_length(${t.description}) <= 500`),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

export const accountLogos = pgTable(
  "account_logos",
  {
    accountId: uuid("account_id")
      .primaryKey()
      .references(() => accounts.id, { onDelete: "cascade" }),
    contentType: text("content_type").notNull(),
    data: bytea("data").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("account_logos_type", sql`${t.contentType} in ('image/png', 'image/jpeg', 'image/webp', 'image/gif')`),
    check("account_logos_size", sql`octet_length(${t.data}) <= 524288`),
  ],
);

export type Account = typeof accounts.$inferSelect;
export type AccountKind = (typeof accountKind.enumValues)[number];
export type AccountStatus = (typeof accountStatus.enumValues)[number];

