import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { invoiceLines, invoices, paymentMethods, payments } from "@/db/schema";
import type { AccountContext } from "@/lib/authz/account-context";
import { assertCan } from "@/lib/authz/can";
import { INVOICE_NUMBER_PATTERN } from "./numbering";

export const INVOICES_PAGE_SIZE = 20;

export type Invoice = typeof invoices.$inferSelect;
export type InvoiceLine = typeof invoiceLines.$inferSelect;
export type InvoiceStatus = Invoice["status"];

export interface InvoiceListRow {
  id: string;
  number: string;
  periodStart: string;
  periodEnd: string;
  status: InvoiceStatus;
  currency: string;
  totalMinor: number;
  issuedAt: Date;
}

/** The columns of a listed invoice (the invoices screen's and the API's). */
export const invoiceListColumns = {
  id: invoices.id,
  number: invoices.number,
  periodStart: invoices.periodStart,
  periodEnd: invoices.periodEnd,
  status: invoices.status,
  currency: invoices.currency,
  totalMinor: invoices.totalMinor,
  issuedAt: invoices.issuedAt,
};

/**
 * One page of the account's invoices, newest first, in SQL on invoices_account_issued_idx, with the
 * total from a window count in the same query.
 */
export async function listInvoices(ctx: AccountContext, page: number) {
  assertCan(ctx, "billing.view");
  const where = eq(invoices.accountId, ctx.account.id);
  const rows = await db
    .select({ ...invoiceListColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(invoices)
    .where(where)
    .orderBy(desc(invoices.issuedAt), desc(invoices.id))
    .limit(INVOICES_PAGE_SIZE)
    .offset((page - 1) * INVOICES_PAGE_SIZE);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page > 1) {
    const [count] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(invoices).where(where);
    total = count?.n ?? 0;
  }
  return {
    rows: rows.map(({ total: _total, ...row }) => row as InvoiceListRow),
    total,
    pageCount: Math.max(1, Math.ceil(total / INVOICES_PAGE_SIZE)),
  };
}

export interface InvoicePayment {
  id: string;
  amountMinor: number;
  currency: string;
  status: "succeeded" | "failed";
  failureMessage: string | null;
  createdAt: Date;
  card: { brand: string; last4: string } | null;
}

export interface InvoiceDetail {
  invoice: Invoice;
  lines: InvoiceLine[];
  payments: InvoicePayment[];
}

/** An invoice's lines and card payments (payments of an invoice are its account's). */
export async function withLinesAndPayments(invoice: Invoice, executor: Executor = db): Promise<InvoiceDetail> {
  const [lines, attempts] = await Promise.all([
    executor.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).orderBy(asc(invoiceLines.position)),
    executor
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
      .orderBy(asc(payments.createdAt)),
  ]);
  return {
    invoice,
    lines,
    payments: attempts.map(({ brand, last4, ...payment }) => ({ ...payment, card: brand && last4 ? { brand, last4 } : null })),
  };
}

/**
 * An invoice of this account by its number, with its lines and card payments; null for a number
 * that is not this account's, exactly as for one that does not exist.
 */
export async function findInvoice(ctx: AccountContext, number: string): Promise<InvoiceDetail | null> {
  assertCan(ctx, "billing.view");
  if (typeof number !== "string" || !INVOICE_NUMBER_PATTERN.test(number)) return null;
  const [invoice] = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.accountId, ctx.account.id), eq(invoices.number, number)));
  if (!invoice) return null;
  return withLinesAndPayments(invoice);
}
