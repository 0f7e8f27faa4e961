/**
 * Shared by the benchmarks in scripts/bench/ (not timed tests: they print figures for the README's
 * "Speed" section). They talk to a running console over HTTP and prepare their data directly in the
 * database the console uses (DATABASE_URL), with set-based inserts.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { apiKeys, platformKeys } from "@/db/schema";
import { newToken } from "@/lib/api-keys/token";
import type { Scope } from "@/lib/authz/scopes";

/** The console to measure: BENCH_URL, else APP_URL, else what `npm start` serves. */
export function consoleUrl(): string {
  return (process.env.BENCH_URL ?? process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}

export function runId(): string {
  return randomUUID().slice(0, 8);
}

export function numberFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === "") return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number, not ${value}`);
  return parsed;
}

/** A platform key with these scopes, written straight into platform_keys; the secret is returned. */
export async function createPlatformKey(name: string, scopes: Scope[]): Promise<string> {
  const token = newToken("platformKey");
  await db.insert(platformKeys).values({ name, scopes, secretHash: token.secretHash, displayPrefix: token.displayPrefix, last4: token.last4 });
  return token.token;
}

/** A member's API key for one account (the membership must exist); the secret is returned. */
export async function createMemberKey(accountId: string, userId: string, name: string): Promise<string> {
  const token = newToken("apiKey");
  await db.insert(apiKeys).values({ accountId, userId, name, secretHash: token.secretHash, displayPrefix: token.displayPrefix, last4: token.last4 });
  return token.token;
}

/** An organization with `members` members (the first is its owner), in three statements. */
export async function seedOrganization(slug: string, members: number): Promise<{ accountId: string; ownerId: string }> {
  return db.transaction(async (tx) => {
    const [account] = (
      await tx.execute<{ id: string }>(sql`insert into accounts (kind, name, slug, status) values ('organization', ${`Bench ${slug}`}, ${slug}, 'active') returning id`)
    ).rows;
    const users = await tx.execute<{ id: string; n: number }>(sql`
      with created as (
        insert into users (name, email, email_verified)
        select 'Bench member ' || n, ${slug} || '-' || n || '@bench.example', now() from generate_series(1, ${members}) n
        returning id, email)
      select id, split_part(split_part(email, '@', 1), '-', -1)::int as n from created`);
    const ownerId = users.rows.find((row) => Number(row.n) === 1)!.id;
    await tx.execute(sql`
      insert into memberships (account_id, user_id, role)
      select ${account!.id}::uuid, id, case when id = ${ownerId}::uuid then 'owner'::role else 'member'::role end
      from unnest(${sql.param(users.rows.map((row) => row.id))}::uuid[]) as u(id)`);
    return { accountId: account!.id, ownerId };
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function machine(): string {
  // Reported with the figures, so a reader knows what they were measured on.
  return `${process.platform} ${process.arch}, Node ${process.version}`;
}
