import { config } from "@/lib/config";
import type { MailMessage } from "./outbox";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });

function escapeHtml(value: string) {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Billing mails: paragraphs and a link to the invoice, without the "did you ask for this" footer of link mails. */
function billingMail(to: string, subject: string, paragraphs: string[], link: { label: string; url: string }): MailMessage {
  const text = [...paragraphs, "", `${link.label}: ${link.url}`].join("\n");
  const html = `<div style="font-family:system-ui,sans-serif;max-width:520px">${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("")}<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p></div>`;
  return { to, subject, text, html };
}

const invoiceUrl = (slug: string, number: string) => `${config().APP_URL}/${slug}/invoices/${encodeURIComponent(number)}`;

export interface IssuedInvoiceMail {
  accountName: string;
  slug: string;
  number: string;
  /** "October 2026". */
  period: string;
  /** Formatted, e.g. "€12.34". */
  total: string;
  nothingToPay: boolean;
}

export function invoiceIssuedMail(to: string, invoice: IssuedInvoiceMail): MailMessage {
  return billingMail(
    to,
    `Invoice ${invoice.number} for ${invoice.period}: ${invoice.total}`,
    [
      `The invoice ${invoice.number} of ${invoice.accountName} for ${invoice.period} is ready. Total: ${invoice.total}, tax included.`,
      invoice.nothingToPay ? "There is nothing to pay." : "It is paid from the account's credits first, then from its default card.",
      "The PDF can be downloaded from the invoice page.",
    ],
    { label: "View the invoice", url: invoiceUrl(invoice.slug, invoice.number) },
  );
}

export interface FailedPaymentMail {
  accountName: string;
  slug: string;
  number: string;
  /** Formatted amount still due. */
  due: string;
  reason: string;
  /** When the next automatic attempt runs; null when there is none. */
  nextAttemptAt: Date | null;
  /** True when this failure suspended the account. */
  suspended: boolean;
}

export function invoicePaymentFailedMail(to: string, failure: FailedPaymentMail): MailMessage {
  const next = failure.nextAttemptAt
    ? `We will try again on ${dateFormat.format(failure.nextAttemptAt)}. To pay sooner, check the default card or add credits, then use "Pay now" on the invoice page.`
    : `There will be no further automatic attempt. Check the default card or add credits, then use "Pay now" on the invoice page.`;
  return billingMail(
    to,
    `Payment of invoice ${failure.number} failed`,
    [
      `We could not collect ${failure.due} for the invoice ${failure.number} of ${failure.accountName}: ${failure.reason}`,
      ...(failure.suspended ? [`${failure.accountName} is suspended until the invoice is paid.`] : []),
      next,
    ],
    { label: "Open the invoice", url: invoiceUrl(failure.slug, failure.number) },
  );
}
