import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { accounts, apiKeys, platformKeys, type Account } from "@/db/schema";
import { hashSecret, sameHash, tokenKind } from "@/lib/api-keys/token";
import { recordAuditEvent } from "@/lib/audit";
import { hitRateLimit, type RateLimitRule } from "@/lib/rate-limit";
import type { RequestInfo } from "@/lib/request-info";
import type { AccountContext, MemberActor, PlatformActor } from "./actor";
import type { Role } from "./roles";
import { isScope, type Scope } from "./scopes";

/**
 * The bearer resolver for the REST API: who is calling, from the `Authorization: Bearer` header
 * only. A key check costs one indexed query: the token's shape and checksum are checked first (a
 * malformed or mistyped token never reaches the database), then one statement finds the key by its
 * hash together with what it acts as (a member key: its membership's current role, the account and
 * the user; a platform key: its scopes) and, in the same statement, records its use at most once
 * a minute.
 */

/** A member's key: acts with the member's current role, in its own account only. */
export interface MemberCredential {
  kind: "member";
  actor: MemberActor & { channel: "api_key"; apiKey: { id: string; name: string; readOnly: boolean } };
  account: Account;
  role: Role;
  key: KeyInfo & { readOnly: boolean };
}

/** A platform key: acts through its scopes in every account. */
export interface PlatformCredential {
  kind: "platform";
  actor: PlatformActor;
  key: KeyInfo;
}

export type ApiCredential = MemberCredential | PlatformCredential;

export interface KeyInfo {
  id: string;
  name: string;
  displayPrefix: string;
  last4: string;
  createdAt: Date;
  expiresAt: Date | null;
}

export type CredentialRefusalCode = "unauthenticated" | "invalid_api_key" | "api_key_revoked" | "api_key_expired" | "credentials_in_query" | "rate_limited";

export interface CredentialRefusal {
  code: CredentialRefusalCode;
  /** For a failed key: the failure budget of the caller's address (rate_limited: the wait). */
  failures?: { limit: number; remaining: number; resetSeconds: number };
}

export type CredentialResult = { ok: true; credential: ApiCredential } | ({ ok: false } & CredentialRefusal);

/** Failed key checks (unknown, malformed, revoked or expired keys) allowed per client address. */
export const failedKeyRule: RateLimitRule = { limit: 20, windowSeconds: 300 };
/** A rejected (revoked or expired) key is audited at most this often, so a loop cannot flood the log. */
export const rejectionAuditSeconds = 60;
/** `last_used_at`/`last_used_ip` are written at most this often per key. */
export const lastUsedResolutionSeconds = 60;

const credentialParams = new Set(["api_key", "apikey", "api-key", "token", "access_token", "key_secret"]);
const tokenInText = /(?:^|[^0-9A-Za-z])oc[kp]_[0-9A-Za-z]/;

/**
 * A key must never travel in a URL (URLs end up in logs, browser history and Referer headers): a
 * credential-named parameter, or any parameter that holds something shaped like one of our tokens.
 */
export function credentialsInQuery(url: URL): boolean {
  for (const [name, value] of url.searchParams) {
    if (credentialParams.has(name.toLowerCase()) && value !== "") return true;
    if (tokenInText.test(value) || tokenInText.test(name)) return true;
  }
  return false;
}

/** The token of an `Authorization: Bearer <token>` header; null without one, "malformed" for another scheme or shape. */
export function bearerToken(headers: Pick<Headers, "get">): string | null | "malformed" {
  const header = headers.get("authorization");
  if (header === null || header.trim() === "") return null;
  const match = /^Bearer[ ]+([^\s]+)[ ]*$/i.exec(header);
  return match ? match[1]! : "malformed";
}

interface MemberKeyRow extends Record<string, unknown> {
  id: string;
  name: string;
  secret_hash: string;
  display_prefix: string;
  last4: string;
  read_only: boolean;
  created_at: Date | string;
  expires_at: Date | string | null;
  revoked: boolean;
  expired: boolean;
  role: Role;
  user_id: string;
  user_name: string;
  user_email: string;
  a_id: string;
  a_kind: Account["kind"];
  a_name: string;
  a_slug: string;
  a_description: string;
  a_is_company: boolean;
  a_status: Account["status"];
  a_personal_owner_id: string | null;
  a_created_by_id: string | null;
  a_created_at: Date | string;
  a_updated_at: Date | string;
}

interface PlatformKeyRow extends Record<string, unknown> {
  id: string;
  name: string;
  secret_hash: string;
  display_prefix: string;
  last4: string;
  scopes: string[];
  created_at: Date | string;
  expires_at: Date | string | null;
  revoked: boolean;
  expired: boolean;
}

const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));
const asOptionalDate = (value: Date | string | null) => (value === null ? null : asDate(value));

/**
 * The key with this hash, its membership's current role, its account and its user; the key's use
 * recorded in the same statement when the last record is older than a minute (concurrent requests
 * re-check that under the row lock, so one of them writes). No membership, no row: a removed
 * member's key is gone with the membership (foreign key), and a row can only exist with one.
 */
async function findMemberKey(secretHash: string, request: RequestInfo): Promise<MemberKeyRow | undefined> {
  const result = await db.execute<MemberKeyRow>(sql`
    with found as (
      select k.id, k.name, k.secret_hash, k.display_prefix, k.last4, k.read_only, k.created_at, k.expires_at, k.last_used_at,
             k.revoked_at is not null as revoked, coalesce(k.expires_at <= now(), false) as expired,
             m.role, u.id as user_id, u.name as user_name, u.email as user_email,
             a.id as a_id, a.kind as a_kind, a.name as a_name, a.slug as a_slug, a.description as a_description,
             a.is_company as a_is_company, a.status as a_status, a.personal_owner_id as a_personal_owner_id,
             a.created_by_id as a_created_by_id, a.created_at as a_created_at, a.updated_at as a_updated_at
      from api_keys k
      join memberships m on m.account_id = k.account_id and m.user_id = k.user_id
      join users u on u.id = k.user_id
      join accounts a on a.id = k.account_id
      where k.secret_hash = ${secretHash}
    ), ${recordUse(apiKeys, request)}
    select * from found`);
  return result.rows[0];
}

/**
 * The CTE that records a live key's use (time and address) when its last record is older than
 * lastUsedResolutionSeconds; the condition is re-checked by the UPDATE under the row lock, so of
 * concurrent requests one writes. Reads `found` (id, revoked, expired, last_used_at).
 */
function recordUse(table: typeof apiKeys | typeof platformKeys, request: RequestInfo): SQL {
  const stale = sql`(last_used_at is null or last_used_at < now() - make_interval(secs => ${lastUsedResolutionSeconds}))`;
  return sql`touched as (
      update ${table} set last_used_at = now(), last_used_ip = ${request.ip}
      where id = (select id from found where not revoked and not expired and ${stale}) and ${stale}
      returning id
    )`;
}

async function findPlatformKey(secretHash: string, request: RequestInfo): Promise<PlatformKeyRow | undefined> {
  const result = await db.execute<PlatformKeyRow>(sql`
    with found as (
      select id, name, secret_hash, display_prefix, last4, scopes, created_at, expires_at, last_used_at,
             revoked_at is not null as revoked, coalesce(expires_at <= now(), false) as expired
      from platform_keys
      where secret_hash = ${secretHash}
    ), ${recordUse(platformKeys, request)}
    select * from found`);
  return result.rows[0];
}

function accountFrom(row: MemberKeyRow): Account {
  return {
    id: row.a_id,
    kind: row.a_kind,
    name: row.a_name,
    slug: row.a_slug,
    description: row.a_description,
    isCompany: row.a_is_company,
    status: row.a_status,
    personalOwnerId: row.a_personal_owner_id,
    createdById: row.a_created_by_id,
    createdAt: asDate(row.a_created_at),
    updatedAt: asDate(row.a_updated_at),
  };
}

function keyInfo(row: MemberKeyRow | PlatformKeyRow): KeyInfo {
  return { id: row.id, name: row.name, displayPrefix: row.display_prefix, last4: row.last4, createdAt: asDate(row.created_at), expiresAt: asOptionalDate(row.expires_at) };
}

function memberCredential(row: MemberKeyRow): MemberCredential {
  return {
    kind: "member",
    actor: {
      kind: "member",
      channel: "api_key",
      userId: row.user_id,
      email: row.user_email,
      name: row.user_name,
      apiKey: { id: row.id, name: row.name, readOnly: row.read_only },
    },
    account: accountFrom(row),
    role: row.role,
    key: { ...keyInfo(row), readOnly: row.read_only },
  };
}

function platformCredential(row: PlatformKeyRow): PlatformCredential {
  const scopes: Scope[] = row.scopes.filter(isScope);
  return { kind: "platform", actor: { kind: "platform", channel: "platform_key", platformKey: { id: row.id, name: row.name }, scopes }, key: keyInfo(row) };
}

/** Counts a failed key check against the caller's address: 401 within the budget, 429 past it. */
async function failed(code: CredentialRefusalCode, request: RequestInfo): Promise<CredentialResult> {
  const state = await hitRateLimit(`api-key-failures:${request.ip ?? "unknown"}`, failedKeyRule);
  const failures = { limit: failedKeyRule.limit, remaining: Math.max(0, failedKeyRule.limit - state.count), resetSeconds: state.retryAfterSeconds };
  return state.allowed ? { ok: false, code, failures } : { ok: false, code: "rate_limited", failures };
}

/** The use of a revoked or expired key, audited at most once a minute per key (across instances). */
async function auditRejection(credential: ApiCredential, reason: "revoked" | "expired", request: RequestInfo) {
  const first = await hitRateLimit(`api-key-rejected:${credential.key.id}`, { limit: 1, windowSeconds: rejectionAuditSeconds });
  if (!first.allowed) return;
  const event = {
    action: "api_key.rejected",
    targetType: credential.kind === "member" ? "api_key" : "platform_key",
    targetId: credential.key.id,
    metadata: { reason, name: credential.key.name, prefix: credential.key.displayPrefix },
  };
  if (credential.kind === "member") await recordAuditEvent(db, { actor: credential.actor, request, account: credential.account }, event);
  else await recordAuditEvent(db, { actor: credential.actor, request }, { ...event, accountId: null });
}

/**
 * Who is calling: a member key or a platform key from `Authorization: Bearer`, or why not. A key in
 * the query string is refused before anything else (and is not looked at).
 */
export async function resolveApiCredential(url: URL, headers: Pick<Headers, "get">, request: RequestInfo): Promise<CredentialResult> {
  if (credentialsInQuery(url)) return { ok: false, code: "credentials_in_query" };
  const token = bearerToken(headers);
  if (token === null) return { ok: false, code: "unauthenticated" };
  const kind = token === "malformed" ? null : tokenKind(token);
  if (token === "malformed" || kind === null) return failed("invalid_api_key", request);

  const secretHash = hashSecret(token);
  const row = kind === "apiKey" ? await findMemberKey(secretHash, request) : await findPlatformKey(secretHash, request);
  if (!row || !sameHash(row.secret_hash, secretHash)) return failed("invalid_api_key", request);
  const credential = kind === "apiKey" ? memberCredential(row as MemberKeyRow) : platformCredential(row as PlatformKeyRow);
  if (row.revoked || row.expired) {
    const reason = row.revoked ? "revoked" : "expired";
    await auditRejection(credential, reason, request);
    return failed(row.revoked ? "api_key_revoked" : "api_key_expired", request);
  }
  return { ok: true, credential };
}

/**
 * The account context a credential acts in, for the account with this slug; null exactly as for a
 * missing account. A member key acts only in its own account (any other slug looks missing), with
 * the role its owner has now; a platform key in any account, with no role (its scopes decide).
 */
export async function apiAccountContext(credential: ApiCredential, slug: string, request: RequestInfo): Promise<AccountContext | null> {
  if (typeof slug !== "string" || !/^[a-z0-9-]{1,64}$/i.test(slug)) return null;
  const wanted = slug.toLowerCase();
  if (credential.kind === "member") {
    if (credential.account.slug !== wanted) return null;
    return { actor: credential.actor, request, account: credential.account, accountKind: credential.account.kind, role: credential.role };
  }
  const [account] = await db.select().from(accounts).where(eq(accounts.slug, wanted));
  if (!account) return null;
  return { actor: credential.actor, request, account, accountKind: account.kind, role: null };
}
