import { sql } from "drizzle-orm";
import { bigserial, check, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { users } from "./users";

/** Who did what to what, when, from where. Written in the change's transaction; never edited. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    actorEmail: text("actor_email"),
    /** session | api_key | platform_key | job: how the change reached the console (null: before channels were recorded). */
    actorChannel: text("actor_channel"),
    /** The API key, platform key or job that acted, by id and by the name it had then ("ci-deploy", "monthly billing run"). */
    actorCredentialId: text("actor_credential_id"),
    actorLabel: text("actor_label"),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_events_account_created_idx").on(t.accountId, t.createdAt.desc(), t.id.desc()),
    index("audit_events_actor_idx").on(t.actorId),
    index("audit_events_account_action_created_idx").on(t.accountId, t.action, t.createdAt.desc()),
    check("audit_events_actor_channel", sql`${t.actorChannel} is null or ${t.actorChannel} in ('session', 'api_key', 'platform_key', 'job')`),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
