import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The first answer to a POST sent with an `Idempotency-Key`, kept 24 hours per credential (API key
 * or platform key id) and key. A retry with the same key and the same request gets this answer;
 * with a different request it is refused. `status` is null while the first request is in flight.
 */
export const apiIdempotencyKeys = pgTable(
  "api_idempotency_keys",
  {
    credentialId: text("credential_id").notNull(),
    key: text("key").notNull(),
    method: text("method").notNull(),
    path: text("path").notNull(),
    /** SHA-256 of the request body, so a reused key with another body is caught. */
    requestHash: text("request_hash").notNull(),
    status: integer("status"),
    responseBody: jsonb("response_body"),
    responseHeaders: jsonb("response_headers").$type<Record<string, string>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.credentialId, t.key] }),
    index("api_idempotency_keys_created_idx").on(t.createdAt),
    check("api_idempotency_keys_key", sql`char_length(${t.key}) between 1 and 255`),
  ],
);
