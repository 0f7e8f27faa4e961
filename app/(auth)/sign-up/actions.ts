"use server";
import { redirect } from "next/navigation";
import { invalid, parseForm, runAction, type ActionResult } from "@/lib/action-result";
import { requestInfo } from "@/lib/request-info";
import { signUpSchema } from "@/lib/users/schemas";
import { signUp } from "@/lib/users/sign-up";

export async function signUpAction(_state: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseForm(signUpSchema, formData);
  if (!parsed.success) return invalid(parsed.error);
  const result = await runAction(async () => {
    await signUp(parsed.data, await requestInfo());
    return { status: "success" } as const;
  });
  if (result.status !== "success") return result;
  redirect("/check-email");
}
