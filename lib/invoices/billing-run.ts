import "server-only";
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { accounts, billingProfiles, invoiceLines, invoices } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import type { ActorContext } from "@/lib/authz/actor";
import { jobContext, jobs } from "@/lib/authz/job-context";
import { billingContactEmails } from "@/lib/billing/contacts";
import { formatMoney } from "@/lib/billing/money";
import { config } from "@/lib/config";
import { currentMonth, isMonth, monthBounds, monthLabel, shiftMonth } from "@/lib/consumption/months";
import { lockUsagePeriodsExclusive } from "@/lib/consumption/period-lock";
import { monthlyUsageByMetric } from "@/lib/consumption/queries";
import { consumePercentDiscount, percentDiscountsFor } from "@/lib/coupons/discounts";
import { isUniqueViolation } from "@/lib/errors";
import { invoiceIssuedMail } from "@/lib/mail/invoice-templates";
import { queueMail } from "@/lib/mail/outbox";
import { takeInvoiceNumber } from "./numbering";
import { buyerSnapshot, sellerSnapshot } from "./parties";
import { scheduleInvoicePayment } from "./payment-schedule";
import { invoiceTotals } from "./totals";

/** An invoice covers one UTC calendar month: its first and last day, as stored in `period_start`/`period_end`. */
export function invoicePeriod(month: string): { periodStart: string; periodEnd: string; start: Date; end: Date } {
  const { start, end } = monthBounds(month);
  const lastDay = new Date(end.getTime() - 86_400_000);
  return { periodStart: `${month}-01`, periodEnd: lastDay.toISOString().slice(0, 10), start, end };
}

/** The month a run started at `now` bills: the previous UTC month. */
export function monthToBill(now: Date = new Date()): string {
  return shiftMonth(currentMonth(now), -1);
}

export interface IssuedInvoice {
  accountId: string;
  invoiceId: string;
  number: string;
  sequence: number;
  totalMinor: number;
  status: "open" | "paid";
}

export type AccountBillingOutcome = { status: "issued"; invoice: IssuedInvoice } | { status: "already-invoiced" } | { status: "no-usage" };

export interface BillingRunSummary {
  month: string;
  issued: IssuedInvoice[];
  /** Accounts with usage that already had their invoice for the month (a re-run, or a parallel run that won). */
  alreadyInvoiced: number;
  failed: { accountId: string; error: string }[];
}

/**
 * Issues one account's invoice for a month, in one transaction: a line per metric, the oldest
 * percent coupon still running, tax by billing country, the number (taken last), the payment job
 * and the mails to billing contacts. A second call for the same month issues nothing: the
 * pre-check sees the invoice, and under a race the unique index on (account, period_start) rolls the
 * loser back, number included.
 */
/** The monthly job's context; the operator's command passes its own (see scripts/billing-run.ts). */
export const monthlyBillingRunContext = (): ActorContext => jobContext(jobs.monthlyBillingRun.job, jobs.monthlyBillingRun.label);

export async function billAccountForMonth(accountId: string, month: string, ctx: ActorContext = monthlyBillingRunContext()): Promise<AccountBillingOutcome> {
  const period = invoicePeriod(month);
  const currency = config().CURRENCY;
  try {
    return await db.transaction(async (tx): Promise<AccountBillingOutcome> => {
      // Usage reports for the account hold this lock shared while they check for a closed month and
      // write: taken here exclusively, a report either committed before the month is read below or
      // waits and then sees this invoice (and is refused as period_closed).
      await lockUsagePeriodsExclusive(tx, accountId);
      const [account] = await tx.select().from(accounts).where(eq(accounts.id, accountId));
      if (!account) return { status: "no-usage" };
      const existing = await tx.execute(sql`select 1 from ${invoices} where account_id = ${accountId} and period_start = ${period.periodStart}`);
      if (existing.rows.length > 0) return { status: "already-invoiced" };

      const usage = await monthlyUsageByMetric(accountId, period.start, period.end, tx);
      if (usage.length === 0) return { status: "no-usage" };
      const [profile] = await tx.select().from(billingProfiles).where(eq(billingProfiles.accountId, accountId));
      const { buyer, tax } = buyerSnapshot(account, profile ?? null);

      const lineAmounts = usage.map((metric) => metric.costMinor);
      const subtotal = lineAmounts.reduce((sum, amount) => sum + amount, 0);
      let discountBasisPoints = 0;
      if (subtotal > 0) {
        const [coupon] = await percentDiscountsFor(tx, accountId);
        if (coupon && (await consumePercentDiscount(tx, coupon.redemptionId)) !== null) {
          discountBasisPoints = coupon.percentOff * 100;
          buyer.discountNote = `Coupon ${coupon.code} (${coupon.percentOff}% off)`;
        }
      }
      const totals = invoiceTotals({ lineAmountsMinor: lineAmounts, discountBasisPoints, taxRateBasisPoints: tax.rateBasisPoints });

      // Last, so the counter row stays locked for as short a time as possible.
      const { sequence, number, issuedAt } = await takeInvoiceNumber(tx);
      const invoiceId = randomUUID();
      const status = totals.totalMinor === 0 ? "paid" : "open";
      await tx.insert(invoices).values({
        id: invoiceId,
        accountId,
        number,
        sequence,
        periodStart: period.periodStart,
        periodEnd: period.periodEnd,
        status,
        currency,
        ...totals,
        taxRateBasisPoints: tax.rateBasisPoints,
        seller: sellerSnapshot(),
        buyer,
        issuedAt,
        paidAt: status === "paid" ? issuedAt : null,
      });
      await tx.insert(invoiceLines).values(
        usage.map((metric, index) => ({
          invoiceId,
          position: index + 1,
          metricId: metric.metricId,
          description: metric.name,
          quantity: metric.quantity,
          unit: metric.unit,
          unitPriceMicros: metric.unitPriceMicros,
          amountMinor: metric.costMinor,
        })),
      );
      await recordAuditEvent(tx, ctx, {
        accountId,
        action: "invoice.issued",
        targetType: "invoice",
        targetId: invoiceId,
        metadata: { number, period: month, totalMinor: totals.totalMinor, currency },
      });
      if (status === "open") await scheduleInvoicePayment(tx, invoiceId);
      const mail = {
        accountName: account.name,
        slug: account.slug,
        number,
        period: monthLabel(month),
        total: formatMoney(totals.totalMinor, currency),
        nothingToPay: status === "paid",
      };
      for (const to of await billingContactEmails(tx, accountId)) await queueMail(tx, invoiceIssuedMail(to, mail));
      return { status: "issued", invoice: { accountId, invoiceId, number, sequence, totalMinor: totals.totalMinor, status } };
    });
  } catch (error) {
    if (isUniqueViolation(error, "invoices_account_period_key")) return { status: "already-invoiced" };
    throw error;
  }
}

/**
 * The monthly billing run: every account with usage in the month gets its invoice, each in its own
 * transaction, so one account's failure neither blocks nor undoes the others. Idempotent and safe to
 * run in parallel (see billAccountForMonth). `accountIds` limits the run to some accounts; `ctx` is
 * who runs it (the monthly job by default), as its audit events say.
 */
export async function runBillingForMonth(
  month: string,
  { accountIds, ctx = monthlyBillingRunContext() }: { accountIds?: string[]; ctx?: ActorContext } = {},
): Promise<BillingRunSummary> {
  if (!isMonth(month)) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  const period = invoicePeriod(month);
  const candidates = await db.execute<{ account_id: string; invoiced: boolean }>(sql`
    select u.account_id, exists (select 1 from ${invoices} i where i.account_id = u.account_id and i.period_start = ${period.periodStart}) as invoiced
    from (
      select distinct account_id from usage_daily
      where day >= ${period.periodStart}::date and day <= ${period.periodEnd}::date
      ${accountIds ? sql`and account_id = any(${sql.param(accountIds)}::uuid[])` : sql``}
    ) u
    order by u.account_id`);

  const summary: BillingRunSummary = { month, issued: [], alreadyInvoiced: 0, failed: [] };
  for (const { account_id: accountId, invoiced } of candidates.rows) {
    if (invoiced) {
      summary.alreadyInvoiced += 1;
      continue;
    }
    try {
      const outcome = await billAccountForMonth(accountId, month, ctx);
      if (outcome.status === "issued") summary.issued.push(outcome.invoice);
      else if (outcome.status === "already-invoiced") summary.alreadyInvoiced += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`[billing] invoice for account ${accountId}, ${month}, failed: ${message}`);
      summary.failed.push({ accountId, error: message });
    }
  }
  return summary;
}
