import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";

/**
 * Usage writers take this lock shared (they do not block each other); the billing run takes it
 * exclusively for the account while it reads a month's usage and issues the invoice.
 */
export async function lockUsagePeriodsShared(tx: Executor, accountId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(hashtextextended('usage-periods:' || ${accountId}::text, 0))`);
}

export async function lockUsagePeriodsExclusive(tx: Executor, accountId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('usage-periods:' || ${accountId}::text, 0))`);
}
