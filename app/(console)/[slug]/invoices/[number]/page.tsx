import { ArrowLeft, Download } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Banner } from "@/components/ui/banner";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { PartySnapshot } from "@/db/schema";
import { can } from "@/lib/authz/can";
import { formatMoney, formatUnitPrice } from "@/lib/billing/money";
import { formatQuantity } from "@/lib/consumption/format";
import { formatDay, formatRate, invoicePeriodLabel, invoiceStatusLabels, invoiceStatusTones } from "@/lib/invoices/format";
import { asBuyerSnapshot } from "@/lib/invoices/parties";
import { requireInvoice } from "./invoice";
import { PayNow } from "./pay-now";

type Params = Promise<{ slug: string; number: string }>;

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { slug, number } = await params;
  const { invoice } = await requireInvoice(slug, number);
  return { title: `Invoice ${invoice.number}` };
}

export default async function InvoicePage({ params }: { params: Params }) {
  const { slug, number } = await params;
  const { ctx, invoice, lines, payments } = await requireInvoice(slug, number);
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  const buyer = asBuyerSnapshot(invoice.buyer);
  const due = invoice.status === "paid" || invoice.status === "void" ? 0 : invoice.totalMinor - invoice.paidFromCreditsMinor;
  const byCard = invoice.status === "paid" ? invoice.totalMinor - invoice.paidFromCreditsMinor : 0;
  const base = `/${ctx.account.slug}/invoices`;

  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={
          <Link href={base} className="inline-flex items-center gap-1 hover:underline">
            <ArrowLeft aria-hidden="true" className="size-4" />
            Invoices
          </Link>
        }
        title={`Invoice ${invoice.number}`}
        description={`${invoicePeriodLabel(invoice.periodStart)} · issued ${formatDay(invoice.issuedAt)}`}
        actions={
          <>
            <Badge tone={invoiceStatusTones[invoice.status]}>{invoiceStatusLabels[invoice.status]}</Badge>
            <a href={`${base}/${invoice.number}/pdf`} download className={buttonClasses({ variant: "secondary" })}>
              <Download aria-hidden="true" />
              Download PDF
            </a>
          </>
        }
      />

      {invoice.status === "failed" && (
        <Banner
          tone="warning"
          title="The payment of this invoice failed"
          action={can(ctx, "billing.manage") ? <PayNow slug={ctx.account.slug} number={invoice.number} amount={money(due)} /> : undefined}
        >
          {sentence(invoice.lastPaymentError ?? "The payment could not be collected")} {invoice.paymentAttempts} attempt{invoice.paymentAttempts === 1 ? "" : "s"} so far.{" "}
          {can(ctx, "billing.manage") && (
            <>
              Check the default card or add credits on the{" "}
              <Link href={`/${ctx.account.slug}/billing`} className="font-medium underline">
                Billing page
              </Link>
              , then pay now.
            </>
          )}
        </Banner>
      )}

      <div className="grid gap-4 sm:grid-cols-2">
        <PartyCard title="From" party={invoice.seller} />
        <PartyCard title="Bill to" party={buyer} />
      </div>

      <Table caption="Invoice lines" captionHidden>
        <THead>
          <TR>
            <TH>Description</TH>
            <TH className="text-right">Quantity</TH>
            <TH className="text-right">Unit price</TH>
            <TH className="text-right">Amount</TH>
          </TR>
        </THead>
        <TBody>
          {lines.map((line) => (
            <TR key={line.id}>
              <TD className="font-medium">{line.description}</TD>
              <TD className="text-right tabular-nums">
                {formatQuantity(line.quantity)} {line.unit}
              </TD>
              <TD className="text-right tabular-nums">{formatUnitPrice(line.unitPriceMicros, invoice.currency)}</TD>
              <TD className="text-right tabular-nums">{money(line.amountMinor)}</TD>
            </TR>
          ))}
        </TBody>
      </Table>

      <Card>
        <CardContent>
          <dl aria-label="Totals" className="ml-auto grid max-w-md grid-cols-[1fr_auto] gap-x-6 gap-y-2 text-sm">
            <dt>Subtotal</dt>
            <dd className="text-right tabular-nums">{money(invoice.subtotalMinor)}</dd>
            {invoice.discountMinor > 0 && (
              <>
                <dt>Discount{buyer.discountNote ? `: ${buyer.discountNote}` : ""}</dt>
                <dd className="text-right tabular-nums">{money(-invoice.discountMinor)}</dd>
              </>
            )}
            <dt>Tax ({formatRate(invoice.taxRateBasisPoints)})</dt>
            <dd className="text-right tabular-nums">{money(invoice.taxMinor)}</dd>
            <dt className="border-t border-border pt-2 text-base font-semibold">Total</dt>
            <dd className="border-t border-border pt-2 text-right text-base font-semibold tabular-nums">{money(invoice.totalMinor)}</dd>
            {invoice.paidFromCreditsMinor > 0 && (
              <>
                <dt>Paid from credits</dt>
                <dd className="text-right tabular-nums">{money(-invoice.paidFromCreditsMinor)}</dd>
              </>
            )}
            {byCard > 0 && (
              <>
                <dt>Paid by card</dt>
                <dd className="text-right tabular-nums">{money(-byCard)}</dd>
              </>
            )}
            <dt className="font-medium">Amount due</dt>
            <dd className="text-right font-medium tabular-nums">{money(due)}</dd>
          </dl>
          {buyer.taxNote && <p className="mt-4 text-sm text-muted-foreground">{buyer.taxNote}</p>}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Payment</CardTitle>
        </CardHeader>
        <CardContent className="space-y-4 text-sm">
          <p>
            {invoice.status === "paid" && invoice.paidAt
              ? `Paid on ${formatDay(invoice.paidAt)}.`
              : invoice.status === "open"
                ? "Waiting for payment: credits first, then the default card."
                : invoice.status === "void"
                  ? "This invoice was voided."
                  : `Not paid. ${invoice.paymentAttempts} attempt${invoice.paymentAttempts === 1 ? "" : "s"}; last error: ${sentence(invoice.lastPaymentError ?? "unknown")}`}
          </p>
          {payments.length > 0 && (
            <Table caption="Card payments">
              <THead>
                <TR>
                  <TH>Date</TH>
                  <TH>Card</TH>
                  <TH>Result</TH>
                  <TH className="text-right">Amount</TH>
                </TR>
              </THead>
              <TBody>
                {payments.map((payment) => (
                  <TR key={payment.id}>
                    <TD>
                      <time dateTime={payment.createdAt.toISOString()}>{formatDay(payment.createdAt)}</time>
                    </TD>
                    <TD>{payment.card ? `${payment.card.brand} •••• ${payment.card.last4}` : "A removed card"}</TD>
                    <TD>
                      {payment.status === "succeeded" ? <Badge tone="success">Succeeded</Badge> : <Badge tone="danger">Failed</Badge>}
                      {payment.failureMessage && <span className="ml-2 text-muted-foreground">{payment.failureMessage}</span>}
                    </TD>
                    <TD className="text-right tabular-nums">{formatMoney(payment.amountMinor, payment.currency)}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

function PartyCard({ title, party }: { title: string; party: PartySnapshot }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2" className="text-sm text-muted-foreground uppercase">
          {title}
        </CardTitle>
      </CardHeader>
      <CardContent>
        <address className="text-sm not-italic">
          <div className="font-semibold">{party.name}</div>
          {party.lines.map((line, i) => (
            <div key={i}>{line}</div>
          ))}
          {party.taxId && <div>VAT / tax id: {party.taxId}</div>}
          {party.email && <div>{party.email}</div>}
        </address>
      </CardContent>
    </Card>
  );
}
