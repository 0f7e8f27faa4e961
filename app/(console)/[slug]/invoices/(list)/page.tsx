import { ReceiptText } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireAccountContext } from "@/lib/authz/context";
import { formatMoney } from "@/lib/billing/money";
import { formatDay, invoicePeriodLabel, invoiceStatusLabels, invoiceStatusTones } from "@/lib/invoices/format";
import { listInvoices } from "@/lib/invoices/queries";
import { searchParam, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Invoices" };

export default async function InvoicesPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const ctx = await requireAccountContext((await params).slug, "billing.view");
  const page = Math.min(100_000, Math.max(1, Number.parseInt(searchParam(await searchParams, "page") ?? "1", 10) || 1));
  const invoices = await listInvoices(ctx, page);
  const slug = ctx.account.slug;

  return (
    <div className="space-y-6">
      <PageHeader
        title="Invoices"
        description="Issued on the 1st of each month for the previous month's consumption, paid from credits first, then the default card."
      />
      {invoices.rows.length === 0 ? (
        page > 1 ? (
          <EmptyState title="No invoices on this page" description="This list has fewer pages." action={<Link className="text-sm font-medium underline" href={`/${slug}/invoices`}>Go to the newest invoices</Link>} />
        ) : (
          <EmptyState icon={<ReceiptText />} title="No invoices yet" description="The first invoice is issued at the start of the month after the first consumption." />
        )
      ) : (
        <Table caption="Invoices" captionHidden>
          <THead>
            <TR>
              <TH>Number</TH>
              <TH>Period</TH>
              <TH>Issued</TH>
              <TH>Status</TH>
              <TH className="text-right">Total</TH>
            </TR>
          </THead>
          <TBody>
            {invoices.rows.map((invoice) => (
              <TR key={invoice.id}>
                <TD className="font-medium">
                  <Link href={`/${slug}/invoices/${invoice.number}`} className="underline-offset-4 hover:underline">
                    {invoice.number}
                  </Link>
                </TD>
                <TD>{invoicePeriodLabel(invoice.periodStart)}</TD>
                <TD>
                  <time dateTime={invoice.issuedAt.toISOString()}>{formatDay(invoice.issuedAt)}</time>
                </TD>
                <TD>
                  <Badge tone={invoiceStatusTones[invoice.status]}>{invoiceStatusLabels[invoice.status]}</Badge>
                </TD>
                <TD className="text-right tabular-nums">{formatMoney(invoice.totalMinor, invoice.currency)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <Pagination page={page} pageCount={invoices.pageCount} basePath={`/${slug}/invoices`} />
    </div>
  );
}
