import "server-only";
import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

export interface RateLimitState {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/**
 * Counts one hit for `key` in a fixed window kept in PostgreSQL (so it holds across app instances)
 * and tells whether the caller is still under the limit. One atomic upsert, no race.
 */
export async function hitRateLimit(key: string, rule: RateLimitRule, executor: Executor = db): Promise<RateLimitState> {
  const result = await executor.execute<{ count: number; window_started_at: string }>(sql`
    insert into rate_limit_buckets (key, count, window_started_at) values (${key}, 1, now())
    on conflict (key) do update set
      count = case when rate_limit_buckets.window_started_at < now() - make_interval(secs => ${rule.windowSeconds})
                   then 1 else rate_limit_buckets.count + 1 end,
      window_started_at = case when rate_limit_buckets.window_started_at < now() - make_interval(secs => ${rule.windowSeconds})
                   then now() else rate_limit_buckets.window_started_at end
    returning count, window_started_at`);
  const row = result.rows[0]!;
  const elapsed = (Date.now() - new Date(row.window_started_at).getTime()) / 1000;
  return {
    allowed: row.count <= rule.limit,
    count: row.count,
    retryAfterSeconds: Math.max(1, Math.ceil(rule.windowSeconds - elapsed)),
  };
}

/** Reads the current window without counting a hit. */
export async function peekRateLimit(key: string, rule: RateLimitRule, executor: Executor = db): Promise<RateLimitState> {
  const result = await executor.execute<{ count: number; window_started_at: string }>(sql`
    select count, window_started_at from rate_limit_buckets
    where key = ${key} and window_started_at >= now() - make_interval(secs => ${rule.windowSeconds})`);
  const row = result.rows[0];
  if (!row) return { allowed: true, count: 0, retryAfterSeconds: 0 };
  const elapsed = (Date.now() - new Date(row.window_started_at).getTime()) / 1000;
  return { allowed: row.count < rule.limit, count: row.count, retryAfterSeconds: Math.max(1, Math.ceil(rule.windowSeconds - elapsed)) };
}

export async function clearRateLimit(key: string, executor: Executor = db) {
  await executor.execute(sql`delete from rate_limit_buckets where key = ${key}`);
}

/** Deletes every bucket whose key starts with `prefix` (all the networks' counters of one account, say). */
export async function clearRateLimitsWithPrefix(prefix: string, executor: Executor = db) {
  await executor.execute(sql`delete from rate_limit_buckets where starts_with(key, ${prefix})`);
}

/** Takes back one hit counted for `key` (an attempt that turned out to be legitimate, say). */
export async function refundRateLimitHit(key: string, executor: Executor = db) {
  await executor.execute(sql`update rate_limit_buckets set count = greatest(count - 1, 0) where key = ${key}`);
}
