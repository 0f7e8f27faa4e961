"use server";
import { invalid, parseForm, runAction, type ActionResult } from "@/lib/action-result";
import { requestInfo } from "@/lib/request-info";
import { requestPasswordReset } from "@/lib/users/password-reset";
import { forgotPasswordSchema } from "@/lib/users/schemas";

export async function requestPasswordResetAction(_state: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseForm(forgotPasswordSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  return runAction(async () => {
    await requestPasswordReset(parsed.data.email, await requestInfo());
    return { status: "success", message: "If an account exists for this email, we have sent it a reset link." };
  });
}
