import type { ApiRouter } from "./router";

/** The security schemes: a member's key (`ock_…`) and a platform key (`ocp_…`), both as bearer tokens. */
export function registerSecuritySchemes(app: ApiRouter) {
  app.openAPIRegistry.registerComponent("securitySchemes", "memberKey", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "ock_…",
    description: "A member's API key for one account (API keys screen of that account). It acts with the member's current role, in that account only.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "platformKey", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "ocp_…",
    description: "A platform key (`npm run platform-key:create`). It acts in every account through its scopes: accounts:read, members:read, usage:read, usage:write, audit:read.",
  });
}

const description = `
The console's REST API, for the platform in front of it and for members' own tooling.

## Authentication
Send a key as \`Authorization: Bearer <key>\`, never in the URL (a key in the query string is refused with \`credentials_in_query\`).
A **member key** (\`ock_…\`) acts in its own account only, with its owner's role *now*: demote the owner and the key loses rights at once; remove the member and the key is gone. Any other account looks missing (404).
A read-only member key may only read. A **platform key** (\`ocp_…\`) acts in every account through its scopes.

## Errors
Every error is \`application/problem+json\` (RFC 9457): \`type\`, \`title\`, \`status\`, \`detail\`, \`code\` and, for validation, \`errors\` (\`path\`, \`code\`, \`message\` per field).

| status | codes |
| --- | --- |
| 400 | \`malformed_json\`, \`card_data_refused\` |
| 401 | \`unauthenticated\`, \`invalid_api_key\`, \`api_key_revoked\`, \`api_key_expired\`, \`credentials_in_query\` |
| 403 | \`forbidden\` (role), \`read_only_key\`, \`insufficient_scope\` (platform key) |
| 404 | \`not_found\` (also: an account the key does not belong to) |
| 405 | \`method_not_allowed\` (see \`Allow\`) |
| 409 | \`idempotency_request_in_progress\` and domain codes (a rule refused the change) |
| 413 | \`payload_too_large\` (bodies are limited to 1 MiB) |
| 415 | \`unsupported_media_type\` |
| 422 | \`validation_failed\` (with \`errors\`), \`idempotency_key_reused\` |
| 429 | \`rate_limited\` (see \`Retry-After\`) |

## Pagination
Lists answer \`{ "data": [...], "nextCursor": "..." | null }\`. Pass \`?limit=\` (1 to 100, default 20) and \`?cursor=<nextCursor>\` for the next page. Cursors are opaque.

## Idempotency
Every POST accepts \`Idempotency-Key\` (1 to 255 characters), kept 24 hours per key. A retry with the same key and the same request gets the first answer again, with \`Idempotent-Replayed: true\`; the same key with another request is refused (422 \`idempotency_key_reused\`); while the first is still running, 409 \`idempotency_request_in_progress\`. A request that failed validation or with a 5xx is not kept: retry it.

## Rate limits
Each key may make a number of requests per minute (600 for member keys, 6,000 for platform keys by default). Every answer carries \`RateLimit-Limit\`, \`RateLimit-Remaining\` and \`RateLimit-Reset\` (seconds); past the limit, 429 with \`Retry-After\`. Failed keys are limited per client address.
`.trim();

export function documentConfig(appUrl: string) {
  return {
    openapi: "3.1.0",
    info: { title: "Organization Console API", version: "1.0.0", description },
    servers: [{ url: appUrl, description: "This console" }],
    tags: [
      { name: "Caller", description: "The key making the request." },
      { name: "Accounts", description: "An account's status, balance and month-to-date estimate." },
      { name: "Members", description: "An organization's members." },
      { name: "Invitations", description: "An organization's pending invitations." },
      { name: "Invoices", description: "An account's invoices and their PDFs." },
      { name: "Usage", description: "Usage reported by the platform, and its daily and monthly aggregates." },
      { name: "Audit events", description: "An account's audit log." },
    ],
  };
}
