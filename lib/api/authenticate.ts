import "server-only";
import type { MiddlewareHandler } from "hono";
import { apiAccountContext, resolveApiCredential, type CredentialResult } from "@/lib/authz/api-key-context";
import type { AccountContext } from "@/lib/authz/actor";
import { requestInfoFrom } from "@/lib/request-info";
import type { Context } from "hono";
import type { ApiEnv } from "./env";
import { ApiProblem, notFound } from "./problem";

/** Paths anyone may read: the document itself (the reference page fetches it). */
export const publicPaths = new Set(["/api/v1/openapi.json"]);

const refusals: Record<Exclude<CredentialResult, { ok: true }>["code"], { status: number; detail: string }> = {
  unauthenticated: { status: 401, detail: "Send your API key as `Authorization: Bearer <key>`." },
  invalid_api_key: { status: 401, detail: "This API key is not valid." },
  api_key_revoked: { status: 401, detail: "This API key was revoked." },
  api_key_expired: { status: 401, detail: "This API key has expired." },
  credentials_in_query: { status: 401, detail: "API keys are only accepted in the Authorization header, never in the URL. Treat this key as exposed: revoke it and create another." },
  rate_limited: { status: 429, detail: "Too many failed API keys from this address. Wait before trying again." },
};

function refusalProblem(result: Exclude<CredentialResult, { ok: true }>): ApiProblem {
  const { status, detail } = refusals[result.code];
  const headers: Record<string, string> = {};
  if (status === 401) headers["WWW-Authenticate"] = result.code === "unauthenticated" ? 'Bearer realm="api"' : 'Bearer realm="api", error="invalid_token"';
  if (result.failures) {
    headers["RateLimit-Limit"] = String(result.failures.limit);
    headers["RateLimit-Remaining"] = String(result.failures.remaining);
    headers["RateLimit-Reset"] = String(result.failures.resetSeconds);
    if (result.code === "rate_limited") headers["Retry-After"] = String(result.failures.resetSeconds);
  }
  return new ApiProblem(status, result.code, detail, { headers });
}

/** Resolves the caller of every request (but the public document); answers 401/429 problems for the rest. */
export const authenticate: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const request = requestInfoFrom(c.req.raw.headers);
  c.set("request", request);
  const url = new URL(c.req.url);
  if (publicPaths.has(c.req.path)) {
    const result = await resolveApiCredential(url, new Headers(), request);
    // Even the public document refuses a key in its URL; without one it needs none.
    if (!result.ok && result.code === "credentials_in_query") throw refusalProblem(result);
    return next();
  }
  const result = await resolveApiCredential(url, c.req.raw.headers, request);
  if (!result.ok) throw refusalProblem(result);
  c.set("credential", result.credential);
  await next();
};

/** The context the caller acts in, in the account with this slug: a 404 problem when there is none for it. */
export async function accountContext(c: Context<ApiEnv>, slug: string): Promise<AccountContext> {
  const ctx = await apiAccountContext(c.get("credential"), slug, c.get("request"));
  if (!ctx) throw notFound("No such account.");
  return ctx;
}
