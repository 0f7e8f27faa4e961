import "server-only";
import { auditEvents } from "@/db/schema";
import type { Executor } from "@/db/client";
import type { Actor, ActorContext } from "./authz/actor";

export interface AuditEventInput {
  action: string;
  targetType: string;
  targetId?: string | null;
  metadata?: Record<string, unknown>;
  /** The account the event belongs to; defaults to the context's account (a user-level context has none: pass the personal space). */
  accountId?: string | null;
}

/** The columns that say who acted and through which channel, from the context's actor. */
export function actorColumns(actor: Actor) {
  switch (actor.kind) {
    case "member":
      return {
        actorId: actor.userId,
        actorEmail: actor.email,
        actorChannel: actor.channel,
        actorCredentialId: actor.apiKey?.id ?? null,
        actorLabel: actor.apiKey?.name ?? null,
      };
    case "platform":
      return { actorId: null, actorEmail: null, actorChannel: actor.channel, actorCredentialId: actor.platformKey.id, actorLabel: actor.platformKey.name };
    case "system":
      return { actorId: null, actorEmail: null, actorChannel: actor.channel, actorCredentialId: actor.job, actorLabel: actor.label };
  }
}

/**
 * Call inside the transaction that makes the change, so the event exists exactly when the change
 * does. Who acted, through which channel and from where all come from the context.
 */
export async function recordAuditEvent(tx: Executor, ctx: ActorContext & { account?: { id: string } }, event: AuditEventInput) {
  await tx.insert(auditEvents).values({
    accountId: event.accountId !== undefined ? event.accountId : (ctx.account?.id ?? null),
    ...actorColumns(ctx.actor),
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId ?? null,
    metadata: event.metadata ?? {},
    ip: ctx.request.ip,
    userAgent: ctx.request.userAgent,
  });
}
