import "server-only";
import { cache } from "react";
import { auth } from "./auth";
import { findSessionUser, type SessionUser } from "./user-sessions";

/**
 * The signed-in user, checked against the database once per request; null when signed out or
 * revoked. Only the session resolver (lib/authz/context.ts) reads it: everything else takes the
 * context it builds.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  if (!session?.sessionId) return null;
  return findSessionUser(session.sessionId);
});
