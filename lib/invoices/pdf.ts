import { Readable } from "node:stream";
import PDFDocument from "pdfkit";
import type { PartySnapshot } from "@/db/schema";
import { formatMoney, formatUnitPrice } from "@/lib/billing/money";
import { formatQuantity } from "@/lib/consumption/format";
import { formatDay, formatRate, invoicePeriodLabel, invoiceStatusLabels } from "./format";
import { asBuyerSnapshot } from "./parties";
import type { AccountContext } from "@/lib/authz/account-context";
import { findInvoice, type InvoiceDetail } from "./queries";

/**
 * The standard PDF fonts (Helvetica here, no font files) only encode Windows-1252. Anything else is
 * folded to its unaccented letter where there is one ("Ł" → "L", "ő" → "o") and to "?" otherwise,
 * rather than printed as garbage.
 */
const cp1252Extras = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const folds: Record<string, string> = { Ł: "L", ł: "l", Đ: "D", đ: "d", Ħ: "H", ħ: "h", ı: "i", Œ: "OE", "\u202f": " ", "\u2009": " ", "\u2212": "-" };
const encodable = (c: string) => {
  const code = c.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || cp1252Extras.has(c) || c === "\n";
};
export function toWinAnsi(text: string): string {
  let out = "";
  for (const c of text) {
    if (encodable(c)) out += c;
    else if (folds[c]) out += folds[c];
    else {
      const stripped = c.normalize("NFKD").replace(/\p{M}/gu, "");
      out += stripped && [...stripped].every(encodable) ? stripped : "?";
    }
  }
  return out;
}

const PAGE = { width: 595.28, height: 841.89, margin: 50 };
const RIGHT = PAGE.width - PAGE.margin;
const CONTENT = RIGHT - PAGE.margin;
const columns = { description: PAGE.margin, quantity: 270, unitPrice: 390, amountRight: RIGHT };

function party(doc: PDFKit.PDFDocument, title: string, snapshot: PartySnapshot, x: number, y: number, width: number): number {
  doc.font("Helvetica-Bold").fontSize(9).fillColor("#666666").text(title.toUpperCase(), x, y, { width });
  doc.font("Helvetica-Bold").fontSize(11).fillColor("#000000").text(toWinAnsi(snapshot.name), x, doc.y + 4, { width });
  doc.font("Helvetica").fontSize(10);
  for (const line of snapshot.lines) doc.text(toWinAnsi(line), x, doc.y, { width });
  if (snapshot.taxId) doc.text(`VAT / tax id: ${toWinAnsi(snapshot.taxId)}`, x, doc.y, { width });
  if (snapshot.email) doc.text(toWinAnsi(snapshot.email), x, doc.y, { width });
  return doc.y;
}

function lineHeader(doc: PDFKit.PDFDocument, y: number): number {
  doc.font("Helvetica-Bold").fontSize(9).fillColor("#666666");
  doc.text("DESCRIPTION", columns.description, y, { width: columns.quantity - columns.description - 10 });
  doc.text("QUANTITY", columns.quantity, y, { width: columns.unitPrice - columns.quantity - 10, align: "right" });
  doc.text("UNIT PRICE", columns.unitPrice, y, { width: 80, align: "right" });
  doc.text("AMOUNT", columns.unitPrice + 80, y, { width: columns.amountRight - columns.unitPrice - 80, align: "right" });
  const bottom = y + 14;
  doc.moveTo(PAGE.margin, bottom).lineTo(RIGHT, bottom).lineWidth(0.5).strokeColor("#999999").stroke();
  doc.fillColor("#000000");
  return bottom + 6;
}

function totalRow(doc: PDFKit.PDFDocument, label: string, amount: string, y: number, bold = false): number {
  doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(bold ? 12 : 10);
  doc.text(toWinAnsi(label), 300, y, { width: 160 });
  doc.text(amount, 460, y, { width: RIGHT - 460, align: "right" });
  return doc.y + 4;
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** Lays the invoice out on a pdfkit document and ends it: seller, buyer, number and dates, lines, totals, payment. */
function writeInvoice(doc: PDFKit.PDFDocument, { invoice, lines }: InvoiceDetail) {
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  const buyer = asBuyerSnapshot(invoice.buyer);
  const period = invoicePeriodLabel(invoice.periodStart);

  doc.font("Helvetica-Bold").fontSize(22).text("Invoice", PAGE.margin, PAGE.margin);
  doc.font("Helvetica").fontSize(12).text(invoice.number, PAGE.margin, doc.y + 2);
  const metaTop = PAGE.margin;
  const meta: [string, string][] = [
    ["Invoice number", invoice.number],
    ["Issue date", formatDay(invoice.issuedAt)],
    ["Period", period],
    ["Service dates", `${formatDay(invoice.periodStart)} – ${formatDay(invoice.periodEnd)}`],
    ["Status", invoiceStatusLabels[invoice.status]],
  ];
  let y = metaTop;
  for (const [label, value] of meta) {
    doc.font("Helvetica-Bold").fontSize(9).text(label, 300, y, { width: 80 });
    doc.font("Helvetica").fontSize(9).text(value, 380, y, { width: RIGHT - 380, align: "right" });
    y = doc.y + 3;
  }

  const partiesTop = Math.max(y, doc.y) + 24;
  const sellerBottom = party(doc, "From", invoice.seller, PAGE.margin, partiesTop, CONTENT / 2 - 10);
  const buyerBottom = party(doc, "Bill to", buyer, PAGE.margin + CONTENT / 2 + 10, partiesTop, CONTENT / 2 - 10);

  y = lineHeader(doc, Math.max(sellerBottom, buyerBottom) + 28);
  doc.font("Helvetica").fontSize(10);
  for (const line of lines) {
    if (y > PAGE.height - PAGE.margin - 40) {
      doc.addPage();
      y = lineHeader(doc, PAGE.margin);
      doc.font("Helvetica").fontSize(10);
    }
    doc.text(toWinAnsi(line.description), columns.description, y, { width: columns.quantity - columns.description - 10 });
    const descriptionBottom = doc.y;
    doc.text(toWinAnsi(`${formatQuantity(line.quantity)} ${line.unit}`), columns.quantity - 40, y, { width: columns.unitPrice - columns.quantity + 30, align: "right" });
    doc.text(toWinAnsi(formatUnitPrice(line.unitPriceMicros, invoice.currency)), columns.unitPrice, y, { width: 80, align: "right" });
    doc.text(money(line.amountMinor), columns.unitPrice + 80, y, { width: columns.amountRight - columns.unitPrice - 80, align: "right" });
    y = Math.max(descriptionBottom, doc.y) + 6;
  }
  doc.moveTo(PAGE.margin, y).lineTo(RIGHT, y).lineWidth(0.5).strokeColor("#999999").stroke();

  if (y > PAGE.height - PAGE.margin - 200) {
    doc.addPage();
    y = PAGE.margin;
  }
  y += 10;
  y = totalRow(doc, "Subtotal", money(invoice.subtotalMinor), y);
  if (invoice.discountMinor > 0) y = totalRow(doc, buyer.discountNote ? `Discount: ${buyer.discountNote}` : "Discount", money(-invoice.discountMinor), y);
  y = totalRow(doc, `Tax (${formatRate(invoice.taxRateBasisPoints)})`, money(invoice.taxMinor), y);
  y = totalRow(doc, "Total", money(invoice.totalMinor), y + 4, true);
  if (invoice.paidFromCreditsMinor > 0) y = totalRow(doc, "Paid from credits", money(-invoice.paidFromCreditsMinor), y);
  if (invoice.status === "paid") {
    const byCard = invoice.totalMinor - invoice.paidFromCreditsMinor;
    if (byCard > 0) y = totalRow(doc, "Paid by card", money(-byCard), y);
    y = totalRow(doc, "Amount due", money(0), y);
  } else {
    y = totalRow(doc, "Amount due", money(invoice.totalMinor - invoice.paidFromCreditsMinor), y);
  }

  doc.font("Helvetica").fontSize(9).fillColor("#444444");
  let notesY = y + 20;
  const notes = [
    invoice.status === "paid" && invoice.paidAt ? `Paid on ${formatDay(invoice.paidAt)}. Thank you.` : null,
    invoice.status === "failed" ? `Payment failed${invoice.lastPaymentError ? `: ${sentence(invoice.lastPaymentError)}` : "."}` : null,
    invoice.status === "open" ? "Payment is collected from the account's credits, then its default card." : null,
    buyer.taxNote ?? null,
    `Amounts in ${invoice.currency}.`,
  ].filter((note): note is string => Boolean(note));
  for (const note of notes) {
    doc.text(toWinAnsi(note), PAGE.margin, notesY, { width: CONTENT });
    notesY = doc.y + 4;
  }
  doc.end();
}

function newDocument(number: string, sellerName: string) {
  return new PDFDocument({
    size: "A4",
    margin: PAGE.margin,
    info: { Title: `Invoice ${number}`, Author: toWinAnsi(sellerName), Subject: `Invoice ${number}` },
  });
}

/** The invoice as a PDF stream, for a download response. */
export function invoicePdfStream(detail: InvoiceDetail): ReadableStream<Uint8Array> {
  const doc = newDocument(detail.invoice.number, detail.invoice.seller.name);
  const stream = Readable.toWeb(doc) as ReadableStream<Uint8Array>;
  writeInvoice(doc, detail);
  return stream;
}

/** The invoice as PDF bytes (tests, attachments). */
export async function renderInvoicePdf(detail: InvoiceDetail): Promise<Buffer> {
  const doc = newDocument(detail.invoice.number, detail.invoice.seller.name);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  writeInvoice(doc, detail);
  return done;
}

/** The download behind "Download PDF": null for another account's (or no) invoice, as for the page. */
export async function invoicePdfDownload(ctx: AccountContext, number: string): Promise<{ filename: string; body: ReadableStream<Uint8Array> } | null> {
  const detail = await findInvoice(ctx, number);
  if (!detail) return null;
  return { filename: `${detail.invoice.number}.pdf`, body: invoicePdfStream(detail) };
}
