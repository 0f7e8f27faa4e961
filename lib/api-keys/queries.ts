import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { apiKeys, users } from "@/db/schema";
import type { AccountContext } from "@/lib/authz/actor";
import { assertCan, can, ForbiddenError } from "@/lib/authz/can";
import type { ApiKeyCursor } from "./schemas";

export const apiKeyPageSize = 20;

export type ApiKeyStatus = "active" | "expired" | "revoked";

/** What a screen may show of a key: never its hash. */
export interface ApiKeyListItem {
  id: string;
  name: string;
  displayPrefix: string;
  last4: string;
  readOnly: boolean;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  revokedAt: Date | null;
  status: ApiKeyStatus;
  owner: { userId: string; name: string; email: string };
}

export interface ApiKeyPage {
  /** "all": every member's keys (apiKeys.manageAll); "own": the caller's. */
  scope: "own" | "all";
  keys: ApiKeyListItem[];
  newer: ApiKeyCursor | null;
  older: ApiKeyCursor | null;
}

const columns = {
  id: apiKeys.id,
  name: apiKeys.name,
  displayPrefix: apiKeys.displayPrefix,
  last4: apiKeys.last4,
  readOnly: apiKeys.readOnly,
  createdAt: apiKeys.createdAt,
  expiresAt: apiKeys.expiresAt,
  lastUsedAt: apiKeys.lastUsedAt,
  lastUsedIp: apiKeys.lastUsedIp,
  revokedAt: apiKeys.revokedAt,
  // The database's clock, as the per-request key check uses it.
  status: sql<ApiKeyStatus>`case when ${apiKeys.revokedAt} is not null then 'revoked' when ${apiKeys.expiresAt} <= now() then 'expired' else 'active' end`,
  ownerId: apiKeys.userId,
  ownerName: users.name,
  ownerEmail: users.email,
};

/**
 * Keys strictly older (or newer) than the key with this id, in (created_at, id) order, as
 * api_keys_account_created_idx keeps them. The id is looked up within the account, so a cursor
 * from another account matches nothing.
 */
function beyond(accountId: string, cursor: ApiKeyCursor): SQL {
  const operator = sql.raw(cursor.direction === "older" ? "<" : ">");
  return sql`(${apiKeys.createdAt}, ${apiKeys.id}) ${operator} (select k.created_at, k.id from ${apiKeys} k where k.id = ${cursor.keyId} and k.account_id = ${accountId})`;
}

const newestFirst = [sql`${apiKeys.createdAt} desc`, sql`${apiKeys.id} desc`];
const oldestFirst = [sql`${apiKeys.createdAt} asc`, sql`${apiKeys.id} asc`];

/**
 * One page of the account's keys, newest first: the caller's own, or with apiKeys.manageAll every
 * member's (with their owner). Revoked and expired keys stay listed with their status. At most two
 * queries whatever the number of keys.
 */
export async function listApiKeys(ctx: AccountContext, cursor: ApiKeyCursor | null = null, pageSize = apiKeyPageSize): Promise<ApiKeyPage> {
  assertCan(ctx, "account.view");
  const all = can(ctx, "apiKeys.manageAll");
  if (!all && ctx.actor.kind !== "member") throw new ForbiddenError("apiKeys.manageAll");
  const scope = all ? "all" : "own";
  const accountId = ctx.account.id;
  const filter = ctx.actor.kind === "member" && !all ? and(eq(apiKeys.accountId, accountId), eq(apiKeys.userId, ctx.actor.userId))! : eq(apiKeys.accountId, accountId);
  const rows = await db
    .select(columns)
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(cursor ? and(filter, beyond(accountId, cursor)) : filter)
    .orderBy(...(cursor?.direction === "newer" ? oldestFirst : newestFirst))
    .limit(pageSize + 1);
  const more = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (cursor?.direction === "newer") page.reverse();
  const keys = page.map(({ ownerId, ownerName, ownerEmail, ...key }) => ({ ...key, owner: { userId: ownerId, name: ownerName, email: ownerEmail } }));
  const newest = keys[0];
  const oldest = keys[keys.length - 1];
  if (!newest || !oldest) return { scope, keys: [], newer: null, older: null };

  const toNewer: ApiKeyCursor = { direction: "newer", keyId: newest.id };
  const toOlder: ApiKeyCursor = { direction: "older", keyId: oldest.id };
  if (!cursor) return { scope, keys, newer: null, older: more ? toOlder : null };
  const otherWay = cursor.direction === "older" ? toNewer : toOlder;
  const [other] = await db
    .select({ exists: sql<boolean>`true` })
    .from(apiKeys)
    .where(and(filter, beyond(accountId, otherWay)))
    .limit(1);
  return cursor.direction === "older"
    ? { scope, keys, newer: other ? toNewer : null, older: more ? toOlder : null }
    : { scope, keys, newer: more ? toNewer : null, older: other ? toOlder : null };
}
