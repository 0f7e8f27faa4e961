/**
 * `npm run invoice:pdf -- --number INV-2026-000042 [--out invoice.pdf]`
 *
 * Writes any invoice as PDF, also one whose account was deleted: issued invoices are accounting
 * records and stay in the database, detached from the account, with the buyer as it was at issue.
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { closeDb } from "../db/client";
import { findInvoiceForOperator } from "../lib/invoices/operator";
import { renderInvoicePdf } from "../lib/invoices/pdf";
import { prepareRuntime } from "./runtime-env";

const { values } = parseArgs({ options: { number: { type: "string" }, out: { type: "string" } }, allowPositionals: false });
if (!values.number) {
  console.error("Usage: npm run invoice:pdf -- --number INV-2026-000042 [--out invoice.pdf]");
  process.exit(1);
}

const { embedded } = await prepareRuntime();
let failed = false;
try {
  const detail = await findInvoiceForOperator(values.number.trim().toUpperCase());
  if (!detail) {
    console.error(`No invoice numbered ${values.number}.`);
    failed = true;
  } else {
    const out = values.out ?? `${detail.invoice.number}.pdf`;
    await writeFile(out, await renderInvoicePdf(detail));
    const owner = detail.invoice.accountId ? `account ${detail.invoice.accountId}` : "account deleted";
    console.log(`${detail.invoice.number} (${detail.invoice.status}, ${owner}, buyer ${detail.invoice.buyer.name}) written to ${out}.`);
  }
} finally {
  await closeDb();
  await embedded?.stop();
}
if (failed) process.exit(1);
