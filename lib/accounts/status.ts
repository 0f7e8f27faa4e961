import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { invoices, type Account } from "@/db/schema";
import type { AccountContext } from "@/lib/authz/actor";
import { assertCan, can } from "@/lib/authz/can";
import { billingSnapshot } from "@/lib/billing/snapshot";
import { monthToDateEstimate, type MonthToDateEstimate } from "@/lib/consumption/queries";

/** Why an account is suspended: a new organization waits for its first payment, or an invoice stayed unpaid. */
export type StatusReason = { code: "awaiting_first_payment"; invoiceNumber: null } | { code: "unpaid_invoice"; invoiceNumber: string };

export interface AccountStatus {
  account: Account;
  reason: StatusReason | null;
  /** Only for who may see billing (billing.view): the credit balance and the current month's estimate. */
  billing: { balanceMinor: number; currency: string; estimate: MonthToDateEstimate } | null;
}

/**
 * What the platform reads about an account: its status and why, and, for who may see billing, its
 * balance and month-to-date estimate (the overview's figures). A suspended account with a failed
 * invoice is suspended for it (paying it activates the account); otherwise it awaits its first
 * payment (a new organization starts suspended, NEW_ORGANIZATION_STATUS).
 */
export async function accountStatus(ctx: AccountContext, now: Date = new Date()): Promise<AccountStatus> {
  assertCan(ctx, "account.view");
  const [reason, billing] = await Promise.all([suspensionReason(ctx.account), can(ctx, "billing.view") ? billingFigures(ctx, now) : null]);
  return { account: ctx.account, reason, billing };
}

async function suspensionReason(account: Account): Promise<StatusReason | null> {
  if (account.status !== "suspended") return null;
  const [failed] = await db
    .select({ number: invoices.number })
    .from(invoices)
    .where(and(eq(invoices.accountId, account.id), eq(invoices.status, "failed")))
    .orderBy(desc(invoices.issuedAt))
    .limit(1);
  return failed ? { code: "unpaid_invoice", invoiceNumber: failed.number } : { code: "awaiting_first_payment", invoiceNumber: null };
}

async function billingFigures(ctx: AccountContext, now: Date) {
  const [snapshot, estimate] = await Promise.all([billingSnapshot(ctx), monthToDateEstimate(ctx, now)]);
  return { balanceMinor: snapshot.balanceMinor, currency: snapshot.currency, estimate };
}
