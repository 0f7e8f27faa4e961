"use server";
import { signOut } from "@/lib/auth/auth";
import { endSession } from "@/lib/auth/user-sessions";
import { loadActorContext } from "@/lib/authz/context";

/**
 * Revokes this session's row first (so a copied cookie is dead too, and a database error stops here
 * rather than leaving the row live behind a cleared cookie), then clears the cookie. Auth.js's
 * signOut event would revoke it as well; it finds the row already revoked.
 */
export async function signOutAction() {
  const ctx = await loadActorContext();
  if (ctx) await endSession(ctx.actor.sessionId, ctx.request);
  await signOut({ redirectTo: "/sign-in" });
}
