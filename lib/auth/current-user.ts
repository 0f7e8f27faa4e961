import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "./auth";
import { findSessionUser, type SessionUser } from "./user-sessions";

/** The signed-in user, checked against the database once per request; null when signed out or revoked. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  if (!session?.sessionId) return null;
  return findSessionUser(session.sessionId);
});

export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return user;
}
