import type { ReactNode } from "react";
import { requireInvoice } from "./invoice";

/** Looked up above the page's loading boundary, so an unknown (or another account's) number is a real 404. */
export default async function InvoiceLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string; number: string }> }) {
  const { slug, number } = await params;
  await requireInvoice(slug, number);
  return children;
}
