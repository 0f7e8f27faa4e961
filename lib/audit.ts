import "server-only";
import { auditEvents } from "@/db/schema";
import type { Executor } from "@/db/client";
import type { RequestInfo } from "./request-info";

export interface AuditEntry {
  accountId?: string | null;
  actor: { id: string; email: string } | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  metadata?: Record<string, unknown>;
  request?: RequestInfo;
}

/** Call inside the transaction that makes the change, so the event exists exactly when the change does. */
export async function recordAuditEvent(tx: Executor, entry: AuditEntry) {
  await tx.insert(auditEvents).values({
    accountId: entry.accountId ?? null,
    actorId: entry.actor?.id ?? null,
    actorEmail: entry.actor?.email ?? null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    metadata: entry.metadata ?? {},
    ip: entry.request?.ip ?? null,
    userAgent: entry.request?.userAgent ?? null,
  });
}
