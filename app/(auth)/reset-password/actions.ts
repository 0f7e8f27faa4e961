"use server";
import { redirect } from "next/navigation";
import { invalid, parseForm, runAction, type ActionResult } from "@/lib/action-result";
import { requestInfo } from "@/lib/request-info";
import { resetPassword } from "@/lib/users/password-reset";
import { resetPasswordSchema } from "@/lib/users/schemas";

export async function resetPasswordAction(_state: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseForm(resetPasswordSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  const result = await runAction(async () => {
    await resetPassword(parsed.data.token, parsed.data.password, await requestInfo());
    return { status: "success" } as const;
  });
  if (result.status !== "success") return result;
  redirect("/sign-in?notice=password-reset");
}
