import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { currentUser } from "@/lib/auth/current-user";
import { requestInfo } from "@/lib/request-info";
import { findAccountContext } from "./account-context";
import { can } from "./can";
import { sessionActor, type SessionAccountContext, type SessionActorContext } from "./member-actor";
import type { Permission } from "./permissions";

export type { AccountContext, ActorContext } from "./actor";
export type { SessionAccountContext, SessionActorContext } from "./member-actor";

/**
 * The session resolver: the signed-in person as a member actor (channel "session", with the
 * session's id) and where the request came from, checked in the database once per request; null for
 * visitors and revoked sessions.
 */
export const loadActorContext = cache(async (): Promise<SessionActorContext | null> => {
  const user = await currentUser();
  if (!user) return null;
  return { actor: sessionActor(user, user.sessionId), request: await requestInfo() };
});

/** For signed-in pages and actions with no account in the URL: the sign-in page for visitors. */
export async function requireActorContext(): Promise<SessionActorContext> {
  const ctx = await loadActorContext();
  if (!ctx) redirect("/sign-in");
  return ctx;
}

/** The session user's context in this account, once per request; null for visitors and non-members. */
export const loadAccountContext = cache(async (slug: string): Promise<SessionAccountContext | null> => {
  const actorContext = await loadActorContext();
  return actorContext ? findAccountContext(actorContext, slug) : null;
});

/** For pages and route handlers: a 404 for anyone who is not a member, exactly as for a missing account. */
export async function requireAccountContext(slug: string, permission: Permission = "account.view"): Promise<SessionAccountContext> {
  const ctx = await loadAccountContext(slug);
  if (!ctx || !can(ctx, permission)) notFound();
  return ctx;
}
