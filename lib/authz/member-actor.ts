import type { RequestInfo } from "@/lib/request-info";
import { PublicError } from "@/lib/errors";
import type { AccountContext, ActorContext, MemberAccountContext, MemberActor } from "./actor";
import { ForbiddenError } from "./can";

/** A person signed in through a browser session: the session resolver's actor. */
export type SessionActor = MemberActor & { channel: "session"; sessionId: string };

export interface SessionActorContext extends ActorContext {
  actor: SessionActor;
}

export interface SessionAccountContext extends MemberAccountContext {
  actor: SessionActor;
}

/** The member actor of a person acting through a browser: signed in (with the session's id) or signing in, up, or resetting. */
export function sessionActor(user: { id: string; email: string; name: string | null }, sessionId: string): SessionActor;
export function sessionActor(user: { id: string; email: string; name: string | null }, sessionId?: string): MemberActor;
export function sessionActor(user: { id: string; email: string; name: string | null }, sessionId?: string): MemberActor {
  return { kind: "member", channel: "session", userId: user.id, email: user.email, name: user.name, ...(sessionId ? { sessionId } : {}) };
}

/**
 * The context of a person's own event before (or without) an account context: signing up, in or
 * out, confirming an address, resetting a password. Channel "session", from this request.
 */
export function personContext(user: { id: string; email: string; name: string | null }, request: RequestInfo, sessionId?: string): ActorContext {
  return { actor: sessionActor(user, sessionId), request };
}

/**
 * The person behind the context, for what only a person does (leaving, offering ownership, creating
 * an organization, answering an invitation, their own profile): the platform and the system are
 * refused with a ForbiddenError, and so is a read-only API key for a write.
 */
export function actingMember(ctx: ActorContext, access: "read" | "write" = "write"): MemberActor {
  const { actor } = ctx;
  if (actor.kind !== "member") throw new ForbiddenError(null);
  if (access === "write" && actor.apiKey?.readOnly) throw new ForbiddenError(null, "read_only_key");
  return actor;
}

/**
 * What only a person signed in to the console may do (making and revoking API keys): a member
 * acting through a browser session. An API key cannot make or revoke keys (a leaked key must not
 * mint its own successors), nor can the platform or a job act as a member here.
 */
export function sessionMember(ctx: AccountContext): MemberActor {
  if (ctx.actor.kind !== "member" || ctx.role === null) throw new ForbiddenError(null);
  if (ctx.actor.channel !== "session") throw new PublicError("session_required", "API keys are made and revoked in the console by a signed-in person, not through an API key.");
  return ctx.actor;
}

/** The user who acts, for `created_by` columns: null for the platform and the system. */
export function actorUserId(ctx: ActorContext): string | null {
  return ctx.actor.kind === "member" ? ctx.actor.userId : null;
}
