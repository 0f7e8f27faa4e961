import "server-only";
import { and } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { AccountContext } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/can";
import type { AuditLogFilters } from "./filters";
import { auditLogColumns, beyond, matching, newestFirst, type AuditLogEntry } from "./queries";

/**
 * The account's audit events that match the audit log screen's filters, newest first, a page of
 * `limit` older than the event with id `olderThan`: the screen's own filter and keyset conditions
 * (matching, beyond), one query on audit_events_account_created_idx.
 */
export async function listAuditEventsOlderThan(ctx: AccountContext, filters: AuditLogFilters, query: { limit: number; olderThan: number | null }): Promise<{ events: AuditLogEntry[]; more: boolean }> {
  assertCan(ctx, "audit.view");
  const accountId = ctx.account.id;
  const rows = await db
    .select(auditLogColumns)
    .from(auditEvents)
    .where(query.olderThan === null ? matching(accountId, filters) : and(matching(accountId, filters), beyond(accountId, { direction: "older", eventId: query.olderThan })))
    .orderBy(...newestFirst)
    .limit(query.limit + 1);
  return { events: rows.slice(0, query.limit), more: rows.length > query.limit };
}
