import "server-only";
import { createRoute, z } from "@hono/zod-openapi";
import { listInvoicesAfter, type InvoicePosition } from "@/lib/invoices/keyset";
import { INVOICE_NUMBER_PATTERN } from "@/lib/invoices/numbering";
import { invoicePdfDownload } from "@/lib/invoices/pdf";
import { findInvoice, type InvoiceDetail, type InvoiceListRow } from "@/lib/invoices/queries";
import { accountContext } from "../authenticate";
import { decodeCursor, encodeCursor, isTimestampAndId } from "../cursor";
import { ApiProblem } from "../problem";
import type { ApiRouter } from "../router";
import { accountNotFound, anyKey, commonErrors, dateTime, forbidden, invalid, listOf, pageQuery, problem, slugParam } from "../schemas";

const statuses = ["open", "paid", "failed", "void"] as const;
const day = () => z.string().openapi({ format: "date", example: "2026-11-01" });

export const InvoiceSummarySchema = z
  .object({
    id: z.uuid(),
    number: z.string().openapi({ example: "INV-2026-000042" }),
    periodStart: day(),
    periodEnd: day(),
    status: z.enum(statuses),
    currency: z.string(),
    totalMinor: z.number().int().openapi({ description: "In minor units (cents)." }),
    issuedAt: dateTime(),
  })
  .openapi("InvoiceSummary");

const PartySchema = z.object({ name: z.string(), lines: z.array(z.string()), taxId: z.string().optional(), email: z.string().optional() });

export const InvoiceSchema = InvoiceSummarySchema.extend({
  subtotalMinor: z.number().int(),
  discountMinor: z.number().int(),
  taxRateBasisPoints: z.number().int().openapi({ description: "2000 = 20 %." }),
  taxMinor: z.number().int(),
  paidFromCreditsMinor: z.number().int(),
  paidAt: dateTime().nullable(),
  seller: PartySchema,
  buyer: PartySchema,
  lines: z.array(
    z.object({
      description: z.string(),
      metric: z.string().nullable(),
      quantity: z.string().openapi({ description: "Exact decimal text.", example: "1234.500000" }),
      unit: z.string(),
      unitPriceMicros: z.number().int().openapi({ description: "Millionths of the currency unit per unit." }),
      amountMinor: z.number().int(),
    }),
  ),
  payments: z.array(
    z.object({
      id: z.uuid(),
      amountMinor: z.number().int(),
      currency: z.string(),
      status: z.enum(["succeeded", "failed"]),
      failureMessage: z.string().nullable(),
      createdAt: dateTime(),
      card: z.object({ brand: z.string(), last4: z.string() }).nullable(),
    }),
  ),
}).openapi("Invoice");

const summary = (row: InvoiceListRow) => ({
  id: row.id,
  number: row.number,
  periodStart: row.periodStart,
  periodEnd: row.periodEnd,
  status: row.status,
  currency: row.currency,
  totalMinor: row.totalMinor,
  issuedAt: row.issuedAt.toISOString(),
});

const detail = ({ invoice, lines, payments }: InvoiceDetail) => ({
  ...summary(invoice),
  subtotalMinor: invoice.subtotalMinor,
  discountMinor: invoice.discountMinor,
  taxRateBasisPoints: invoice.taxRateBasisPoints,
  taxMinor: invoice.taxMinor,
  paidFromCreditsMinor: invoice.paidFromCreditsMinor,
  paidAt: invoice.paidAt?.toISOString() ?? null,
  seller: invoice.seller,
  buyer: invoice.buyer,
  lines: lines.map((line) => ({ description: line.description, metric: line.metricId, quantity: line.quantity, unit: line.unit, unitPriceMicros: line.unitPriceMicros, amountMinor: line.amountMinor })),
  payments: payments.map((payment) => ({ ...payment, createdAt: payment.createdAt.toISOString() })),
});

const invoiceParams = slugParam.extend({
  number: z.string().regex(INVOICE_NUMBER_PATTERN).openapi({ param: { name: "number", in: "path" }, example: "INV-2026-000042" }),
});
const invoiceNotFound = problem("No such invoice in this account (`invoice_not_found`), or no such account (`not_found`).");
const noInvoice = () => new ApiProblem(404, "invoice_not_found", "No such invoice in this account.");

export const listInvoicesRoute = createRoute({
  method: "get",
  path: "/accounts/{slug}/invoices",
  operationId: "listInvoices",
  tags: ["Invoices"],
  summary: "List invoices",
  description: "Newest first. Owners, admins and billing members; platform keys with `accounts:read`.",
  security: anyKey,
  request: { params: slugParam, query: pageQuery },
  responses: {
    200: { description: "A page of invoices.", content: { "application/json": { schema: listOf(InvoiceSummarySchema).openapi("InvoiceList") } } },
    ...commonErrors,
    403: forbidden,
    404: accountNotFound,
    422: invalid,
  },
});

export const getInvoiceRoute = createRoute({
  method: "get",
  path: "/accounts/{slug}/invoices/{number}",
  operationId: "getInvoice",
  tags: ["Invoices"],
  summary: "One invoice",
  description: "With its lines and card payments.",
  security: anyKey,
  request: { params: invoiceParams },
  responses: {
    200: { description: "The invoice.", content: { "application/json": { schema: InvoiceSchema } } },
    ...commonErrors,
    403: forbidden,
    404: invoiceNotFound,
  },
});

export const getInvoicePdfRoute = createRoute({
  method: "get",
  path: "/accounts/{slug}/invoices/{number}/pdf",
  operationId: "getInvoicePdf",
  tags: ["Invoices"],
  summary: "An invoice as PDF",
  security: anyKey,
  request: { params: invoiceParams },
  responses: {
    200: { description: "The PDF.", content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } } },
    ...commonErrors,
    403: forbidden,
    404: invoiceNotFound,
  },
});

const INVOICES = "invoices";

export function registerInvoices(app: ApiRouter) {
  app.openapi(listInvoicesRoute, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const ctx = await accountContext(c, c.req.valid("param").slug);
    const page = await listInvoicesAfter(ctx, { limit, after: decodeCursor<InvoicePosition>(INVOICES, cursor, isTimestampAndId) });
    const last = page.rows.at(-1);
    return c.json({ data: page.rows.map(summary), nextCursor: page.more && last ? encodeCursor(INVOICES, last.position) : null }, 200);
  });

  app.openapi(getInvoiceRoute, async (c) => {
    const { slug, number } = c.req.valid("param");
    const found = await findInvoice(await accountContext(c, slug), number);
    if (!found) throw noInvoice();
    return c.json(detail(found), 200);
  });

  app.openapi(getInvoicePdfRoute, async (c) => {
    const { slug, number } = c.req.valid("param");
    const download = await invoicePdfDownload(await accountContext(c, slug), number);
    if (!download) throw noInvoice();
    return new Response(download.body, {
      status: 200,
      headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${download.filename}"`, "Cache-Control": "private, no-store" },
    });
  });
}
