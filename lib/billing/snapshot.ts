import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { invoices, ledgerEntries } from "@/db/schema";
import type { AccountContext } from "@/lib/authz/account-context";
import { assertCan } from "@/lib/authz/can";
import { config } from "@/lib/config";

/** What the overview shows of money: the balance and the last invoice, in one round trip. */
export async function billingSnapshot(ctx: AccountContext) {
  assertCan(ctx, "billing.view");
  const [balance, [lastInvoice]] = await Promise.all([
    db
      .select({ minor: sql<string>`coalesce(sum(${ledgerEntries.amountMinor}), 0)` })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.accountId, ctx.account.id)),
    db
      .select({ number: invoices.number, totalMinor: invoices.totalMinor, currency: invoices.currency, status: invoices.status, issuedAt: invoices.issuedAt })
      .from(invoices)
      .where(and(eq(invoices.accountId, ctx.account.id)))
      .orderBy(desc(invoices.issuedAt), desc(invoices.id))
      .limit(1),
  ]);
  return { balanceMinor: Number(balance[0]?.minor ?? 0), currency: config().CURRENCY, lastInvoice: lastInvoice ?? null };
}
