import "server-only";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { z } from "zod";
import { ForbiddenError } from "@/lib/authz/can";
import { permissions } from "@/lib/authz/permissions";
import { errorStatus, isErrorCode } from "@/lib/error-codes";
import { PublicError } from "@/lib/errors";
import { InvalidInputError } from "@/lib/validation/wire";
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

function forbiddenProblem(error: ForbiddenError): ApiProblem {
  const label = error.permission ? permissions[error.permission].label : null;
  if (error.code === "insufficient_scope") {
    return new ApiProblem(403, "insufficient_scope", label ? `This platform key has no scope that grants "${label}".` : "This platform key may not do this.");
  }
  if (error.code === "read_only_key") return new ApiProblem(403, "read_only_key", "This key is read-only: it cannot change anything.");
  return new ApiProblem(403, "forbidden", label ? `Your role in this account does not allow this: "${label}".` : "Only a member may do this, with their own key.");
}

/**
 * A rule's refusal: the lib's machine code (lib/error-codes.ts), the HTTP status its kind calls for,
 * the message, and the fields it names.
 */
function publicErrorProblem(error: PublicError): ApiProblem {
  if (error instanceof InvalidInputError) return validationFailed(error.issues.map((issue) => ({ path: issue.path, code: "invalid", message: issue.message })));
  const errors = error.fieldErrors ? Object.entries(error.fieldErrors).flatMap(([field, messages]) => messages.map((message) => ({ path: field.split("."), code: error.code, message }))) : [];
  const status = isErrorCode(error.code) ? errorStatus(error.code) : 422;
  // Invalid fields are a validation failure like any other; the rule's own code is on each field.
  if (status === 422 && errors.length) return validationFailed(errors, error.message);
  return new ApiProblem(status, error.code, error.message, errors.length ? { errors } : {});
}

/** Every error below the router as problem+json; an unexpected one is logged and answered without detail. */
export function toProblem(error: unknown, c: Context<ApiEnv>): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (error instanceof ForbiddenError) return forbiddenProblem(error);
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
