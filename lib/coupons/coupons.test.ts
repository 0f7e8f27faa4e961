import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { accounts, auditEvents, couponRedemptions, coupons, ledgerEntries } from "@/db/schema";
import { ForbiddenError } from "@/lib/authz/can";
import { roles, type Role } from "@/lib/authz/roles";
import { accountBalanceMinor } from "@/lib/billing/ledger";
import { PublicError } from "@/lib/errors";
import { contextFor, createOrganizationWith, createUser, noRequest } from "@/test/factories";
import { createCoupon } from "./create";
import { describeBenefit, describeRedemption } from "./describe";
import { consumePercentDiscount, percentDiscountsFor } from "./discounts";
import { listRedemptions } from "./queries";
import { couponMessages, failedRedemptionRule, redeemCoupon } from "./redeem";

const uniqueCode = (prefix = "T") => `${prefix}${randomUUID().slice(0, 8).toUpperCase()}`;

async function organizationWith(role: Role = "billing", status: "active" | "suspended" = "active") {
  const user = await createUser();
  const others: [typeof user, Role][] = role === "owner" ? [] : [[await createUser(), "owner"]];
  const organization = await createOrganizationWith([...others, [user, role]], status);
  return { user, organization, ctx: await contextFor(user, organization.slug) };
}

async function couponState(couponId: string, accountId: string) {
  const [coupon] = await db.select().from(coupons).where(eq(coupons.id, couponId));
  const redemptions = await db.select().from(couponRedemptions).where(and(eq(couponRedemptions.couponId, couponId), eq(couponRedemptions.accountId, accountId)));
  const ledger = await db.select().from(ledgerEntries).where(eq(ledgerEntries.accountId, accountId));
  const events = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, accountId), eq(auditEvents.action, "coupon.redeemed")));
  return { redemptionCount: coupon!.redemptionCount, redemptions: redemptions.length, ledger: ledger.length, balance: await accountBalanceMinor(accountId), events: events.length };
}

async function expectCodeError(attempt: Promise<unknown>, message: string) {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PublicError);
  expect((error as PublicError).fieldErrors).toEqual({ code: [message] });
}

describe("redeemCoupon", () => {
  for (const role of roles) {
    const allowed = role === "owner" || role === "admin" || role === "billing";
    it(`${allowed ? "lets" : "refuses"} a ${role} redeem a credit code`, async () => {
      const coupon = await createCoupon({ code: uniqueCode(), kind: "credit", amountMinor: 1000 });
      const { ctx, organization } = await organizationWith(role);
      const attempt = redeemCoupon(ctx, coupon.code);
      if (allowed) {
        await expect(attempt).resolves.toMatchObject({ kind: "credit", amountMinor: 1000, currency: "EUR", code: coupon.code });
        expect(await couponState(coupon.id, organization.id)).toEqual({ redemptionCount: 1, redemptions: 1, ledger: 1, balance: 1000, events: 1 });
      } else {
        await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
        expect(await couponState(coupon.id, organization.id)).toEqual({ redemptionCount: 0, redemptions: 0, ledger: 0, balance: 0, events: 0 });
      }
    });
  }

  it("grants a credit as a coupon_grant ledger entry, records who and why, and does not activate a suspended account", async () => {
    const coupon = await createCoupon({ code: uniqueCode("WELCOME"), kind: "credit", amountMinor: 2550 });
    const { ctx, organization, user } = await organizationWith("owner", "suspended");
    await redeemCoupon(ctx, `  ${coupon.code.toLowerCase()} `);
    const [entry] = await db.select().from(ledgerEntries).where(eq(ledgerEntries.accountId, organization.id));
    expect(entry).toMatchObject({ kind: "coupon_grant", amountMinor: 2550, currency: "EUR", description: `Coupon ${coupon.code}`, referenceType: "coupon_redemption", createdById: user.id });
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, organization.id), eq(auditEvents.action, "coupon.redeemed")));
    expect(event).toMatchObject({ actorId: user.id, targetType: "coupon", targetId: coupon.id, ip: noRequest.ip });
    expect(event!.metadata).toEqual({ code: coupon.code, kind: "credit", amountMinor: 2550, currency: "EUR" });
    const [account] = await db.select({ status: accounts.status }).from(accounts).where(eq(accounts.id, organization.id));
    expect(account!.status).toBe("suspended");
  });

  it("a percent code adds no credit and discounts the next invoices, which the invoice run consumes", async () => {
    const coupon = await createCoupon({ code: uniqueCode(), kind: "percent", percentOff: 20, invoiceCount: 3 });
    const { ctx, organization } = await organizationWith("admin");
    const other = await organizationWith("owner");
    await redeemCoupon(ctx, coupon.code);
    await redeemCoupon(other.ctx, coupon.code);
    expect(await couponState(coupon.id, organization.id)).toMatchObject({ redemptionCount: 2, redemptions: 1, ledger: 0, balance: 0 });

    const [discount] = await db.transaction((tx) => percentDiscountsFor(tx, organization.id));
    expect(discount).toMatchObject({ couponId: coupon.id, code: coupon.code, percentOff: 20, invoicesRemaining: 3 });
    expect(await db.transaction((tx) => consumePercentDiscount(tx, discount!.redemptionId))).toBe(2);
    expect((await listRedemptions(ctx)).map(describeRedemption)).toEqual(["20% off the next 3 invoices, 2 left"]);
    expect(await db.transaction((tx) => consumePercentDiscount(tx, discount!.redemptionId))).toBe(1);
    expect(await db.transaction((tx) => consumePercentDiscount(tx, discount!.redemptionId))).toBe(0);
    expect(await db.transaction((tx) => consumePercentDiscount(tx, discount!.redemptionId))).toBeNull();
    expect(await db.transaction((tx) => percentDiscountsFor(tx, organization.id))).toEqual([]);
    // The other account's discount is untouched.
    expect((await db.transaction((tx) => percentDiscountsFor(tx, other.organization.id))).map((d) => d.invoicesRemaining)).toEqual([3]);
  });

  it("a personal space's owner redeems codes for it", async () => {
    const coupon = await createCoupon({ code: uniqueCode(), kind: "credit", amountMinor: 500 });
    const user = await createUser();
    const [space] = await db.select().from(accounts).where(eq(accounts.personalOwnerId, user.id));
    await redeemCoupon(await contextFor(user, space!.slug), coupon.code);
    expect(await accountBalanceMinor(space!.id)).toBe(500);
  });

  it("refuses unknown, expired, used-up and already-redeemed codes with their own message, changing nothing", async () => {
    const now = new Date("2026-06-15T12:00:00Z");
    const { ctx, organization } = await organizationWith("billing");
    await expectCodeError(redeemCoupon(ctx, uniqueCode("NOPE"), now), couponMessages.unknown);
    await expectCodeError(redeemCoupon(ctx, "   ", now), "Enter a code.");

    const expired = await createCoupon({ code: uniqueCode(), kind: "credit", amountMinor: 500, expiresAt: new Date("2026-06-15T12:00:00Z") });
    await expectCodeError(redeemCoupon(ctx, expired.code, now), couponMessages.expired);
    expect(await couponState(expired.id, organization.id)).toEqual({ redemptionCount: 0, redemptions: 0, ledger: 0, balance: 0, events: 0 });
    const notYetExpired = await createCoupon({ code: uniqueCode(), kind: "credit", amountMinor: 500, expiresAt: new Date("2026-06-15T12:00:01Z") });
    await redeemCoupon(ctx, notYetExpired.code, now);

    const single = await createCoupon({ code: uniqueCode(), kind: "credit", amountMinor: 700, maxRedemptions: 1 });
    await redeemCoupon((await organizationWith("owner")).ctx, single.code, now);
    await expectCodeError(redeemCoupon(ctx, single.code, now), couponMessages.usedUp);
    expect(await couponState(single.id, organization.id)).toEqual({ redemptionCount: 1, redemptions: 0, ledger: 1, balance: 500, events: 1 });

    const again = await createCoupon({ code: uniqueCode(), kind: "percent", percentOff: 10, invoiceCount: 1 });
    await redeemCoupon(ctx, again.code, now);
    const before = await couponState(again.id, organization.id);
    await expectCodeError(redeemCoupon(ctx, again.code.toLowerCase(), now), couponMessages.alreadyRedeemed);
    expect(await couponState(again.id, organization.id)).toEqual(before);
  });

  it("gives the last redemption of a limited code to exactly one of two racing accounts", async () => {
    for (let round = 0; round < 3; round++) {
      const coupon = await createCoupon({ code: uniqueCode(), kind: "credit", amountMinor: 1000, maxRedemptions: 1 });
      const [a, b] = [await organizationWith("owner"), await organizationWith("billing")];
      const results = await Promise.allSettled([redeemCoupon(a.ctx, coupon.code), redeemCoupon(b.ctx, coupon.code)]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect((refused.reason as PublicError).fieldErrors).toEqual({ code: [couponMessages.usedUp] });
      const [row] = await db.select().from(coupons).where(eq(coupons.id, coupon.id));
      expect(row!.redemptionCount).toBe(1);
      expect((await accountBalanceMinor(a.organization.id)) + (await accountBalanceMinor(b.organization.id))).toBe(1000);
    }
  });

  it("lets one of two parallel redemptions by the same account through", async () => {
    const coupon = await createCoupon({ code: uniqueCode(), kind: "credit", amountMinor: 1000 });
    const { ctx, organization } = await organizationWith("admin");
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => redeemCoupon(ctx, coupon.code)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as PublicError).fieldErrors).toEqual({ code: [couponMessages.alreadyRedeemed] });
    expect(await couponState(coupon.id, organization.id)).toEqual({ redemptionCount: 1, redemptions: 1, ledger: 1, balance: 1000, events: 1 });
  });
});

describe("redeemCoupon against abuse", () => {
  it("limits failed codes per user: the 11th guess within 15 minutes is refused even if right; successes do not count", async () => {
    const { ctx, user, organization } = await organizationWith("owner");
    const good = await createCoupon({ code: uniqueCode(), kind: "credit", amountMinor: 100 });
    await redeemCoupon(ctx, good.code);
    for (let i = 0; i < failedRedemptionRule.limit; i++) await expectCodeError(redeemCoupon(ctx, uniqueCode("GUESS")), couponMessages.unknown);
    const right = await createCoupon({ code: uniqueCode(), kind: "credit", amountMinor: 100 });
    await expectCodeError(redeemCoupon(ctx, right.code), couponMessages.tooManyFailures(15));
    expect(await couponState(right.id, organization.id)).toMatchObject({ redemptions: 0, balance: 100 });
    // Another account of the same person is limited too (per user).
    const other = await createOrganizationWith({ owner: user });
    await expectCodeError(redeemCoupon(await contextFor(user, other.slug), right.code), couponMessages.tooManyFailures(15));
  });

  it("limits failed codes per account, whoever of its members guesses, also in parallel", async () => {
    const [owner, biller] = [await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner, billing: biller });
    const billerCtx = await contextFor(biller, organization.slug);
    const guesses = await Promise.allSettled(Array.from({ length: 25 }, () => redeemCoupon(billerCtx, uniqueCode("GUESS"))));
    const messages = guesses.map((g) => ((g as PromiseRejectedResult).reason as PublicError).fieldErrors?.code?.[0]);
    expect(messages.filter((m) => m === couponMessages.unknown)).toHaveLength(failedRedemptionRule.limit);
    await expectCodeError(redeemCoupon(await contextFor(owner, organization.slug), uniqueCode("GUESS")), couponMessages.tooManyFailures(15));
  });

  it("a credit code is redeemed by a person for one account only, even racing", async () => {
    const coupon = await createCoupon({ code: uniqueCode(), kind: "credit", amountMinor: 2500 });
    const user = await createUser();
    const [first, second, third] = [await createOrganizationWith({ owner: user }), await createOrganizationWith({ owner: user }), await createOrganizationWith({ owner: user })];
    await redeemCoupon(await contextFor(user, first.slug), coupon.code);
    await expectCodeError(redeemCoupon(await contextFor(user, second.slug), coupon.code), couponMessages.usedByYouElsewhere);
    expect(await couponState(coupon.id, second.id)).toMatchObject({ redemptions: 0, balance: 0 });

    const racing = await createCoupon({ code: uniqueCode(), kind: "credit", amountMinor: 2500 });
    const results = await Promise.allSettled([second, third].map(async (o) => redeemCoupon(await contextFor(user, o.slug), racing.code)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await accountBalanceMinor(second.id)) + (await accountBalanceMinor(third.id))).toBe(2500);
    // Another person may still use it for an account of theirs.
    const { ctx } = await organizationWith("owner");
    await redeemCoupon(ctx, coupon.code);
  });

  it("a --per-account code may be redeemed once by each account, by the same person", async () => {
    const coupon = await createCoupon({ code: uniqueCode(), kind: "credit", amountMinor: 300, oncePerUser: false });
    expect(coupon.oncePerUser).toBe(false);
    const user = await createUser();
    const [first, second] = [await createOrganizationWith({ owner: user }), await createOrganizationWith({ owner: user })];
    await redeemCoupon(await contextFor(user, first.slug), coupon.code);
    await redeemCoupon(await contextFor(user, second.slug), coupon.code);
    expect(await accountBalanceMinor(second.id)).toBe(300);
    await expectCodeError(redeemCoupon(await contextFor(user, second.slug), coupon.code), couponMessages.alreadyRedeemed);
  });
});

describe("listRedemptions", () => {
  for (const role of roles) {
    const allowed = role === "owner" || role === "admin" || role === "billing";
    it(`${allowed ? "shows" : "refuses"} redeemed codes to a ${role}`, async () => {
      const { ctx } = await organizationWith(role);
      if (allowed) await expect(listRedemptions(ctx)).resolves.toEqual([]);
      else await expect(listRedemptions(ctx)).rejects.toBeInstanceOf(ForbiddenError);
    });
  }

  it("lists only this account's redemptions, newest first, with what they gave", async () => {
    const credit = await createCoupon({ code: uniqueCode(), kind: "credit", amountMinor: 1000 });
    const percent = await createCoupon({ code: uniqueCode(), kind: "percent", percentOff: 15, invoiceCount: 1 });
    const { ctx, user } = await organizationWith("billing");
    const other = await organizationWith("owner");
    await redeemCoupon(ctx, credit.code);
    await redeemCoupon(ctx, percent.code);
    await redeemCoupon(other.ctx, credit.code);
    const rows = await listRedemptions(ctx);
    expect(rows.map((r) => [r.code, describeRedemption(r), r.redeemedByName])).toEqual([
      [percent.code, "15% off the next invoice, 1 left", user.name],
      [credit.code, "€10.00 credit added to the balance", user.name],
    ]);
    expect(await listRedemptions(other.ctx)).toHaveLength(1);
  });
});

describe("createCoupon", () => {
  it("stores codes upper-case, unique case-insensitively, in the console's currency", async () => {
    const code = uniqueCode("mixed").toLowerCase();
    const coupon = await createCoupon({ code: ` ${code} `, kind: "credit", amountMinor: 1000, maxRedemptions: 100, expiresAt: new Date("2027-01-01T00:00:00Z") });
    expect(coupon).toMatchObject({ code: code.toUpperCase(), kind: "credit", amountMinor: 1000, currency: "EUR", maxRedemptions: 100, redemptionCount: 0, percentOff: null });
    await expect(createCoupon({ code: code.toUpperCase(), kind: "percent", percentOff: 5, invoiceCount: 1 })).rejects.toThrow(/already exists/);
  });

  it.each([
    [{ code: "AB", kind: "credit", amountMinor: 100 }, "code"],
    [{ code: "HAS SPACE", kind: "credit", amountMinor: 100 }, "code"],
    [{ code: "ZEROCREDIT", kind: "credit", amountMinor: 0 }, "amountMinor"],
    [{ code: "TOOMUCH", kind: "percent", percentOff: 101, invoiceCount: 1 }, "percentOff"],
    [{ code: "NOINVOICES", kind: "percent", percentOff: 10, invoiceCount: 0 }, "invoiceCount"],
    [{ code: "NOMAX", kind: "credit", amountMinor: 100, maxRedemptions: 0 }, "maxRedemptions"],
  ] as const)("refuses %o (%s)", async (input, field) => {
    const error = await createCoupon({ ...input, code: input.code.length > 2 && !input.code.includes(" ") ? uniqueCode(input.code) : input.code }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublicError);
    expect(Object.keys((error as PublicError).fieldErrors ?? {})).toEqual([field]);
  });

  it("describes what a code gives", () => {
    expect(describeBenefit({ kind: "credit", amountMinor: 1000, currency: "EUR" })).toBe("€10.00 credit");
    expect(describeBenefit({ kind: "percent", percentOff: 20, invoiceCount: 3 })).toBe("20% off the next 3 invoices");
    expect(describeRedemption({ kind: "percent", percentOff: 20, invoiceCount: 3, invoicesRemaining: 0 })).toBe("20% off the next 3 invoices, all used");
  });
});
