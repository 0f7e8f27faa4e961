import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { invoices } from "@/db/schema";
import type { AccountContext } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/can";
import { invoiceListColumns, type InvoiceListRow } from "./queries";

/** A position in the invoice list: the exact issue time (PostgreSQL text) and id of the last one seen. */
export type InvoicePosition = [issuedAt: string, id: string];

/** The account's invoices, newest first, a page after a position: keyset on invoices_account_issued_idx. */
export async function listInvoicesAfter(ctx: AccountContext, query: { limit: number; after: InvoicePosition | null }) {
  assertCan(ctx, "billing.view");
  const rows = await db
    .select({ ...invoiceListColumns, issuedAtText: sql<string>`${invoices.issuedAt}::text` })
    .from(invoices)
    .where(and(eq(invoices.accountId, ctx.account.id), query.after ? sql`(${invoices.issuedAt}, ${invoices.id}) < (${query.after[0]}::timestamptz, ${query.after[1]}::uuid)` : undefined))
    .orderBy(desc(invoices.issuedAt), desc(invoices.id))
    .limit(query.limit + 1);
  return {
    rows: rows.slice(0, query.limit).map(({ issuedAtText, ...row }) => ({ ...(row as InvoiceListRow), position: [issuedAtText, row.id] as InvoicePosition })),
    more: rows.length > query.limit,
  };
}
