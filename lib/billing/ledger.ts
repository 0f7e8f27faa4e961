import "server-only";
import { eq, sql } from "drizzle-orm";
import { db, type Executor, type Transaction } from "@/db/client";
import { accounts, ledgerEntries } from "@/db/schema";
import { PublicError } from "@/lib/errors";

export type LedgerKind = (typeof ledgerEntries.kind.enumValues)[number];

export interface LedgerEntryInput {
  accountId: string;
  kind: LedgerKind;
  /** Credits positive, debits negative; never zero. */
  amountMinor: number;
  currency: string;
  description: string;
  reference?: { type: string; id: string };
  createdById?: string | null;
}

/**
 * Locks the account row for a billing change. Everything that reads a balance and then writes the
 * ledger (paying an invoice from credits, a top-up) takes this lock first, so the balance it saw
 * is still the balance when it writes.
 */
export async function lockAccountForBilling(tx: Transaction, accountId: string) {
  const [account] = await tx.select().from(accounts).where(eq(accounts.id, accountId)).for("update");
  if (!account) throw new PublicError("account_not_found", "This account no longer exists.");
  return account;
}

export async function appendLedgerEntry(tx: Executor, entry: LedgerEntryInput) {
  const [row] = await tx
    .insert(ledgerEntries)
    .values({
      accountId: entry.accountId,
      kind: entry.kind,
      amountMinor: entry.amountMinor,
      currency: entry.currency,
      description: entry.description,
      referenceType: entry.reference?.type ?? null,
      referenceId: entry.reference?.id ?? null,
      createdById: entry.createdById ?? null,
    })
    .returning();
  return row!;
}

/** The balance is the sum of the ledger, always: there is no stored balance to drift from it. */
export async function accountBalanceMinor(accountId: string, executor: Executor = db): Promise<number> {
  const [row] = await executor
    .select({ balance: sql<string>`coalesce(sum(${ledgerEntries.amountMinor}), 0)` })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.accountId, accountId));
  return Number(row?.balance ?? 0);
}
