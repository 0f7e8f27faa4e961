"use server";
import { z } from "zod";
import { accountAction } from "@/lib/account-action";
import type { ActionResult } from "@/lib/action-result";
import { INVOICE_NUMBER_PATTERN } from "@/lib/invoices/numbering";
import { payInvoiceNow } from "@/lib/invoices/pay-now";

const invoiceNumberSchema = z.object({ number: z.string().regex(INVOICE_NUMBER_PATTERN, "Unknown invoice.") });

export async function payInvoiceNowAction(slug: string, _state: ActionResult, formData: FormData): Promise<ActionResult> {
  const result = await accountAction(slug, invoiceNumberSchema, formData, (ctx, input) => payInvoiceNow(ctx, input.number), "Invoice paid.");
  // A declined card is recorded (and the page revalidated) but is no success for the person paying.
  if (result.status === "success" && result.data?.status === "failed") return { status: "error", message: `The payment failed: ${result.data.reason}` };
  return result.status === "success" ? { status: "success", message: result.message } : result;
}
