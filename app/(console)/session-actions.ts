"use server";
import { signOut } from "@/lib/auth/auth";
import { currentUser } from "@/lib/auth/current-user";
import { revokeUserSession } from "@/lib/auth/user-sessions";

/** Revokes this session's row first, so a copied cookie is dead too, then clears the cookie. */
export async function signOutAction() {
  const user = await currentUser();
  if (user) await revokeUserSession(user.sessionId);
  await signOut({ redirectTo: "/sign-in" });
}
