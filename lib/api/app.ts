import "server-only";
import type { Context } from "hono";
import { config } from "@/lib/config";
import { authenticate } from "./authenticate";
import { documentConfig, registerSecuritySchemes } from "./document";
import type { ApiEnv } from "./env";
import { onApiError } from "./errors";
import { idempotency } from "./idempotency";
import { ApiProblem, notFound, problemResponse } from "./problem";
import { rateLimit } from "./rate-limit";
import { API_BASE, apiRouter } from "./router";
import { registerAccount } from "./routes/account";
import { registerAuditEvents } from "./routes/audit-events";
import { registerInvitations } from "./routes/invitations";
import { registerInvoices } from "./routes/invoices";
import { registerMe } from "./routes/me";
import { registerMembers } from "./routes/members";
import { registerUsage } from "./routes/usage";

/**
 * The REST API: one Hono app mounted by app/api/v1/[[...route]]/route.ts. Every operation is one
 * `createRoute` object (request schemas, responses, security) used both to validate and to write
 * the OpenAPI document, so the two cannot drift. Request order: the caller (authenticate), its
 * rate limit, then the route's validation and handler; any error becomes problem+json.
 */
function buildApp() {
  const app = apiRouter().basePath(API_BASE);
  app.use("*", authenticate);
  app.use("*", rateLimit);
  app.use("*", idempotency);

  registerSecuritySchemes(app);
  registerMe(app);
  registerAccount(app);
  registerMembers(app);
  registerInvitations(app);
  registerInvoices(app);
  registerUsage(app);
  registerAuditEvents(app);

  let document: unknown;
  app.get("/openapi.json", (c) => {
    document ??= app.getOpenAPI31Document(documentConfig(config().APP_URL));
    return c.json(document as object, 200, { "Cache-Control": "no-cache" });
  });

  app.notFound((c) => {
    const allow = allowedMethods(c);
    if (!allow) return problemResponse(notFound("No such operation. See /api/v1/openapi.json."));
    if (c.req.method === "OPTIONS") return new Response(null, { status: 204, headers: { Allow: allow } });
    return problemResponse(new ApiProblem(405, "method_not_allowed", `${c.req.method} is not allowed here. Allowed: ${allow}.`, { headers: { Allow: allow } }));
  });
  app.onError(onApiError);
  return app;
}

type Pattern = { method: string; regex: RegExp };
let patterns: Pattern[] | undefined;

/** The methods a path that exists answers to (for 405's and OPTIONS' `Allow`); null for a path that does not exist. */
function allowedMethods(c: Context<ApiEnv>): string | null {
  patterns ??= apiApp.routes
    .filter((route) => route.method !== "ALL")
    .map((route) => ({ method: route.method, regex: new RegExp(`^${route.path.replace(/:[^/]+/g, "[^/]+")}$`) }));
  const allowed = new Set(patterns.filter((pattern) => pattern.regex.test(c.req.path)).map((pattern) => pattern.method));
  if (allowed.size === 0) return null;
  if (allowed.has("GET")) allowed.add("HEAD");
  return [...allowed].sort().join(", ");
}

export const apiApp = buildApp();
