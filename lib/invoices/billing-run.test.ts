import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { accounts, auditEvents, couponRedemptions, invoiceLines, invoices } from "@/db/schema";
import { createCoupon } from "@/lib/coupons/create";
import { redeemCoupon } from "@/lib/coupons/redeem";
import { contextFor, createOrganizationWith, createUser } from "@/test/factories";
import { billAccountForMonth, invoicePeriod, monthToBill, runBillingForMonth } from "./billing-run";
import { asBuyerSnapshot } from "./parties";
import { addUsage, dropPaymentJobs, mailsTo, paymentJob, setBillingProfile, testMetric, uniqueMonth } from "./test-support";

const issuedIds: string[] = [];
afterAll(async () => dropPaymentJobs(issuedIds));

async function invoicesOf(accountId: string) {
  return db.select().from(invoices).where(eq(invoices.accountId, accountId));
}

async function organizationWithUsage(month: string, metrics: { id: string }[], quantities: string[]) {
  const [owner, biller] = [await createUser(), await createUser()];
  const organization = await createOrganizationWith({ owner, billing: biller });
  for (const [i, metric] of metrics.entries()) await addUsage(organization.id, metric.id, quantities[i]!, month);
  return { owner, biller, organization };
}

describe("the monthly billing run", () => {
  it("bills the previous UTC month", () => {
    expect(monthToBill(new Date("2026-11-01T02:00:00Z"))).toBe("2026-10");
    expect(monthToBill(new Date("2027-01-01T00:00:00Z"))).toBe("2026-12");
    expect(invoicePeriod("2028-02")).toMatchObject({ periodStart: "2028-02-01", periodEnd: "2028-02-29" });
  });

  it("issues a line per metric, the coupon discount and the tax of the billing country, then nothing on a second run", async () => {
    const month = uniqueMonth();
    const compute = await testMetric("Compute", "vCPU-hour", 4_200); // €0.0042
    const storage = await testMetric("Storage", "GB-month", 1_230_000); // €1.23
    const { owner, biller, organization } = await organizationWithUsage(month, [compute, storage, compute], ["600", "12.5", "400"]);
    // Outside the month: not billed.
    await addUsage(organization.id, compute.id, "99", month, 1);
    await db.execute(sql`update usage_records set recorded_at = recorded_at - interval '2 days' where account_id = ${organization.id} and quantity = 99`);
    await setBillingProfile(organization.id, { country: "DE", legalName: "Käufer GmbH", billingEmail: "ap@kaeufer.example" }); // a consumer in Germany: 19%
    const code = `TEN${Date.now().toString(36).toUpperCase()}`;
    await createCoupon({ code, kind: "percent", percentOff: 20, invoiceCount: 2 });
    await redeemCoupon(await contextFor(owner, organization.slug), code);

    const first = await runBillingForMonth(month);
    expect(first.failed).toEqual([]);
    expect(first.issued).toHaveLength(1);
    const [invoice] = await invoicesOf(organization.id);
    issuedIds.push(invoice!.id);
    // 1000 × €0.0042 = €4.20; 12.5 × €1.23 = €15.375 → €15.38; subtotal €19.58.
    // 20% off: €3.916 → €3.92; tax 19% of €15.66 = €2.9754 → €2.98; total €18.64.
    expect(invoice).toMatchObject({
      periodStart: `${month}-01`,
      currency: "EUR",
      subtotalMinor: 1958,
      discountMinor: 392,
      taxRateBasisPoints: 1900,
      taxMinor: 298,
      totalMinor: 1864,
      paidFromCreditsMinor: 0,
      paymentAttempts: 0,
    });
    expect(invoice!.number).toMatch(new RegExp(`^INV-${invoice!.issuedAt.getUTCFullYear()}-\\d{6}$`));
    expect(invoice!.number.endsWith(String(invoice!.sequence).padStart(6, "0"))).toBe(true);
    expect(invoice!.buyer).toMatchObject({ name: "Käufer GmbH", email: "ap@kaeufer.example", country: "DE", discountNote: `Coupon ${code} (20% off)` });
    expect(invoice!.seller.name).toBeTruthy();
    const lines = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice!.id)).orderBy(invoiceLines.position);
    expect(lines.map((l) => [l.description, Number(l.quantity), l.unit, l.amountMinor])).toEqual([
      ["Compute", 1000, "vCPU-hour", 420],
      ["Storage", 12.5, "GB-month", 1538],
    ]);
    // One invoice of the coupon is spent.
    const [redemption] = await db.select().from(couponRedemptions).where(eq(couponRedemptions.accountId, organization.id));
    expect(redemption!.invoicesRemaining).toBe(1);
    // Billing contacts (owner, billing member, the profile's address) are told; the payment is queued.
    for (const to of [owner.email, biller.email, "ap@kaeufer.example"]) {
      const mails = (await mailsTo(to)).filter((m) => m.subject.startsWith(`Invoice ${invoice!.number}`));
      expect(mails, to).toHaveLength(1);
      expect(mails[0]!.text).toContain("€18.64");
      expect(mails[0]!.text).toContain(`/${organization.slug}/invoices/${invoice!.number}`);
    }
    // The payment is queued (unless another test file's worker already took the job: then it left its mark on the invoice).
    if (!(await paymentJob(invoice!.id))) expect((await invoicesOf(organization.id))[0]!.status).not.toBe("open");
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, organization.id), eq(auditEvents.action, "invoice.issued")));
    expect(event?.metadata).toMatchObject({ number: invoice!.number, totalMinor: 1864 });
    // Issued by the job, and the audit log says which one.
    expect(event).toMatchObject({ actorId: null, actorEmail: null, actorChannel: "job", actorCredentialId: "monthly-billing-run", actorLabel: "the monthly billing run", ip: null });

    const second = await runBillingForMonth(month);
    expect(second).toMatchObject({ issued: [], alreadyInvoiced: 1, failed: [] });
    expect(await invoicesOf(organization.id)).toHaveLength(1);
    const [after] = await db.select().from(couponRedemptions).where(eq(couponRedemptions.accountId, organization.id));
    expect(after!.invoicesRemaining).toBe(1);
    expect((await mailsTo(owner.email)).filter((m) => m.subject.startsWith("Invoice "))).toHaveLength(1);
  });

  it("taxes an account without billing profile at the seller's rate and says so; reverse-charges an EU business", async () => {
    const month = uniqueMonth();
    const metric = await testMetric("Requests", "million", 500_000);
    const noProfile = await organizationWithUsage(month, [metric], ["10"]);
    const business = await organizationWithUsage(month, [metric], ["10"]);
    await db.update(accounts).set({ isCompany: true }).where(eq(accounts.id, business.organization.id));
    await setBillingProfile(business.organization.id, { country: "DE", taxId: "DE129273398" });

    const summary = await runBillingForMonth(month);
    expect(summary.issued).toHaveLength(2);
    issuedIds.push(...summary.issued.map((i) => i.invoiceId));
    const [plain] = await invoicesOf(noProfile.organization.id);
    expect(plain).toMatchObject({ subtotalMinor: 500, taxRateBasisPoints: 2000, taxMinor: 100, totalMinor: 600 });
    expect(asBuyerSnapshot(plain!.buyer)).toMatchObject({ name: noProfile.organization.name, lines: [], country: null });
    expect(asBuyerSnapshot(plain!.buyer).taxNote).toMatch(/No billing profile/);
    const [reverse] = await invoicesOf(business.organization.id);
    expect(reverse).toMatchObject({ taxRateBasisPoints: 0, taxMinor: 0, totalMinor: 500 });
    expect(asBuyerSnapshot(reverse!.buyer)).toMatchObject({ taxId: "DE129273398", taxReason: "reverse-charge" });
    expect(asBuyerSnapshot(reverse!.buyer).taxNote).toMatch(/Reverse charge/);
  });

  it("issues a zero invoice as paid, with no payment to collect", async () => {
    const month = uniqueMonth();
    const free = await testMetric("Free tier", "request", 0);
    const { organization } = await organizationWithUsage(month, [free], ["1000"]);
    const summary = await runBillingForMonth(month);
    expect(summary.issued).toEqual([expect.objectContaining({ accountId: organization.id, totalMinor: 0, status: "paid" })]);
    const [invoice] = await invoicesOf(organization.id);
    expect(invoice).toMatchObject({ status: "paid", totalMinor: 0 });
    expect(invoice!.paidAt).toBeInstanceOf(Date);
    expect(await paymentJob(invoice!.id)).toBeNull();
  });

  it("limits a run to given accounts, and leaves months without usage alone", async () => {
    const month = uniqueMonth();
    const metric = await testMetric("Compute", "hour", 10_000);
    const [a, b] = [await organizationWithUsage(month, [metric], ["1"]), await organizationWithUsage(month, [metric], ["2"])];
    const only = await runBillingForMonth(month, { accountIds: [b.organization.id] });
    expect(only.issued.map((i) => i.accountId)).toEqual([b.organization.id]);
    expect(await invoicesOf(a.organization.id)).toHaveLength(0);
    issuedIds.push(...only.issued.map((i) => i.invoiceId));
    expect(await runBillingForMonth(uniqueMonth(), { accountIds: [a.organization.id] })).toMatchObject({ issued: [], alreadyInvoiced: 0 });
    await expect(runBillingForMonth("2026-13")).rejects.toThrow(/not a month/);
  });

  it("issues one invoice when one account is billed ten times at once; the losers give their numbers back", async () => {
    const month = uniqueMonth();
    const metric = await testMetric("Compute", "hour", 10_000);
    const { organization } = await organizationWithUsage(month, [metric], ["3"]);
    const other = await organizationWithUsage(month, [metric], ["4"]);

    const outcomes = await Promise.all(Array.from({ length: 10 }, () => billAccountForMonth(organization.id, month)));
    const next = await billAccountForMonth(other.organization.id, month);

    expect(outcomes.filter((o) => o.status === "issued")).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === "already-invoiced")).toHaveLength(9);
    const [invoice] = await invoicesOf(organization.id);
    issuedIds.push(invoice!.id);
    expect(next.status).toBe("issued");
    if (next.status !== "issued") return;
    issuedIds.push(next.invoice.invoiceId);
    const [range] = (await db.execute<{ n: string }>(sql`select count(*) as n from invoices where sequence between ${invoice!.sequence} and ${next.invoice.sequence}`)).rows;
    expect(Number(range!.n)).toBe(next.invoice.sequence - invoice!.sequence + 1);
  });

  it("gives unique, gapless numbers to parallel runs over several accounts", async () => {
    const month = uniqueMonth();
    const metric = await testMetric("Compute", "hour", 10_000);
    const organizations = [];
    for (let i = 0; i < 8; i++) organizations.push((await organizationWithUsage(month, [metric], [String(i + 1)])).organization);
    const ids = organizations.map((o) => o.id);

    const runs = await Promise.all(Array.from({ length: 5 }, () => runBillingForMonth(month)));

    for (const run of runs) expect(run.failed).toEqual([]);
    expect(runs.reduce((n, run) => n + run.issued.length, 0)).toBe(8);
    const issued = await db.select().from(invoices).where(inArray(invoices.accountId, ids));
    issuedIds.push(...issued.map((i) => i.id));
    expect(issued).toHaveLength(8);
    expect(new Set(issued.map((i) => i.accountId)).size).toBe(8);
    const sequences = issued.map((i) => i.sequence).sort((x, y) => x - y);
    expect(new Set(sequences).size).toBe(8);
    expect(new Set(issued.map((i) => i.number)).size).toBe(8);
    // Gapless: every number between the lowest and highest of these exists (other files' runs may have
    // taken some in between, but none was lost, although losing runs took numbers and rolled back).
    const [min, max] = [sequences[0]!, sequences[sequences.length - 1]!];
    const [range] = (await db.execute<{ n: string }>(sql`select count(*) as n from invoices where sequence between ${min} and ${max}`)).rows;
    expect(Number(range!.n)).toBe(max - min + 1);
    const [counter] = (await db.execute<{ last_sequence: number }>(sql`select last_sequence from invoice_counters where id = 'invoices'`)).rows;
    expect(Number(counter!.last_sequence)).toBeGreaterThanOrEqual(max);
  });
});
