import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { accounts, memberships, type Account } from "@/db/schema";
import type { Role } from "@/lib/authz/roles";
import { PublicError } from "@/lib/errors";

/**
 * Locks the organization's row for the rest of the transaction. Every change to its memberships
 * takes this lock first, so two requests that could together leave it without an owner run one
 * after the other, and the second sees what the first did.
 */
export async function lockOrganization(tx: Transaction, accountId: string): Promise<Account> {
  const [account] = await tx.select().from(accounts).where(eq(accounts.id, accountId)).for("update");
  if (!account) throw new PublicError("account_not_found", "This organization no longer exists.");
  return account;
}

/** Current roles of these users in the organization, read inside the lock (never from the request). */
export async function currentRoles(tx: Transaction, accountId: string, userIds: string[]): Promise<Map<string, Role>> {
  const rows = await tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.accountId, accountId), inArray(memberships.userId, userIds)));
  return new Map(rows.map((row) => [row.userId, row.role]));
}

export async function ownerCount(tx: Transaction, accountId: string): Promise<number> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.accountId, accountId), eq(memberships.role, "owner")));
  return rows.length;
}
