"use server";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { invalid, isForm, parseForm, runAction, type ActionResult } from "@/lib/action-result";
import { signIn } from "@/lib/auth/auth";
import { rememberDevice } from "@/lib/auth/remember-device";
import { liveInvitationEmail } from "@/lib/invitations/respond";
import { invitationPath, signInPath } from "@/lib/redirects";
import { requestInfo } from "@/lib/request-info";
import { signUpSchema } from "@/lib/users/schemas";
import { signUp } from "@/lib/users/sign-up";

export async function signUpAction(_state: ActionResult, formData: FormData): Promise<ActionResult> {
  const invitationToken = isForm(formData) ? formData.get("invitation") : null;
  if (typeof invitationToken === "string" && invitationToken) return signUpFromInvitation(invitationToken, formData);
  const parsed = parseForm(signUpSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  const result = await runAction(async () => {
    await signUp(parsed.data, await requestInfo());
    return { status: "success" } as const;
  });
  if (result.status !== "success") return result;
  redirect("/check-email");
}

/**
 * Sign-up from an invite link: the address is the invitation's (never the form's), the link proves
 * the mailbox, so the account starts verified and signed in, skipping the per-network sign-up limit
 * (signUp re-checks the token itself), and the user goes back to the invitation.
 */
async function signUpFromInvitation(token: string, formData: FormData): Promise<ActionResult> {
  const email = await liveInvitationEmail(token);
  if (!email) return { status: "error", message: "This invitation is no longer valid. Ask for a new one, or sign up without it." };
  formData.set("email", email);
  const parsed = parseForm(signUpSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  const outcome = await runAction<"created" | "already-registered">(async () => ({ status: "success", data: await signUp(parsed.data, await requestInfo(), { invitationToken: token }) }));
  if (outcome.status !== "success") return outcome;
  if (outcome.data === "already-registered") return { status: "error", message: "An account with this email already exists. Sign in to accept the invitation." };
  try {
    await signIn("credentials", { email, password: parsed.data.password, redirect: false });
    await rememberDevice(email);
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    redirect(signInPath(invitationPath(token)));
  }
  redirect(invitationPath(token));
}
