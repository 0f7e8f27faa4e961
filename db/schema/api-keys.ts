import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { memberships } from "./memberships";
import { users } from "./users";

/**
 * A member's own key for one account. It belongs to the membership: removing the member, deleting
 * the user or the organization deletes the key with it (the composite foreign key), so a removed
 * member's key is dead on its next call. The secret itself is never stored: only its SHA-256, a
 * non-secret prefix and its last four characters, for recognizing it on screen.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id").notNull(),
    userId: uuid("user_id").notNull(),
    name: text("name").notNull(),
    /** The typed prefix and the first characters of the secret ("ock_4fTq"); safe to show. */
    displayPrefix: text("display_prefix").notNull(),
    last4: text("last4").notNull(),
    /** SHA-256 (hex) of the whole secret: the only way a request finds its key. */
    secretHash: text("secret_hash").notNull(),
    readOnly: boolean("read_only").notNull().default(false),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Written at most once a minute per key. */
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    lastUsedIp: text("last_used_ip"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedById: uuid("revoked_by_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    foreignKey({ name: "api_keys_membership_fk", columns: [t.accountId, t.userId], foreignColumns: [memberships.accountId, memberships.userId] }).onDelete("cascade"),
    uniqueIndex("api_keys_secret_hash_key").on(t.secretHash),
    index("api_keys_account_created_idx").on(t.accountId, t.createdAt.desc(), t.id.desc()),
    index("api_keys_user_idx").on(t.userId),
    uniqueIndex("api_keys_live_name_key").on(t.accountId, t.userId, sql`lower(${t.name})`).where(sql`${t.revokedAt} is null`),
    check("api_keys_name", sql`char_length(${t.name}) between 1 and 100`),
    check("api_keys_expiry_after_creation", sql`${t.expiresAt} is null or ${t.expiresAt} > ${t.createdAt}`),
  ],
);

export type ApiKey = typeof apiKeys.$inferSelect;

/**
 * The platform's own keys, made and revoked by an operator's command. They act across accounts
 * through their scopes, never through a role.
 */
export const platformKeys = pgTable(
  "platform_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    displayPrefix: text("display_prefix").notNull(),
    last4: text("last4").notNull(),
    secretHash: text("secret_hash").notNull(),
    scopes: text("scopes").array().notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    lastUsedIp: text("last_used_ip"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("platform_keys_secret_hash_key").on(t.secretHash),
    uniqueIndex("platform_keys_live_name_key").on(sql`lower(${t.name})`).where(sql`${t.revokedAt} is null`),
    check("platform_keys_name", sql`char_length(${t.name}) between 1 and 100`),
    check(
      "platform_keys_scopes",
      sql`cardinality(${t.scopes}) > 0 and ${t.scopes} <@ array['accounts:read','members:read','usage:read','usage:write','audit:read']::text[]`,
    ),
  ],
);

export type PlatformKey = typeof platformKeys.$inferSelect;
