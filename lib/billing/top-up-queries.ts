import "server-only";
import { desc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { ledgerEntries } from "@/db/schema";
import type { AccountContext } from "@/lib/authz/account-context";
import { assertCan } from "@/lib/authz/can";
import { config } from "@/lib/config";
import { accountBalanceMinor } from "./ledger";

/** How each kind of ledger entry is named on screen; unknown kinds fall back to their code. */
export const ledgerKindLabels: Record<string, string> = {
  top_up: "Top-up",
  usage_charge: "Usage",
  coupon_grant: "Coupon",
  invoice_payment: "Invoice payment",
  adjustment: "Adjustment",
};

export const RECENT_LEDGER_ENTRIES = 10;

/** The balance (the sum of the whole ledger) and its most recent entries, for the credits section. */
export async function creditsOverview(ctx: AccountContext) {
  assertCan(ctx, "billing.view");
  const [balanceMinor, entries] = await Promise.all([
    accountBalanceMinor(ctx.account.id),
    db
      .select({
        id: ledgerEntries.id,
        kind: ledgerEntries.kind,
        amountMinor: ledgerEntries.amountMinor,
        currency: ledgerEntries.currency,
        description: ledgerEntries.description,
        createdAt: ledgerEntries.createdAt,
      })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.accountId, ctx.account.id))
      .orderBy(desc(ledgerEntries.createdAt), desc(ledgerEntries.id))
      .limit(RECENT_LEDGER_ENTRIES),
  ]);
  const { CURRENCY, LOW_BALANCE_THRESHOLD_MINOR } = config();
  return { balanceMinor, currency: CURRENCY, isLow: balanceMinor < LOW_BALANCE_THRESHOLD_MINOR, entries };
}
