"use server";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { invalid, isForm, type ActionResult } from "@/lib/action-result";
import { signIn } from "@/lib/auth/auth";
import { rememberDevice } from "@/lib/auth/remember-device";
import { signInSchema } from "@/lib/users/schemas";
import { parseForm } from "@/lib/action-result";
import { safeRedirectPath } from "@/lib/redirects";

const messages: Record<string, string> = {
  invalid: "The email or password is incorrect.",
  unverified: "Confirm your email address first with the link we mailed you (we send a new one, up to 3 an hour).",
  "rate-limited:account-network":
    "Too many failed attempts for this account from your network. Wait 15 minutes, or reset your password to sign in right away.",
  "rate-limited:network": "Too many failed sign-in attempts from your network. Please wait 15 minutes before trying again.",
  "rate-limited:account":
    "This account has had too many failed sign-in attempts. Sign in from a browser you have used before, wait an hour, or reset your password to sign in right away.",
};

export async function signInAction(_state: ActionResult, formData: FormData): Promise<ActionResult> {
  // The callback is no field to correct: a crafted one is replaced by the personal space, not refused.
  const callbackUrl = safeRedirectPath(isForm(formData) ? formData.get("callbackUrl") : undefined);
  if (isForm(formData)) formData.delete("callbackUrl");
  const parsed = parseForm(signInSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
    await rememberDevice(parsed.data.email);
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code ?? "invalid";
      return { status: "error", message: messages[code] ?? messages.invalid };
    }
    throw error;
  }
  redirect(callbackUrl);
}
