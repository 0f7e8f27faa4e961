import { and, eq, sql } from "drizzle-orm";
import { parseCrontab } from "graphile-worker";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { accounts, auditEvents, ledgerEntries, payments } from "@/db/schema";
import { accountBalanceMinor } from "@/lib/billing/ledger";
import { setDefaultPaymentMethod } from "@/lib/billing/payment-methods";
import { taskList } from "@/lib/jobs/tasks";
import { vault } from "@/lib/payments/sandbox/vault";
import { contextFor, createOrganizationWith, createUser, noRequest } from "@/test/factories";
import { collectInvoicePayment } from "./collect";
import { billingCrontab, collectInvoicePaymentTask } from "./jobs";
import { payInvoiceNow } from "./pay-now";
import { addCard, addCredits, dropPaymentJobs, invoiceById, issueTestInvoice, mailsTo, paymentJob } from "./test-support";

const GOOD_CARD = "4242424242424242";
const DECLINED_CARD = "4000000000000002";
const touched: string[] = [];
afterAll(async () => dropPaymentJobs(touched));

async function setup({ status = "active" as "active" | "suspended", credits = 0, card = null as string | null, totalMinor = 1864 } = {}) {
  const [owner, biller] = [await createUser(), await createUser()];
  const organization = await createOrganizationWith({ owner, billing: biller }, status);
  const ownerCtx = await contextFor(owner, organization.slug);
  if (credits) await addCredits(organization.id, credits);
  const method = card ? await addCard(ownerCtx, card) : null;
  const invoice = await issueTestInvoice(organization.id, totalMinor);
  touched.push(invoice.id);
  return { owner, biller, organization, ownerCtx, method, invoice };
}

async function paymentsOf(invoiceId: string) {
  return db.select().from(payments).where(eq(payments.invoiceId, invoiceId)).orderBy(payments.createdAt);
}

async function statusOf(accountId: string) {
  const [account] = await db.select({ status: accounts.status }).from(accounts).where(eq(accounts.id, accountId));
  return account!.status;
}

const hoursFromNow = (date: Date | string) => (new Date(date).getTime() - Date.now()) / 3_600_000;

describe("collecting an invoice's payment", () => {
  it("takes credits first, then charges the rest to the default card, and activates a suspended account", async () => {
    const { owner, organization, invoice } = await setup({ status: "suspended", credits: 500, card: GOOD_CARD });

    const result = await collectInvoicePayment(invoice.id);

    expect(result).toEqual({ status: "paid", fromCreditsMinor: 500, chargedMinor: 1364 });
    const paid = await invoiceById(invoice.id);
    expect(paid).toMatchObject({ status: "paid", paidFromCreditsMinor: 500, paymentAttempts: 1, lastPaymentError: null });
    expect(paid.paidAt).toBeInstanceOf(Date);
    const debits = await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.accountId, organization.id), eq(ledgerEntries.kind, "invoice_payment")));
    expect(debits).toEqual([expect.objectContaining({ amountMinor: -500, referenceType: "invoice", referenceId: invoice.id })]);
    expect(await accountBalanceMinor(organization.id)).toBe(0);
    expect(await paymentsOf(invoice.id)).toEqual([expect.objectContaining({ amountMinor: 1364, status: "succeeded", purpose: "invoice" })]);
    expect(vault().charges.get(`invoice:${invoice.id}:attempt:1`)).toMatchObject({ status: "succeeded" });
    expect(await statusOf(organization.id)).toBe("active");
    // The credits debit crossed the low-balance threshold: billing contacts hear of it.
    expect((await mailsTo(owner.email)).map((m) => m.subject)).toContain(`Low credit balance for ${organization.name}`);
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, organization.id), eq(auditEvents.action, "invoice.paid")));
    expect(event?.metadata).toMatchObject({ number: invoice.number, fromCreditsMinor: 500, chargedMinor: 1364 });
    expect(event).toMatchObject({ actorId: null, actorChannel: "job", actorCredentialId: "invoice-payment-collection", actorLabel: "the automatic payment collection" });

    // Collecting again does nothing.
    expect(await collectInvoicePayment(invoice.id)).toEqual({ status: "skipped", reason: "settled" });
    expect(await paymentsOf(invoice.id)).toHaveLength(1);
  });

  it("pays from credits alone when they cover the invoice, without touching the card", async () => {
    const { organization, invoice } = await setup({ credits: 5000, card: GOOD_CARD });
    expect(await collectInvoicePayment(invoice.id)).toEqual({ status: "paid", fromCreditsMinor: 1864, chargedMinor: 0 });
    expect(await paymentsOf(invoice.id)).toHaveLength(0);
    expect(await accountBalanceMinor(organization.id)).toBe(5000 - 1864);
    expect((await invoiceById(invoice.id)).paymentAttempts).toBe(0);
  });

  it("records a declined card: a failed invoice, a mail to billing contacts, a retry a day later, then three days later, then suspension", async () => {
    const { owner, biller, organization, invoice } = await setup({ credits: 300, card: DECLINED_CARD });

    const first = await collectInvoicePayment(invoice.id);

    expect(first).toMatchObject({ status: "failed", reason: "Your card was declined.", attempts: 1, suspended: false });
    expect(await invoiceById(invoice.id)).toMatchObject({ status: "failed", paymentAttempts: 1, lastPaymentError: "Your card was declined.", paidFromCreditsMinor: 300 });
    expect(await paymentsOf(invoice.id)).toEqual([expect.objectContaining({ amountMinor: 1564, status: "failed", failureCode: "card_declined" })]);
    for (const to of [owner.email, biller.email]) {
      const mails = (await mailsTo(to)).filter((m) => m.subject === `Payment of invoice ${invoice.number} failed`);
      expect(mails, to).toHaveLength(1);
      expect(mails[0]!.text).toContain("€15.64");
      expect(mails[0]!.text).toContain("Your card was declined.");
    }
    const retry = await paymentJob(invoice.id);
    expect(hoursFromNow(retry!.run_at)).toBeGreaterThan(23);
    expect(hoursFromNow(retry!.run_at)).toBeLessThan(25);

    const second = await collectInvoicePayment(invoice.id);
    expect(second).toMatchObject({ status: "failed", attempts: 2, suspended: false });
    expect(hoursFromNow((await paymentJob(invoice.id))!.run_at)).toBeGreaterThan(71);
    // The remainder only: credits were taken once.
    expect((await paymentsOf(invoice.id)).map((p) => p.amountMinor)).toEqual([1564, 1564]);
    expect(vault().charges.has(`invoice:${invoice.id}:attempt:2`)).toBe(true);

    const third = await collectInvoicePayment(invoice.id);
    expect(third).toMatchObject({ status: "failed", attempts: 3, nextAttemptAt: null, suspended: true });
    expect(await statusOf(organization.id)).toBe("suspended");
    expect((await mailsTo(owner.email)).map((m) => m.subject)).toContain(`${organization.name} is suspended`);
    const lastMail = (await mailsTo(owner.email)).filter((m) => m.subject === `Payment of invoice ${invoice.number} failed`);
    expect(lastMail).toHaveLength(3);
    expect(lastMail.some((m) => m.text.includes("is suspended until the invoice is paid"))).toBe(true);
  });

  it("fails without a default card, and charges nothing", async () => {
    const { invoice } = await setup();
    expect(await collectInvoicePayment(invoice.id)).toMatchObject({ status: "failed", reason: "There is no default card to charge.", attempts: 1 });
    expect(await paymentsOf(invoice.id)).toHaveLength(0);
  });

  it("charges once when two collections race, and steps aside while another holds the invoice", async () => {
    const { invoice } = await setup({ card: GOOD_CARD });
    const results = await Promise.all([collectInvoicePayment(invoice.id), collectInvoicePayment(invoice.id), collectInvoicePayment(invoice.id)]);
    expect(results.filter((r) => r.status === "paid")).toHaveLength(1);
    expect(results.filter((r) => r.status === "skipped")).toHaveLength(2);
    expect(await paymentsOf(invoice.id)).toHaveLength(1);

    const other = await setup({ card: GOOD_CARD });
    const client = await (db as unknown as { $client: import("pg").Pool }).$client.connect();
    try {
      await client.query("select pg_advisory_lock(hashtextextended($1, 0))", [`invoice-payment:${other.invoice.id}`]);
      expect(await collectInvoicePayment(other.invoice.id)).toEqual({ status: "skipped", reason: "busy" });
      await client.query("select pg_advisory_unlock(hashtextextended($1, 0))", [`invoice-payment:${other.invoice.id}`]);
    } finally {
      client.release();
    }
    expect(await collectInvoicePayment(other.invoice.id)).toMatchObject({ status: "paid" });
  });

  it("runs as the collect_invoice_payment job, and the monthly run is on the worker's crontab", async () => {
    const { invoice } = await setup({ card: GOOD_CARD });
    expect(Object.keys(taskList)).toEqual(expect.arrayContaining(["collect_invoice_payment", "monthly_billing_run"]));
    await collectInvoicePaymentTask({ invoiceId: invoice.id });
    expect((await invoiceById(invoice.id)).status).toBe("paid");
    await expect(collectInvoicePaymentTask({ invoiceId: "nope" })).rejects.toThrow();
    const [item] = parseCrontab(billingCrontab);
    expect(item).toMatchObject({ task: "monthly_billing_run", options: expect.objectContaining({ backfillPeriod: 2 * 86_400_000 }) });
  });
});

describe("Pay now", () => {
  it("pays a failed invoice with the new default card and reactivates the account", async () => {
    const { biller, organization, ownerCtx, invoice } = await setup({ card: DECLINED_CARD });
    for (let i = 0; i < 3; i++) await collectInvoicePayment(invoice.id);
    expect(await statusOf(organization.id)).toBe("suspended");
    const good = await addCard(ownerCtx, GOOD_CARD);
    await setDefaultPaymentMethod(ownerCtx, good.id);
    const billerCtx = await contextFor(biller, organization.slug);

    expect(await payInvoiceNow(billerCtx, invoice.number)).toEqual({ status: "paid", fromCreditsMinor: 0, chargedMinor: 1864 });

    expect(await invoiceById(invoice.id)).toMatchObject({ status: "paid", paymentAttempts: 4 });
    expect(await statusOf(organization.id)).toBe("active");
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, organization.id), eq(auditEvents.action, "invoice.paid")));
    expect(event).toMatchObject({ actorId: biller.id, actorChannel: "session", actorCredentialId: null, ip: noRequest.ip });
    // The suspension was the collection's rule, whoever made the last attempt.
    const [suspension] = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, organization.id), eq(auditEvents.action, "account.suspended")));
    expect(suspension).toMatchObject({ actorId: null, actorChannel: "job", actorCredentialId: "invoice-payment-collection" });
    const [activation] = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, organization.id), eq(auditEvents.action, "account.activated")));
    expect(activation).toMatchObject({ actorId: biller.id, actorChannel: "session" });
    await expect(payInvoiceNow(billerCtx, invoice.number)).rejects.toThrow(/already paid/);
  });

  it("reports a new decline, and refuses invoices that are not failed", async () => {
    const { owner, organization, invoice } = await setup({ card: DECLINED_CARD });
    const ctx = await contextFor(owner, organization.slug);
    await expect(payInvoiceNow(ctx, invoice.number)).rejects.toThrow(/Only an invoice whose payment failed/);
    await collectInvoicePayment(invoice.id);
    expect(await payInvoiceNow(ctx, invoice.number)).toMatchObject({ status: "failed", attempts: 2, reason: "Your card was declined." });
    const { rows } = await db.execute(sql`select 1 from ${payments} where invoice_id = ${invoice.id}`);
    expect(rows).toHaveLength(2);
  });
});
