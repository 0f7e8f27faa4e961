import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireAccountContext } from "@/lib/authz/context";
import { invoiceNumberFromPath } from "@/lib/invoices/numbering";
import { findInvoice } from "@/lib/invoices/queries";

/** The invoice with this number in this account, once per request; a 404 for anyone else's number. */
export const requireInvoice = cache(async (slug: string, number: string) => {
  const ctx = await requireAccountContext(slug, "billing.view");
  const detail = await findInvoice(ctx, invoiceNumberFromPath(number));
  if (!detail) notFound();
  return { ctx, ...detail };
});
