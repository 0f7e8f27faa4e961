import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { invoices } from "@/db/schema";
import type { AccountContext } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/can";
import { PublicError } from "@/lib/errors";
import { collectInvoicePayment, type CollectionResult } from "./collect";

/**
 * "Pay now" on a failed invoice: one more attempt, at once, by a member who manages billing
 * (credits first, then the default card, as the automatic attempts). The lookup is by number within
 * the caller's account, so another account's number is simply unknown.
 */
export async function payInvoiceNow(ctx: AccountContext, number: string): Promise<Extract<CollectionResult, { status: "paid" | "failed" }>> {
  assertCan(ctx, "billing.manage");
  const [invoice] = await db
    .select({ id: invoices.id, status: invoices.status })
    .from(invoices)
    .where(and(eq(invoices.accountId, ctx.account.id), eq(invoices.number, number)));
  if (!invoice) throw new PublicError("invoice_not_found", "This invoice does not exist.");
  if (invoice.status === "paid") throw new PublicError("invoice_already_paid", "This invoice is already paid.");
  if (invoice.status !== "failed") throw new PublicError("invoice_not_payable", "Only an invoice whose payment failed can be paid now.");
  const result = await collectInvoicePayment(invoice.id, ctx);
  if (result.status === "skipped") {
    if (result.reason === "settled") throw new PublicError("invoice_already_paid", "This invoice is already paid.");
    throw new PublicError("invoice_payment_in_progress", "A payment of this invoice is already under way. Reload the page in a moment.");
  }
  return result;
}
