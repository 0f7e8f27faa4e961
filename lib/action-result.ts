import { z } from "zod";
import { ForbiddenError } from "./authz/can";
import { PublicError } from "./errors";

export type ActionResult<T = void> =
  | { status: "idle" }
  | { status: "success"; message?: string; data?: T }
  | { status: "error"; message?: string; fieldErrors?: Record<string, string[] | undefined> };

export const idle = { status: "idle" } as const;

export function parseForm<Schema extends z.ZodType>(schema: Schema, formData: FormData) {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    raw[key] = typeof value === "string" ? value : value;
  }
  return schema.safeParse(raw);
}

export function invalid(error: z.ZodError): ActionResult<never> {
  return {
    status: "error",
    message: "Please correct the highlighted fields.",
    fieldErrors: z.flattenError(error).fieldErrors as Record<string, string[]>,
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
