import { and, between, count, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { accounts, auditEvents, invoiceLines, invoices, ledgerEntries, payments, userSessions, users } from "@/db/schema";
import { accountBalanceMinor } from "@/lib/billing/ledger";
import { collectInvoicePayment } from "@/lib/invoices/collect";
import { findInvoiceForOperator } from "@/lib/invoices/operator";
import { addCard, addCredits, dropPaymentJobs, invoiceById, issueTestInvoice } from "@/lib/invoices/test-support";
import { hashPassword } from "@/lib/passwords";
import { deleteUser } from "@/lib/users/profile";
import { personalSpaceId } from "@/lib/users/personal-space";
import { actorFor, contextFor, createOrganizationWith, createUser, type TestUser } from "@/test/factories";
import { deletionConsequences } from "./accounting-records";
import { deleteOrganization } from "./delete-organization";

const PASSWORD = "a long enough test password";
const GOOD_CARD = "4242424242424242";
const touched: string[] = [];
afterAll(async () => dropPaymentJobs(touched));

let passwordHash: string | undefined;
async function userWithPassword(): Promise<TestUser> {
  passwordHash ??= await hashPassword(PASSWORD);
  return createUser({ passwordHash });
}

/** Pretends the session signed in long ago: only the password proves who is at the keyboard. */
async function ageSession(user: TestUser) {
  await db.update(userSessions).set({ authenticatedAt: sql`now() - interval '1 hour'` }).where(eq(userSessions.id, user.sessionId));
}

async function accountExists(id: string) {
  return (await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, id))).length === 1;
}

describe("deleting an organization keeps its accounting records", () => {
  it("is refused while an invoice is open or failed, naming the invoices and the way out", async () => {
    const owner = await userWithPassword();
    const organization = await createOrganizationWith({ owner });
    const ctx = await contextFor(owner, organization.slug);
    const open = await issueTestInvoice(organization.id, 1200);
    const failed = await issueTestInvoice(organization.id, 900);
    touched.push(open.id, failed.id);
    await db.update(invoices).set({ status: "failed" }).where(eq(invoices.id, failed.id));

    const attempt = deleteOrganization(ctx, { confirmName: organization.name, password: PASSWORD });
    await expect(attempt).rejects.toThrow(`Invoices ${open.number} and ${failed.number} are not paid yet. Pay them on the Invoices page, or contact the operator`);
    expect(await accountExists(organization.id)).toBe(true);
    expect((await deletionConsequences(organization.id)).unsettledInvoiceNumbers).toEqual([open.number, failed.number]);
  });

  it("keeps a paid invoice with its number, buyer, lines, payments and ledger; credit is forfeited; numbering goes on without a gap", async () => {
    const owner = await userWithPassword();
    const organization = await createOrganizationWith({ owner });
    const ctx = await contextFor(owner, organization.slug);
    await addCredits(organization.id, 500);
    await addCard(ctx, GOOD_CARD);
    const invoice = await issueTestInvoice(organization.id, 1864);
    touched.push(invoice.id);
    expect(await collectInvoicePayment(invoice.id)).toMatchObject({ status: "paid" });
    await addCredits(organization.id, 730);
    expect(await deletionConsequences(organization.id)).toMatchObject({ issuedInvoices: 1, unsettledInvoiceNumbers: [], creditMinor: 730 });
    const ledgerIds = (await db.select({ id: ledgerEntries.id }).from(ledgerEntries).where(eq(ledgerEntries.accountId, organization.id))).map((r) => r.id);
    const paymentIds = (await db.select({ id: payments.id }).from(payments).where(eq(payments.invoiceId, invoice.id))).map((r) => r.id);
    expect(paymentIds).toHaveLength(1);

    await deleteOrganization(ctx, { confirmName: organization.name, password: PASSWORD });

    expect(await accountExists(organization.id)).toBe(false);
    const kept = await invoiceById(invoice.id);
    expect(kept).toMatchObject({ accountId: null, number: invoice.number, sequence: invoice.sequence, status: "paid", totalMinor: 1864, buyer: invoice.buyer });
    expect(await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id))).toHaveLength(1);
    // Still available to the operator (npm run invoice:pdf), with its payment.
    const forOperator = await findInvoiceForOperator(invoice.number);
    expect(forOperator?.payments).toEqual([expect.objectContaining({ amountMinor: 1364, status: "succeeded" })]);
    const keptPayments = await db.select().from(payments).where(eq(payments.invoiceId, invoice.id));
    expect(keptPayments.map((p) => [p.id, p.accountId, p.amountMinor])).toEqual([[paymentIds[0], null, 1364]]);
    const keptLedger = await db.select().from(ledgerEntries).where(sql`${ledgerEntries.id} = any(${sql.param(ledgerIds)}::bigint[]) or (${ledgerEntries.accountId} is null and ${ledgerEntries.kind} = 'adjustment' and ${ledgerEntries.createdById} = ${owner.id})`);
    expect(keptLedger.every((entry) => entry.accountId === null)).toBe(true);
    // Top-ups 500 + 730, invoice payment -500, and the forfeited 730 written off: the detached ledger sums to zero.
    expect(keptLedger.map((entry) => entry.amountMinor).sort((a, b) => a - b)).toEqual([-730, -500, 500, 730]);

    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "organization.deleted"), eq(auditEvents.targetId, organization.id)));
    expect(event?.metadata).toMatchObject({ invoicesKept: 1, creditForfeited: "€7.30" });

    // The next invoice takes the next number, and every number in between exists.
    const other = await createOrganizationWith({ owner });
    const next = await issueTestInvoice(other.id, 100);
    touched.push(next.id);
    expect(next.sequence).toBeGreaterThan(invoice.sequence);
    const [between_] = await db.select({ n: count() }).from(invoices).where(between(invoices.sequence, invoice.sequence, next.sequence));
    expect(between_?.n).toBe(next.sequence - invoice.sequence + 1);
  });

  it("asks for the password (or a sign-in within the last minutes), checked on the server", async () => {
    const owner = await userWithPassword();
    const organization = await createOrganizationWith({ owner });
    const ctx = await contextFor(owner, organization.slug);
    await ageSession(owner);
    await expect(deleteOrganization(ctx, { confirmName: organization.name })).rejects.toMatchObject({ fieldErrors: { password: ["Enter your password to confirm."] } });
    await expect(deleteOrganization(ctx, { confirmName: organization.name, password: "not it" })).rejects.toMatchObject({ fieldErrors: { password: ["This is not your password."] } });
    expect(await accountExists(organization.id)).toBe(true);
    await deleteOrganization(ctx, { confirmName: organization.name, password: PASSWORD });
    expect(await accountExists(organization.id)).toBe(false);
  });
});

describe("deleting the account (and its personal space) keeps its accounting records", () => {
  it("asks for the password, refuses while the personal space owes an invoice, then keeps the invoice", async () => {
    const user = await userWithPassword();
    const spaceId = (await personalSpaceId(db, user.id))!;
    await ageSession(user);
    await expect(deleteUser(actorFor(user), { confirmEmail: user.email })).rejects.toMatchObject({ fieldErrors: { password: ["Enter your password to confirm."] } });
    await expect(deleteUser(actorFor(user), { confirmEmail: user.email, password: "wrong" })).rejects.toMatchObject({ fieldErrors: { password: ["This is not your password."] } });

    const invoice = await issueTestInvoice(spaceId, 400);
    touched.push(invoice.id);
    await expect(deleteUser(actorFor(user), { confirmEmail: user.email, password: PASSWORD })).rejects.toThrow(
      `Invoice ${invoice.number} is not paid yet. Pay it on the Invoices page, or contact the operator, before deleting your account.`,
    );
    expect(await db.select().from(users).where(eq(users.id, user.id))).toHaveLength(1);

    await addCredits(spaceId, 1000);
    expect(await collectInvoicePayment(invoice.id)).toMatchObject({ status: "paid", fromCreditsMinor: 400 });
    await deleteUser(actorFor(user), { confirmEmail: user.email, password: PASSWORD });
    expect(await db.select().from(users).where(eq(users.id, user.id))).toHaveLength(0);
    expect(await invoiceById(invoice.id)).toMatchObject({ accountId: null, number: invoice.number, status: "paid" });
    expect(await accountBalanceMinor(spaceId)).toBe(0);
  });
});
