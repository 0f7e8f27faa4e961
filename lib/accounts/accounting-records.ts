import "server-only";
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { db, type Executor, type Transaction } from "@/db/client";
import { invoices } from "@/db/schema";
import { accountBalanceMinor, appendLedgerEntry } from "@/lib/billing/ledger";
import { formatMoney } from "@/lib/billing/money";
import { config } from "@/lib/config";
import { PublicError } from "@/lib/errors";

/**
 * Deleting an account never erases its accounting records. Invoices (with their lines), payments
 * and ledger entries are kept, detached from the account (account_id becomes null through ON
 * DELETE SET NULL; triggers refuse their deletion) and still carry the buyer snapshot taken at
 * issue, so numbering stays gapless and the operator can still produce them. What the account
 * still owes cannot be detached: an open or failed invoice blocks the deletion until it is paid.
 */

export interface DeletionConsequences {
  /** Invoices that will be kept as records. */
  issuedInvoices: number;
  /** Open or failed invoices, by number: they block the deletion. */
  unsettledInvoiceNumbers: string[];
  /** Remaining credit, forfeited on deletion. */
  creditMinor: number;
  currency: string;
}

async function unsettledInvoiceNumbers(executor: Executor, accountId: string): Promise<string[]> {
  const rows = await executor
    .select({ number: invoices.number })
    .from(invoices)
    .where(and(eq(invoices.accountId, accountId), inArray(invoices.status, ["open", "failed"])))
    .orderBy(asc(invoices.sequence));
  return rows.map((row) => row.number);
}

/** What deleting this account does to its invoices and credit, for the delete dialog. */
export async function deletionConsequences(accountId: string, executor: Executor = db): Promise<DeletionConsequences> {
  const [issued] = await executor.select({ n: count() }).from(invoices).where(eq(invoices.accountId, accountId));
  return {
    issuedInvoices: issued?.n ?? 0,
    unsettledInvoiceNumbers: await unsettledInvoiceNumbers(executor, accountId),
    creditMinor: Math.max(0, await accountBalanceMinor(accountId, executor)),
    currency: config().CURRENCY,
  };
}

export function unsettledInvoicesMessage(numbers: string[], what: "the organization" | "your account"): string {
  const list = numbers.length === 1 ? `Invoice ${numbers[0]} is` : `Invoices ${numbers.slice(0, -1).join(", ")} and ${numbers.at(-1)} are`;
  return `${list} not paid yet. Pay ${numbers.length === 1 ? "it" : "them"} on the Invoices page, or contact the operator, before deleting ${what}.`;
}

/**
 * Inside the deleting transaction, with the account row locked (so no invoice is issued or paid
 * meanwhile): refuses while an invoice is unpaid, then writes off the remaining credit with an
 * adjustment, so the detached ledger sums to zero. Returns what was kept and forfeited, for the audit event.
 */
export async function settleAccountForDeletion(tx: Transaction, accountId: string, what: "the organization" | "your account", actorId: string) {
  const { issuedInvoices, unsettledInvoiceNumbers: unsettled, creditMinor, currency } = await deletionConsequences(accountId, tx);
  if (unsettled.length > 0) throw new PublicError("unpaid_invoices", unsettledInvoicesMessage(unsettled, what));
  if (creditMinor > 0) {
    await appendLedgerEntry(tx, {
      accountId,
      kind: "adjustment",
      amountMinor: -creditMinor,
      currency,
      description: "Remaining credit forfeited: the account was deleted",
      createdById: actorId,
    });
  }
  return { invoicesKept: issuedInvoices, creditForfeited: creditMinor > 0 ? formatMoney(creditMinor, currency) : null };
}
