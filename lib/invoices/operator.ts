import "server-only";
import { asc, eq } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { invoiceLines, invoices, paymentMethods, payments } from "@/db/schema";
import { INVOICE_NUMBER_PATTERN } from "./numbering";
import type { InvoiceDetail } from "./queries";

/**
 * Any invoice by its number, whatever account it belongs to, including one whose account was
 * deleted (account_id null): for the operator's command line only (`npm run invoice:pdf`), never a
 * request handler, which must go through `findInvoice` and the caller's account.
 */
export async function findInvoiceForOperator(number: string, executor: Executor = db): Promise<InvoiceDetail | null> {
  if (!INVOICE_NUMBER_PATTERN.test(number)) return null;
  const [invoice] = await executor.select().from(invoices).where(eq(invoices.number, number));
  if (!invoice) return null;
  const lines = await executor.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).orderBy(asc(invoiceLines.position));
  const attempts = await executor
    .select({
      id: payments.id,
      amountMinor: payments.amountMinor,
      currency: payments.currency,
      status: payments.status,
      failureMessage: payments.failureMessage,
      createdAt: payments.createdAt,
      brand: paymentMethods.brand,
      last4: paymentMethods.last4,
    })
    .from(payments)
    .leftJoin(paymentMethods, eq(paymentMethods.id, payments.paymentMethodId))
    .where(eq(payments.invoiceId, invoice.id))
    .orderBy(asc(payments.createdAt));
  return { invoice, lines, payments: attempts.map(({ brand, last4, ...payment }) => ({ ...payment, card: brand && last4 ? { brand, last4 } : null })) };
}
