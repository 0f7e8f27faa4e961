import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { accounts } from "@/db/schema";
import { config } from "@/lib/config";
import { queueMail } from "@/lib/mail/outbox";
import { mailLayout } from "@/lib/mail/templates";
import { billingContactEmails } from "./contacts";
import { formatMoney } from "./money";

/**
 * Mail to the people who handle money (members with billing rights, and the billing profile's
 * address) when credits run low or the account is suspended. Call these inside the transaction that
 * debits the ledger or suspends the account, so the mail exists exactly when its cause does.
 */

async function accountFor(tx: Executor, accountId: string) {
  const [account] = await tx.select({ name: accounts.name, slug: accounts.slug, kind: accounts.kind }).from(accounts).where(eq(accounts.id, accountId));
  return account ?? null;
}

/** True when a balance going from `previous` to `next` falls below the threshold: once per crossing, not at every debit below it. */
export function crossesLowBalance(previousMinor: number, nextMinor: number, thresholdMinor = config().LOW_BALANCE_THRESHOLD_MINOR): boolean {
  return previousMinor >= thresholdMinor && nextMinor < thresholdMinor;
}

export function lowBalanceMail(to: string, account: { name: string; slug: string }, balanceMinor: number, thresholdMinor: number, currency: string) {
  return mailLayout(to, `Low credit balance for ${account.name}`, [
    `The credit balance of ${account.name} is now ${formatMoney(balanceMinor, currency)}, below ${formatMoney(thresholdMinor, currency)}.`,
    "Usage and invoices are paid from credits first. Top up to keep them covered:",
    `${config().APP_URL}/${account.slug}/billing`,
  ]);
}

export function suspendedMail(to: string, account: { name: string; slug: string; kind: string }, reason?: string) {
  const what = account.kind === "organization" ? "organization" : "account";
  return mailLayout(to, `${account.name} is suspended`, [
    `The ${what} ${account.name} is suspended${reason ? `: ${reason}` : "."}`,
    `It becomes active again with its next successful payment:`,
    `${config().APP_URL}/${account.slug}/billing`,
  ]);
}

/**
 * Mails the billing contacts when a debit takes the balance below LOW_BALANCE_THRESHOLD_MINOR.
 * Pass the balance before and after the debit (read under lockAccountForBilling). Returns whether
 * mail was queued.
 */
export async function notifyIfBalanceLow(tx: Executor, accountId: string, previousBalanceMinor: number, newBalanceMinor: number): Promise<boolean> {
  const { LOW_BALANCE_THRESHOLD_MINOR, CURRENCY } = config();
  if (!crossesLowBalance(previousBalanceMinor, newBalanceMinor, LOW_BALANCE_THRESHOLD_MINOR)) return false;
  const account = await accountFor(tx, accountId);
  if (!account) return false;
  const recipients = await billingContactEmails(tx, accountId);
  for (const to of recipients) await queueMail(tx, lowBalanceMail(to, account, newBalanceMinor, LOW_BALANCE_THRESHOLD_MINOR, CURRENCY));
  return recipients.length > 0;
}

/** Mails the billing contacts that the account was suspended (call in the transaction that suspends it). */
export async function notifySuspended(tx: Executor, accountId: string, reason?: string): Promise<boolean> {
  const account = await accountFor(tx, accountId);
  if (!account) return false;
  const recipients = await billingContactEmails(tx, accountId);
  for (const to of recipients) await queueMail(tx, suspendedMail(to, account, reason));
  return recipients.length > 0;
}
