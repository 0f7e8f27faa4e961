import "server-only";
import { eq } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { invoices } from "@/db/schema";
import { INVOICE_NUMBER_PATTERN } from "./numbering";
import { withLinesAndPayments, type InvoiceDetail } from "./queries";

/**
 * Any invoice by its number, whatever account it belongs to, including one whose account was
 * deleted (account_id null): for the operator's command line only (`npm run invoice:pdf`), never a
 * request handler, which must go through `findInvoice` and the caller's account.
 */
export async function findInvoiceForOperator(number: string, executor: Executor = db): Promise<InvoiceDetail | null> {
  if (!INVOICE_NUMBER_PATTERN.test(number)) return null;
  const [invoice] = await executor.select().from(invoices).where(eq(invoices.number, number));
  if (!invoice) return null;
  return withLinesAndPayments(invoice, executor);
}
