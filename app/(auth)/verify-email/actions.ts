"use server";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { invalid, parseForm, runAction, type ActionResult } from "@/lib/action-result";
import { signIn } from "@/lib/auth/auth";
import { rememberDevice } from "@/lib/auth/remember-device";
import { requestInfo } from "@/lib/request-info";
import { verifyEmail } from "@/lib/users/email-verification";
import { verifyEmailSchema } from "@/lib/users/schemas";

/** Confirms the address with the link's token and the account's password, then signs the person in. */
export async function verifyEmailAction(_state: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseForm(verifyEmailSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  let email = "";
  const result = await runAction(async () => {
    email = (await verifyEmail(parsed.data.token, parsed.data.password, await requestInfo())).email;
    return { status: "success" };
  });
  if (result.status !== "success") return result;
  try {
    await signIn("credentials", { email, password: parsed.data.password, redirect: false });
    await rememberDevice(email);
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    redirect("/sign-in?notice=verified");
  }
  // A path, never a URL built from the request: the browser stays on the console's origin (APP_URL, where the mail pointed).
  redirect("/");
}
