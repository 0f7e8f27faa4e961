import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { accounts, auditEvents, ledgerEntries, memberships, paymentMethods, payments } from "@/db/schema";
import { ForbiddenError } from "@/lib/authz/can";
import { roles, type Role } from "@/lib/authz/roles";
import { tokenizeCard } from "@/lib/payments/sandbox/tokenize";
import { forgetEverything } from "@/lib/payments/sandbox/vault";
import { contextFor, createOrganizationWith, createUser } from "@/test/factories";
import { accountBalanceMinor, appendLedgerEntry } from "./ledger";
import { addPaymentMethod } from "./payment-methods";
import { topUp } from "./top-up";
import { creditsOverview } from "./top-up-queries";
import { topUpBody, topUpForm } from "./top-up-schema";

const billingRoles: Role[] = ["owner", "admin", "billing"];

async function organizationWithCard(number = "4242424242424242", status: "active" | "suspended" = "suspended") {
  const owner = await createUser();
  const organization = await createOrganizationWith({ owner }, status);
  const ctx = await contextFor(owner, organization.slug);
  const token = tokenizeCard({ holderName: "Ada Lovelace", number, expMonth: "12", expYear: "30", cvc: "123" });
  if (!token.ok) throw new Error("tokenization failed");
  const card = await addPaymentMethod(ctx, { token: token.card.token });
  return { owner, organization, ctx, card };
}

const input = (paymentMethodId: string, amount = "25.00", idempotencyKey?: string) => topUpForm.parse({ amount, paymentMethodId, idempotencyKey });

async function stateOf(accountId: string) {
  const [account] = await db.select({ status: accounts.status }).from(accounts).where(eq(accounts.id, accountId));
  return {
    status: account!.status,
    balance: await accountBalanceMinor(accountId),
    ledger: await db.select().from(ledgerEntries).where(eq(ledgerEntries.accountId, accountId)),
    payments: await db.select().from(payments).where(eq(payments.accountId, accountId)),
    events: (await db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.accountId, accountId))).map((e) => e.action),
  };
}

describe("topUp", () => {
  for (const role of roles) {
    const allowed = billingRoles.includes(role);
    it(`${allowed ? "lets" : "refuses"} a ${role}`, async () => {
      const { organization, card } = await organizationWithCard("4242424242424242", "active");
      const user = await createUser();
      await db.insert(memberships).values({ accountId: organization.id, userId: user.id, role });
      const attempt = topUp(await contextFor(user, organization.slug), input(card.id));
      if (allowed) await attempt;
      else await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
      const state = await stateOf(organization.id);
      expect(state.balance).toBe(allowed ? 2500 : 0);
      expect(state.payments).toHaveLength(allowed ? 1 : 0);
    });
  }

  it("credits the ledger, records the payment and activates a suspended organization with its first payment", async () => {
    const { organization, ctx, card } = await organizationWithCard();
    const result = await topUp(ctx, input(card.id, "25"));
    expect(result).toEqual({ amountMinor: 2500, currency: "EUR", balanceMinor: 2500, activated: true });
    const state = await stateOf(organization.id);
    expect(state.status).toBe("active");
    expect(state.payments).toEqual([expect.objectContaining({ status: "succeeded", amountMinor: 2500, purpose: "top_up", paymentMethodId: card.id, providerReference: expect.stringMatching(/^ch_sandbox_/) })]);
    expect(state.ledger).toEqual([expect.objectContaining({ kind: "top_up", amountMinor: 2500, currency: "EUR", description: "Top-up with Visa •••• 4242", referenceType: "payment", referenceId: state.payments[0]!.id })]);
    expect(state.events).toEqual(expect.arrayContaining(["account.activated", "credits.topped_up"]));

    const second = await topUp(ctx, input(card.id, "10.50"));
    expect(second).toMatchObject({ balanceMinor: 3550, activated: false });
  });

  it.each([
    ["4000000000000002", "card_declined", "Your card was declined."],
    ["4000000000009995", "insufficient_funds", "Insufficient funds on this card."],
    ["4000000000000069", "expired_card", "This card has expired."],
  ])("a charge on %s fails (%s): a failed payment is recorded and nothing else changes", async (number, code, message) => {
    const { organization, ctx, card } = await organizationWithCard(number);
    await expect(topUp(ctx, input(card.id))).rejects.toThrow(message);
    const state = await stateOf(organization.id);
    expect(state.status).toBe("suspended");
    expect(state.balance).toBe(0);
    expect(state.ledger).toHaveLength(0);
    expect(state.payments).toEqual([expect.objectContaining({ status: "failed", failureCode: code, failureMessage: message, providerReference: null, amountMinor: 2500 })]);
    expect(state.events).toContain("payment.failed");
    expect(state.events).not.toContain("credits.topped_up");
  });

  it("after a restart of the sandbox, a saved card fails cleanly and asks to be added again", async () => {
    const { organization, ctx, card } = await organizationWithCard();
    forgetEverything();
    await expect(topUp(ctx, input(card.id))).rejects.toThrow(/no longer available in the sandbox.*Add it again/);
    expect((await stateOf(organization.id)).payments).toEqual([expect.objectContaining({ status: "failed", failureCode: "invalid_token" })]);
  });

  it("a retried submission (same idempotency key) charges and credits once", async () => {
    const { organization, ctx, card } = await organizationWithCard("4242424242424242", "active");
    const key = crypto.randomUUID();
    await topUp(ctx, input(card.id, "25", key));
    await topUp(ctx, input(card.id, "25", key));
    const state = await stateOf(organization.id);
    expect(state.balance).toBe(2500);
    expect(state.payments).toHaveLength(1);
  });

  it("refuses another organization's card, and charges nothing", async () => {
    const mine = await organizationWithCard();
    const theirs = await organizationWithCard();
    await expect(topUp(mine.ctx, input(theirs.card.id))).rejects.toThrow("This payment method does not exist in this account.");
    for (const { organization } of [mine, theirs]) expect((await stateOf(organization.id)).payments).toHaveLength(0);
  });

  it("keeps a payment whose card was removed, without the link", async () => {
    const { organization, ctx, card } = await organizationWithCard("4242424242424242", "active");
    await topUp(ctx, input(card.id));
    await db.delete(paymentMethods).where(eq(paymentMethods.id, card.id));
    expect((await stateOf(organization.id)).payments).toEqual([expect.objectContaining({ status: "succeeded", paymentMethodId: null })]);
  });
});

describe("topUpForm", () => {
  const id = crypto.randomUUID();
  it.each([
    ["5", 500],
    ["25.5", 2550],
    ["10 000,00", 1_000_000],
    ["1234.56", 123_456],
  ])("reads %s as %i minor units", (amount, minor) => {
    expect(topUpForm.parse({ amount, paymentMethodId: id }).amountMinor).toBe(minor);
  });
  it.each(["4.99", "10000.01", "", "abc", "-5", "5.001"])("refuses %s", (amount) => {
    const result = topUpForm.safeParse({ amount, paymentMethodId: id });
    expect(result.error?.issues[0]).toMatchObject({ path: ["amount"], message: "Enter an amount from 5.00 to 10,000.00." });
  });
  it("turns the typed amount into the wire's integer minor units", () => {
    expect(topUpForm.parse({ amount: "25.00", paymentMethodId: id, idempotencyKey: "a".repeat(16) })).toEqual({ amountMinor: 2500, paymentMethodId: id, idempotencyKey: "a".repeat(16) });
    expect(topUpBody.safeParse({ amountMinor: 25.5, paymentMethodId: id }).success).toBe(false);
    expect(topUpBody.safeParse({ amountMinor: "2500", paymentMethodId: id }).success).toBe(false);
    expect(topUpBody.safeParse({ amountMinor: 2500, paymentMethodId: id }).success).toBe(true);
  });
  it("ignores a malformed idempotency key rather than failing", () => {
    expect(topUpForm.parse({ amount: "5", paymentMethodId: id, idempotencyKey: "x" }).idempotencyKey).toBeUndefined();
  });
});

describe("creditsOverview", () => {
  for (const role of roles) {
    const allowed = billingRoles.includes(role);
    it(`${allowed ? "shows" : "refuses"} the balance to a ${role}`, async () => {
      const user = await createUser();
      const organization = await createOrganizationWith([[user, role]]);
      const ctx = await contextFor(user, organization.slug);
      if (allowed) expect(await creditsOverview(ctx)).toMatchObject({ balanceMinor: 0, currency: "EUR", isLow: true, entries: [] });
      else await expect(creditsOverview(ctx)).rejects.toBeInstanceOf(ForbiddenError);
    });
  }

  it("the balance is the sum of every entry; the list shows the 10 most recent, newest first", async () => {
    const { organization, ctx, card } = await organizationWithCard("4242424242424242", "active");
    await topUp(ctx, input(card.id, "100"));
    await db.transaction(async (tx) => {
      for (let i = 1; i <= 11; i++) {
        await appendLedgerEntry(tx, { accountId: organization.id, kind: i % 2 ? "adjustment" : "invoice_payment", amountMinor: i % 2 ? 100 : -250, currency: "EUR", description: `entry ${i}` });
      }
    });
    const overview = await creditsOverview(ctx);
    const [sum] = await db.select({ total: sql<string>`sum(${ledgerEntries.amountMinor})` }).from(ledgerEntries).where(eq(ledgerEntries.accountId, organization.id));
    expect(overview.balanceMinor).toBe(Number(sum!.total));
    expect(overview.balanceMinor).toBe(10_000 + 6 * 100 - 5 * 250);
    expect(overview.entries).toHaveLength(10);
    expect(overview.entries[0]!.description).toBe("entry 11");
    expect(overview.entries.some((e) => e.kind === "top_up")).toBe(false);
  });

  it("shows only the account's own entries", async () => {
    const mine = await organizationWithCard("4242424242424242", "active");
    const theirs = await organizationWithCard("4242424242424242", "active");
    await topUp(theirs.ctx, input(theirs.card.id));
    expect(await creditsOverview(mine.ctx)).toMatchObject({ balanceMinor: 0, entries: [] });
    const [row] = await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.accountId, theirs.organization.id)));
    expect(row?.amountMinor).toBe(2500);
  });
});
