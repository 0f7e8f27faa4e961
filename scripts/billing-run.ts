/**
 * `npm run billing:run -- --month 2026-10 [--collect]`: issues the invoices of one month (default:
 * the previous UTC month), exactly as the monthly job does. Idempotent: a second run issues nothing.
 *
 * Payment collection is queued (`collect_invoice_payment` jobs) and left to the workers of the app
 * instances. With --collect, this process also runs every due job once before it exits (payments,
 * then the mails they cause when SMTP is configured), for a console that is not running; not with
 * the sandbox provider, whose saved cards live in the console process's memory.
 */
import { parseArgs } from "node:util";
import { closeDb } from "../db/client";
import { jobContext, jobs } from "../lib/authz/job-context";
import { formatMoney } from "../lib/billing/money";
import { config } from "../lib/config";
import { isMonth } from "../lib/consumption/months";
import { monthToBill, runBillingForMonth } from "../lib/invoices/billing-run";
import { runJobsOnce } from "../lib/jobs/worker";
import { prepareRuntime } from "./runtime-env";

const { values } = parseArgs({ options: { month: { type: "string" }, collect: { type: "boolean", default: false } }, allowPositionals: false });
const month = values.month ?? monthToBill();
if (!isMonth(month)) {
  console.error(`--month must be a month like 2026-10, got "${month}".`);
  process.exit(1);
}

const { embedded } = await prepareRuntime();
if (values.collect && config().PAYMENT_PROVIDER === "sandbox") {
  // The sandbox keeps saved cards in the memory of the console process that saved them: charged
  // from here, every card would fail (invalid_token) and count as a failed attempt.
  console.error("--collect is not available with the sandbox payment provider: the console's own worker collects payments.");
  await embedded?.stop();
  process.exit(1);
}
let failed = false;
try {
  const summary = await runBillingForMonth(month, { ctx: jobContext(jobs.billingRunCommand.job, jobs.billingRunCommand.label) });
  const currency = config().CURRENCY;
  console.log(`Billing run for ${month}: ${summary.issued.length} invoice(s) issued, ${summary.alreadyInvoiced} account(s) already invoiced.`);
  for (const invoice of summary.issued) console.log(`  ${invoice.number}  ${formatMoney(invoice.totalMinor, currency).padStart(14)}  ${invoice.status}  account ${invoice.accountId}`);
  for (const failure of summary.failed) console.error(`  failed: account ${failure.accountId}: ${failure.error}`);
  failed = summary.failed.length > 0;
  if (values.collect) {
    await runJobsOnce(process.env.DATABASE_URL!);
    console.log("Due jobs (payment collection, mail) were run once.");
  } else if (summary.issued.some((invoice) => invoice.status === "open")) {
    console.log("Payments are collected by the console's background workers (or run again with --collect).");
  }
} finally {
  await closeDb();
  await embedded?.stop();
}
process.exit(failed ? 1 : 0);
