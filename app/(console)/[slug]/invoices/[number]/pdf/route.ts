import { notFound } from "next/navigation";
import { requireAccountContext } from "@/lib/authz/context";
import { invoiceNumberFromPath } from "@/lib/invoices/numbering";
import { invoicePdfDownload } from "@/lib/invoices/pdf";

/** The invoice's PDF, streamed as an attachment; a 404 for anyone who may not see it, as for the page. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string; number: string }> }) {
  const { slug, number } = await params;
  const ctx = await requireAccountContext(slug, "billing.view");
  const download = await invoicePdfDownload(ctx, invoiceNumberFromPath(number));
  if (!download) notFound();
  return new Response(download.body, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${download.filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
