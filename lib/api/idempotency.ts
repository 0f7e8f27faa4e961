import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { MiddlewareHandler } from "hono";
import { db } from "@/db/client";
import type { ApiEnv } from "./env";
import { ApiProblem, PROBLEM_CONTENT_TYPE, validationFailed } from "./problem";

/**
 * `Idempotency-Key` on every POST (Stripe's semantics), kept in `api_idempotency_keys` per
 * credential and key for 24 hours:
 * - the first request with a key claims it in one atomic statement (`INSERT … ON CONFLICT`), so of
 *   20 identical requests sent at once exactly one runs; the others get 409
 *   `idempotency_request_in_progress` while it runs, and its answer once it is done;
 * - a retry with the same key and the same request (method, path, body) gets the first status and
 *   body again, with `Idempotent-Replayed: true`;
 * - the same key with another request: 422 `idempotency_key_reused`;
 * - an answer is kept unless it is a 5xx or a validation failure (nothing was done): then the key
 *   is released and a retry runs again.
 * A claim whose request died without answering is taken over after 10 minutes.
 */
export const IDEMPOTENCY_TTL_HOURS = 24;
export const STALE_CLAIM_MINUTES = 10;
const KEY_SHAPE = /^[\x21-\x7e][\x20-\x7e]*$/;
/** Headers of the first answer that a replay repeats (rate-limit headers are the replay's own). */
const keptHeaders = ["content-type", "location"];

type Claim =
  | { kind: "owned"; claimedAt: string }
  | { kind: "replay"; status: number; body: unknown; headers: Record<string, string> }
  | { kind: "reused" }
  | { kind: "in_flight" };

interface StoredRow extends Record<string, unknown> {
  request_hash: string;
  status: number | null;
  response_body: unknown;
  response_headers: Record<string, string> | null;
}

async function claim(credentialId: string, key: string, method: string, path: string, requestHash: string): Promise<Claim> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const claimed = await db.execute<{ claimed_at: string }>(sql`
      insert into api_idempotency_keys (credential_id, key, method, path, request_hash)
      values (${credentialId}, ${key}, ${method}, ${path}, ${requestHash})
      on conflict (credential_id, key) do update
        set method = excluded.method, path = excluded.path, request_hash = excluded.request_hash,
            status = null, response_body = null, response_headers = null, created_at = now()
        where api_idempotency_keys.created_at < now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})
           or (api_idempotency_keys.status is null and api_idempotency_keys.created_at < now() - make_interval(mins => ${STALE_CLAIM_MINUTES}))
      returning created_at::text as claimed_at`);
    if (claimed.rows[0]) return { kind: "owned", claimedAt: claimed.rows[0].claimed_at };
    const existing = await db.execute<StoredRow>(sql`
      select request_hash, status, response_body, response_headers from api_idempotency_keys
      where credential_id = ${credentialId} and key = ${key}`);
    const row = existing.rows[0];
    // Released (a failed first attempt) between the two statements: claim again.
    if (!row) continue;
    if (row.request_hash !== requestHash) return { kind: "reused" };
    if (row.status === null) return { kind: "in_flight" };
    return { kind: "replay", status: row.status, body: row.response_body, headers: row.response_headers ?? {} };
  }
  return { kind: "in_flight" };
}

async function release(credentialId: string, key: string, claimedAt: string) {
  await db.execute(sql`delete from api_idempotency_keys where credential_id = ${credentialId} and key = ${key} and created_at = ${claimedAt}::timestamptz`);
}

async function store(credentialId: string, key: string, claimedAt: string, status: number, body: unknown, headers: Record<string, string>) {
  await db.execute(sql`
    update api_idempotency_keys set status = ${status}, response_body = ${JSON.stringify(body)}::jsonb, response_headers = ${JSON.stringify(headers)}::jsonb
    where credential_id = ${credentialId} and key = ${key} and created_at = ${claimedAt}::timestamptz`);
}

/**
 * Deletes answers past their 24 hours, a batch at a time (the hourly job `prune_idempotency_keys`;
 * a key reused after its 24 hours is taken over even before the job has run). Returns how many went.
 */
export async function pruneIdempotencyKeys(batchSize = 5000): Promise<number> {
  let pruned = 0;
  for (;;) {
    const result = await db.execute(sql`
      delete from api_idempotency_keys where ctid = any(array(
        select ctid from api_idempotency_keys where created_at < now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS}) limit ${batchSize}))`);
    pruned += result.rowCount ?? 0;
    if ((result.rowCount ?? 0) < batchSize) return pruned;
  }
}

function replay(claimed: Extract<Claim, { kind: "replay" }>): Response {
  const headers = new Headers(claimed.headers);
  headers.set("Idempotent-Replayed", "true");
  headers.set("Cache-Control", "no-store");
  return new Response(claimed.body === null ? null : JSON.stringify(claimed.body), { status: claimed.status, headers });
}

export const idempotency: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const key = c.req.header("idempotency-key");
  if (c.req.method !== "POST" || key === undefined) return next();
  if (key.length > 255 || !KEY_SHAPE.test(key)) {
    throw validationFailed([{ path: ["Idempotency-Key"], code: "invalid_idempotency_key", message: "An Idempotency-Key is 1 to 255 printable ASCII characters." }]);
  }
  const credentialId = c.get("credential").key.id;
  const url = new URL(c.req.url);
  const path = `${url.pathname}${url.search}`;
  const body = await c.req.text();
  const requestHash = createHash("sha256").update(`${c.req.method}\n${path}\n`).update(body).digest("hex");

  const claimed = await claim(credentialId, key, c.req.method, path, requestHash);
  if (claimed.kind === "replay") {
    c.res = replay(claimed);
    return;
  }
  if (claimed.kind === "reused") {
    throw new ApiProblem(422, "idempotency_key_reused", "This Idempotency-Key was used with another request in the last 24 hours. Use a new key for a new request.");
  }
  if (claimed.kind === "in_flight") {
    throw new ApiProblem(409, "idempotency_request_in_progress", "A request with this Idempotency-Key is still running. Retry once it is done.", { headers: { "Retry-After": "1" } });
  }

  try {
    await next();
  } catch (error) {
    await release(credentialId, key, claimed.claimedAt);
    throw error;
  }
  const response = c.res;
  const text = await response.clone().text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  const validation = response.headers.get("content-type") === PROBLEM_CONTENT_TYPE && (parsed as { code?: unknown } | null)?.code === "validation_failed";
  if (response.status >= 500 || validation) {
    await release(credentialId, key, claimed.claimedAt);
    return;
  }
  const headers = Object.fromEntries(keptHeaders.flatMap((name) => (response.headers.get(name) ? [[name, response.headers.get(name)!]] : [])));
  await store(credentialId, key, claimed.claimedAt, response.status, parsed, headers);
};
