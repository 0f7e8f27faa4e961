"use server";
import { signOut } from "@/lib/auth/auth";
import { currentUser } from "@/lib/auth/current-user";
import { endSession } from "@/lib/auth/user-sessions";
import { requestInfo } from "@/lib/request-info";

/**
 * Revokes this session's row first (so a copied cookie is dead too, and a database error stops here
 * rather than leaving the row live behind a cleared cookie), then clears the cookie. Auth.js's
 * signOut event would revoke it as well; it finds the row already revoked.
 */
export async function signOutAction() {
  const user = await currentUser();
  if (user) await endSession(user.sessionId, await requestInfo());
  await signOut({ redirectTo: "/sign-in" });
}
