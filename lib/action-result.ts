import { z } from "zod";
import { ForbiddenError } from "./authz/can";
import { PublicError } from "./errors";
import { DISALLOWED_CHARACTERS_MESSAGE, hasDisallowedCharacters } from "./validation/text";

export type ActionResult<T = void> =
  | { status: "idle" }
  | { status: "success"; message?: string; data?: T }
  | { status: "error"; message?: string; fieldErrors?: Record<string, string[] | undefined> };

export const idle = { status: "idle" } as const;

export const NOT_A_FORM_MESSAGE = "This request was not a form submission. Reload the page and try again.";

/**
 * Server actions are public endpoints: a caller can send any serializable value where the form
 * should be. Only a real FormData is a form; anything else is answered as an error, never a TypeError.
 */
export function isForm(value: unknown): value is FormData {
  return value instanceof FormData;
}

export type ParsedForm<T> = { success: true; data: T } | { success: false; error: z.ZodError };

/**
 * Reads a form into the schema's input (a form adapter, lib/validation/form-adapters.ts, or a wire
 * schema the form posts as is). A key sent once is a value, a key sent several times an array of
 * its values in order. Every text value is first checked for characters no field may hold (NUL and
 * other controls): such a field gets its own error, and the schema is not run.
 */
export function parseForm<Schema extends z.ZodType>(schema: Schema, formData: unknown): ParsedForm<z.output<Schema>> {
  if (!isForm(formData)) return { success: false, error: new z.ZodError([{ code: "custom", path: [], message: NOT_A_FORM_MESSAGE, input: formData }]) };
  const raw: Record<string, unknown> = Object.create(null);
  const issues: z.core.$ZodIssue[] = [];
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    if (typeof value === "string" && hasDisallowedCharacters(value) && !issues.some((issue) => issue.path[0] === key)) {
      issues.push({ code: "custom", path: [key], message: DISALLOWED_CHARACTERS_MESSAGE, input: value });
    }
    const earlier = raw[key];
    raw[key] = !(key in raw) ? value : Array.isArray(earlier) ? [...(earlier as unknown[]), value] : [earlier, value];
  }
  if (issues.length > 0) return { success: false, error: new z.ZodError(issues) };
  const parsed = schema.safeParse({ ...raw });
  return parsed.success ? { success: true, data: parsed.data } : { success: false, error: parsed.error };
}

export function invalid(error: z.ZodError): ActionResult<never> {
  const { formErrors, fieldErrors } = z.flattenError(error);
  return {
    status: "error",
    message: formErrors[0] ?? "Please correct the highlighted fields.",
    fieldErrors: fieldErrors as Record<string, string[]>,
  };
}

/**
 * Turns what a lib function threw into a result for the browser: only messages meant for users reach
 * users; anything else becomes a generic message and a log line.
 */
export function failure(error: unknown): ActionResult<never> {
  if (error instanceof PublicError) return { status: "error", message: error.message, fieldErrors: error.fieldErrors };
  if (error instanceof ForbiddenError) return { status: "error", message: "You do not have permission to do that." };
  console.error("[action] unexpected error", error);
  return { status: "error", message: "Something went wrong on our side. Please try again." };
}

/** Runs an action body; `redirect()`/`notFound()` signals from Next are rethrown untouched. */
export async function runAction<T = void>(body: () => Promise<ActionResult<NoInfer<T>>>): Promise<ActionResult<T>> {
  try {
    return await body();
  } catch (error) {
    if (isNextSignal(error)) throw error;
    return failure(error);
  }
}

function isNextSignal(error: unknown): boolean {
  const digest = (error as { digest?: unknown })?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK") || digest === "NEXT_NOT_FOUND");
}
