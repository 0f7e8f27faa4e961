import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { invalid, parseForm, runAction, type ActionResult } from "./action-result";
import { loadAccountContext, type SessionAccountContext } from "./authz/context";

export const notAMemberResult: ActionResult<never> = { status: "error", message: "This account does not exist or you are not a member." };

/**
 * The beats every account action shares: parse → resolve the caller's context in the database →
 * run the lib function (which authorizes and writes with its audit event) → revalidate → result.
 * The context carries who acts (the session's member) and where the request came from.
 */
export async function accountAction<Schema extends z.ZodType, T = undefined>(
  slug: string,
  schema: Schema,
  formData: FormData,
  run: (ctx: SessionAccountContext, input: z.infer<Schema>) => Promise<T>,
  successMessage: string | ((value: T) => string),
): Promise<ActionResult<T>> {
  const parsed = parseForm(schema, formData);
  if (!parsed.success) return invalid(parsed.error);
  const ctx = await loadAccountContext(slug);
  if (!ctx) return notAMemberResult;
  const result = await runAction<T>(async () => {
    const value = await run(ctx, parsed.data);
    return { status: "success", data: value, message: typeof successMessage === "function" ? successMessage(value) : successMessage };
  });
  if (result.status === "success") revalidatePath(`/${ctx.account.slug}`, "layout");
  return result;
}
