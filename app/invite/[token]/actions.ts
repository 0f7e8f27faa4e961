"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/action-result";
import { personalSpaceSlug } from "@/lib/accounts/queries";
import { signOut } from "@/lib/auth/auth";
import { endSession } from "@/lib/auth/user-sessions";
import { loadActorContext } from "@/lib/authz/context";
import { respondToInvitation, type InvitationKey } from "@/lib/invitations/respond";
import { invitationKeySchema } from "@/lib/invitations/schemas";
import { invitationPath, signInPath } from "@/lib/redirects";

/** Shared by the invite link page (by token) and the in-console list (by id). */
async function respond(input: InvitationKey, answer: "accept" | "decline"): Promise<ActionResult> {
  // The token or id is a bound argument, which a caller can replace with anything.
  const parsed = invitationKeySchema.safeParse(input);
  if (!parsed.success) return { status: "error", message: "This invitation does not exist or is no longer valid." };
  const key = parsed.data;
  const ctx = await loadActorContext();
  if (!ctx) return { status: "error", message: "Sign in to answer this invitation." };
  let destination = "";
  const result = await runAction(async () => {
    const organization = await respondToInvitation(ctx, key, answer);
    destination = answer === "accept" ? `/${organization.slug}` : `/${await personalSpaceSlug(ctx.actor.userId)}?flash=declined`;
    return { status: "success" };
  });
  if (result.status !== "success") return result;
  revalidatePath("/", "layout");
  redirect(destination);
}

export async function acceptInvitationAction(token: string, _state: ActionResult, _formData: FormData) {
  return respond({ token }, "accept");
}

export async function declineInvitationAction(token: string, _state: ActionResult, _formData: FormData) {
  return respond({ token }, "decline");
}

export async function acceptInvitationByIdAction(invitationId: string, _state: ActionResult, _formData: FormData) {
  return respond({ invitationId }, "accept");
}

export async function declineInvitationByIdAction(invitationId: string, _state: ActionResult, _formData: FormData) {
  return respond({ invitationId }, "decline");
}

/** Signed in as someone else: sign out, then come back to sign in as the invited address. */
export async function switchAccountForInvitationAction(token: string) {
  const ctx = await loadActorContext();
  if (ctx) await endSession(ctx.actor.sessionId, ctx.request);
  await signOut({ redirectTo: signInPath(invitationPath(token)) });
}
