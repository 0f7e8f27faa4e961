import "server-only";
import type { AccountContext, MemberActor } from "@/lib/authz/actor";
import { ForbiddenError } from "@/lib/authz/can";
import { PublicError } from "@/lib/errors";

/**
 * Keys are managed by a person in the console: a member acting through a browser session. An API
 * key cannot make or revoke keys (a leaked key must not mint its own successors), nor can the
 * platform or a job act as a member here.
 */
export function sessionMember(ctx: AccountContext): MemberActor {
  if (ctx.actor.kind !== "member" || ctx.role === null) throw new ForbiddenError(null);
  if (ctx.actor.channel !== "session") throw new PublicError("session_required", "API keys are made and revoked in the console by a signed-in person, not through an API key.");
  return ctx.actor;
}

/** PostgreSQL's foreign_key_violation, optionally on a named constraint. */
export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const pgError = cause as { code?: string; constraint?: string };
  return pgError?.code === "23503" && (!constraint || pgError.constraint === constraint);
}
