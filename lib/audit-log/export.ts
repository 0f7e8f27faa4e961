import "server-only";
import { and } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { assertCan } from "@/lib/authz/can";
import type { AccountContext } from "@/lib/authz/account-context";
import { actionLabel } from "./action-labels";
import { actorPhrase } from "./actors";
import { csvRow } from "./csv";
import type { AuditLogFilters } from "./filters";
import { auditLogColumns, beyond, matching, newestFirst, type AuditLogEntry } from "./queries";

/** The columns up to user_agent are the original export's; who acted and how follow (channel, key or job, and the phrase the screen shows). */
const header = ["time_utc", "actor_email", "action", "action_label", "target_type", "target_id", "details", "ip", "user_agent", "actor_channel", "actor_credential_id", "actor_label", "actor"];

function toRow(event: AuditLogEntry): string {
  return csvRow([
    event.createdAt.toISOString(),
    event.actorEmail,
    event.action,
    actionLabel(event.action),
    event.targetType,
    event.targetId,
    Object.keys(event.metadata).length ? JSON.stringify(event.metadata) : "",
    event.ip,
    event.userAgent,
    event.actorChannel,
    event.actorCredentialId,
    event.actorLabel,
    actorPhrase(event),
  ]);
}

/**
 * Every event of the account that matches the filters, newest first, as CSV. Reads in keyset
 * batches as the consumer pulls, so a large log is never held in memory.
 */
export function auditLogCsvStream(ctx: AccountContext, filters: AuditLogFilters, { batchSize = 1000 } = {}): ReadableStream<Uint8Array> {
  assertCan(ctx, "audit.view");
  const accountId = ctx.account.id;
  const encoder = new TextEncoder();
  let lastId: number | null = null;
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(header)));
    },
    async pull(controller) {
      if (done) return;
      const where = lastId === null ? matching(accountId, filters) : and(matching(accountId, filters), beyond(accountId, { direction: "older", eventId: lastId }));
      const rows = await db.select(auditLogColumns).from(auditEvents).where(where).orderBy(...newestFirst).limit(batchSize);
      if (rows.length > 0) controller.enqueue(encoder.encode(rows.map(toRow).join("")));
      lastId = rows[rows.length - 1]?.id ?? lastId;
      if (rows.length < batchSize) {
        done = true;
        controller.close();
      }
    },
  });
}
