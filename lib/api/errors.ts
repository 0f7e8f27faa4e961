import "server-only";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { z } from "zod";
import { ForbiddenError } from "@/lib/authz/can";
import { permissions } from "@/lib/authz/permissions";
import { PublicError } from "@/lib/errors";
import type { ApiEnv } from "./env";
import { ApiProblem, notFound, problemResponse, validationFailed, type ProblemFieldError } from "./problem";

/** Zod issues as problem `errors`: the path inside its part of the request, a code, the message. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): ProblemFieldError[] {
  return issues.map((issue) => {
    const params = "params" in issue ? (issue.params as { code?: unknown } | undefined) : undefined;
    const code = issue.code === "custom" && typeof params?.code === "string" ? params.code : issue.code;
    return { path: issue.path.map((part) => (typeof part === "number" ? part : String(part))), code, message: issue.message };
  });
}

/**
 * The hook every route's request validation ends in: an invalid path parameter (a malformed id or
 * slug) names nothing that exists, so it is a 404 like a missing one; any other invalid part is a
 * 422 with one entry per failing field.
 */
export function validationHook(result: { success: true } | { success: false; error: z.ZodError; target: string }) {
  if (result.success) return;
  if (result.target === "param") throw notFound();
  throw validationFailed(fieldErrors(result.error.issues));
}

/** Statuses of the lib's PublicError codes; a code not listed is a 409 (a rule refused the change), 422 when it names fields. */
const publicErrorStatus: Record<string, number> = {
  not_found: 404,
  forbidden: 403,
  rate_limited: 429,
  validation_failed: 422,
  invalid_request: 422,
};

function forbiddenProblem(c: Context<ApiEnv>, error: ForbiddenError): ApiProblem {
  const credential = c.get("credential");
  const label = permissions[error.permission].label;
  if (credential?.kind === "platform") {
    return new ApiProblem(403, "insufficient_scope", `This platform key has no scope that grants "${label}".`);
  }
  if (credential?.kind === "member" && credential.key.readOnly && permissions[error.permission].access === "write") {
    return new ApiProblem(403, "read_only_key", "This key is read-only: it cannot change anything.");
  }
  return new ApiProblem(403, "forbidden", `Your role in this account does not allow this: "${label}".`);
}

/**
 * A rule's refusal: its machine code (the lib's `PublicError.code`) and message; field errors make
 * it a 422 `validation_failed` unless the code says otherwise.
 */
function publicErrorProblem(error: PublicError): ApiProblem {
  const fields = error.fieldErrors ? Object.entries(error.fieldErrors).flatMap(([field, messages]) => messages.map((message) => ({ path: field.split("."), message }))) : [];
  const own = (error as PublicError & { code?: string }).code;
  const code = own ?? (fields.length ? "validation_failed" : "invalid_request");
  const status = publicErrorStatus[code] ?? (fields.length ? 422 : 409);
  const errors = fields.map((field) => ({ path: field.path, code: own ?? "invalid", message: field.message }));
  return new ApiProblem(status, code, error.message, errors.length ? { errors } : {});
}

/** Every error below the router as problem+json; an unexpected one is logged and answered without detail. */
export function toProblem(error: unknown, c: Context<ApiEnv>): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (error instanceof ForbiddenError) return forbiddenProblem(c, error);
  if (error instanceof PublicError) return publicErrorProblem(error);
  if (error instanceof HTTPException) {
    if (error.status === 400) return new ApiProblem(400, "malformed_json", "The request body is not valid JSON.");
    if (error.status === 415) return new ApiProblem(415, "unsupported_media_type", "Send the body as application/json.");
    return new ApiProblem(error.status, "invalid_request", error.message || "The request could not be handled.");
  }
  console.error("[api] unexpected error", c.req.method, c.req.path, error);
  return new ApiProblem(500, "internal_error", "Something went wrong on our side. Try again later.");
}

export function onApiError(error: unknown, c: Context<ApiEnv>): Response {
  return problemResponse(toProblem(error, c));
}
