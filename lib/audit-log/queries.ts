import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents, type AuditEvent } from "@/db/schema";
import { assertCan } from "@/lib/authz/can";
import type { AccountContext } from "@/lib/authz/account-context";
import type { AuditChannel } from "./actors";
import type { AuditLogCursor, AuditLogFilters } from "./filters";

export const auditLogPageSize = 50;

/** Every column but the account id, which the caller already knows. */
export const auditLogColumns = {
  id: auditEvents.id,
  createdAt: auditEvents.createdAt,
  actorId: auditEvents.actorId,
  actorEmail: auditEvents.actorEmail,
  actorChannel: auditEvents.actorChannel,
  actorCredentialId: auditEvents.actorCredentialId,
  actorLabel: auditEvents.actorLabel,
  action: auditEvents.action,
  targetType: auditEvents.targetType,
  targetId: auditEvents.targetId,
  metadata: auditEvents.metadata,
  ip: auditEvents.ip,
  userAgent: auditEvents.userAgent,
};

export type AuditLogEntry = Omit<AuditEvent, "accountId">;

export interface AuditLogPage {
  events: AuditLogEntry[];
  /** Cursors for the "Newer" and "Older" links; null when there is nothing that way. */
  newer: AuditLogCursor | null;
  older: AuditLogCursor | null;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Events through one channel. Events written before channels were recorded count as the console
 * (with an actor email) or as the console's own jobs (without one), as the log shows them.
 */
function channelIs(channel: AuditChannel): SQL {
  if (channel === "session") return sql`(${auditEvents.actorChannel} = 'session' or (${auditEvents.actorChannel} is null and ${auditEvents.actorEmail} is not null))`;
  if (channel === "job") return sql`(${auditEvents.actorChannel} = 'job' or (${auditEvents.actorChannel} is null and ${auditEvents.actorEmail} is null))`;
  return eq(auditEvents.actorChannel, channel);
}

/** The account's events that match the filters. Days are whole UTC days, both ends included. */
export function matching(accountId: string, filters: AuditLogFilters): SQL {
  const conditions: SQL[] = [eq(auditEvents.accountId, accountId)];
  if (filters.actor) conditions.push(sql`lower(${auditEvents.actorEmail}) like ${`${escapeLike(filters.actor)}%`}`);
  if (filters.action) conditions.push(eq(auditEvents.action, filters.action));
  if (filters.from) conditions.push(sql`${auditEvents.createdAt} >= (${filters.from}::date)::timestamp at time zone 'UTC'`);
  if (filters.to) conditions.push(sql`${auditEvents.createdAt} < (${filters.to}::date + 1)::timestamp at time zone 'UTC'`);
  if (filters.channel) conditions.push(channelIs(filters.channel));
  return and(...conditions)!;
}

/**
 * Events strictly older (or newer) than the event with this id, in (created_at, id) order. The id
 * is looked up within the account, so a cursor from another account matches nothing.
 */
export function beyond(accountId: string, cursor: AuditLogCursor): SQL {
  const operator = cursor.direction === "older" ? sql.raw("<") : sql.raw(">");
  return sql`(${auditEvents.createdAt}, ${auditEvents.id}) ${operator} (select p.created_at, p.id from ${auditEvents} p where p.id = ${cursor.eventId} and p.account_id = ${accountId})`;
}

// NULLS LAST / FIRST as in audit_events_account_created_idx: PostgreSQL reads that index for the order only on an exact match.
export const newestFirst = [sql`${auditEvents.createdAt} desc nulls last`, sql`${auditEvents.id} desc nulls last`];
const oldestFirst = [sql`${auditEvents.createdAt} asc nulls first`, sql`${auditEvents.id} asc nulls first`];

/** One page of the account's audit log, newest first: at most two queries whatever the log's size. */
export async function listAuditEvents(ctx: AccountContext, filters: AuditLogFilters, cursor: AuditLogCursor | null = null): Promise<AuditLogPage> {
  assertCan(ctx, "audit.view");
  const accountId = ctx.account.id;
  const where = cursor ? and(matching(accountId, filters), beyond(accountId, cursor)) : matching(accountId, filters);
  const rows = await db
    .select(auditLogColumns)
    .from(auditEvents)
    .where(where)
    .orderBy(...(cursor?.direction === "newer" ? oldestFirst : newestFirst))
    .limit(auditLogPageSize + 1);
  const more = rows.length > auditLogPageSize;
  const page = rows.slice(0, auditLogPageSize);
  if (cursor?.direction === "newer") page.reverse();
  const newest = page[0];
  const oldest = page[page.length - 1];
  if (!newest || !oldest) return { events: [], newer: null, older: null };

  const toNewer: AuditLogCursor = { direction: "newer", eventId: newest.id };
  const toOlder: AuditLogCursor = { direction: "older", eventId: oldest.id };
  if (!cursor) return { events: page, newer: null, older: more ? toOlder : null };
  const otherWay = cursor.direction === "older" ? toNewer : toOlder;
  const [other] = await db
    .select({ exists: sql<boolean>`true` })
    .from(auditEvents)
    .where(and(matching(accountId, filters), beyond(accountId, otherWay)))
    .limit(1);
  return cursor.direction === "older"
    ? { events: page, newer: other ? toNewer : null, older: more ? toOlder : null }
    : { events: page, newer: more ? toNewer : null, older: other ? toOlder : null };
}

/** The distinct actions recorded for the account, for the filter's select; a loose index scan, fast on large logs. */
export async function listAuditActions(ctx: AccountContext): Promise<string[]> {
  assertCan(ctx, "audit.view");
  const result = await db.execute<{ action: string }>(sql`
    with recursive found(action) as (
      (select action from ${auditEvents} where account_id = ${ctx.account.id} order by action limit 1)
      union all
      select (select e.action from ${auditEvents} e where e.account_id = ${ctx.account.id} and e.action > found.action order by e.action limit 1)
      from found where found.action is not null
    )
    select action from found where action is not null`);
  return result.rows.map((row) => row.action);
}
