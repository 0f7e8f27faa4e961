import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { couponRedemptions, coupons } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import type { AccountContext, MemberActor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/can";
import { actingMember } from "@/lib/authz/member-actor";
import { appendLedgerEntry } from "@/lib/billing/ledger";
import { config } from "@/lib/config";
import { isUniqueViolation, PublicError } from "@/lib/errors";
import { hitRateLimit, refundRateLimitHit } from "@/lib/rate-limit";
import type { CouponBenefit } from "./describe";
import { COUPON_CODE_MAX } from "./schemas";

export const couponMessages = {
  unknown: "This code does not exist. Check it for typos.",
  expired: "This code has expired.",
  usedUp: "This code has been used up.",
  alreadyRedeemed: "This account has already used this code.",
  wrongCurrency: "This code cannot be used with this account's currency.",
  usedByYouElsewhere: "You have already used this code for another account. It can be used once per person.",
  tooManyFailures: (minutes: number) => `Too many codes tried that did not work. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
} as const;

/** Codes are guessable only so fast: failed attempts per user and per account (a success does not count). */
export const failedRedemptionRule = { limit: 10, windowSeconds: 15 * 60 };
const failureKeys = (ctx: AccountContext, me: MemberActor) => [`coupon-failures:user:${me.userId}`, `coupon-failures:account:${ctx.account.id}`];

/**
 * Counts the attempt before trying it (atomically, so parallel guesses are counted too) and takes
 * the count back when the code worked: what remains counted is the failures.
 */
async function countAttempt(ctx: AccountContext, me: MemberActor) {
  for (const key of failureKeys(ctx, me)) {
    const state = await hitRateLimit(key, failedRedemptionRule);
    if (!state.allowed) throw PublicError.field("coupon_rate_limited", "code", couponMessages.tooManyFailures(Math.ceil(state.retryAfterSeconds / 60)));
  }
}

export type RedeemedCoupon = CouponBenefit & { code: string; redemptionId: string };

/**
 * Redeems a code for the context's account. The coupon row is locked while checking and counting,
 * so the last redemption of a limited code goes to exactly one account, and an account redeems a
 * code once (also backed by the unique index coupon_redemptions_once_per_account), and a person
 * redeems a `once_per_user` code (the default) for one of their accounts only. Failed attempts are
 * limited per user and per account (`failedRedemptionRule`), so codes cannot be guessed in bulk.
 * A credit coupon adds a `coupon_grant` to the ledger; it is not a payment, so a suspended account
 * stays suspended.
 * A percent coupon discounts the account's next invoices (see `percentDiscountsFor`).
 * Only a person redeems a code (never the platform or a job).
 */
export async function redeemCoupon(ctx: AccountContext, code: string, now: Date = new Date()): Promise<RedeemedCoupon> {
  assertCan(ctx, "billing.manage");
  const me = actingMember(ctx);
  const typed = typeof code === "string" ? code.trim() : "";
  if (!typed) throw PublicError.field("coupon_code_missing", "code", "Enter a code.");
  if (typed.length > COUPON_CODE_MAX) throw PublicError.field("coupon_not_found", "code", couponMessages.unknown);
  await countAttempt(ctx, me);
  try {
    return await db.transaction(async (tx) => {
      const [coupon] = await tx
        .select()
        .from(coupons)
        .where(sql`upper(${coupons.code}) = upper(${typed})`)
        .for("update");
      if (!coupon) throw PublicError.field("coupon_not_found", "code", couponMessages.unknown);
      if (coupon.expiresAt && coupon.expiresAt.getTime() <= now.getTime()) throw PublicError.field("coupon_expired", "code", couponMessages.expired);
      const [previous] = await tx
        .select({ id: couponRedemptions.id })
        .from(couponRedemptions)
        .where(and(eq(couponRedemptions.couponId, coupon.id), eq(couponRedemptions.accountId, ctx.account.id)));
      if (previous) throw PublicError.field("coupon_already_redeemed", "code", couponMessages.alreadyRedeemed);
      if (coupon.oncePerUser) {
        // The coupon row is locked: two accounts of one person redeeming at once are serialized here.
        const [elsewhere] = await tx
          .select({ id: couponRedemptions.id })
          .from(couponRedemptions)
          .where(and(eq(couponRedemptions.couponId, coupon.id), eq(couponRedemptions.redeemedById, me.userId)));
        if (elsewhere) throw PublicError.field("coupon_used_elsewhere", "code", couponMessages.usedByYouElsewhere);
      }
      if (coupon.maxRedemptions !== null && coupon.redemptionCount >= coupon.maxRedemptions) throw PublicError.field("coupon_used_up", "code", couponMessages.usedUp);

      const benefit = benefitOf(coupon);
      if (benefit.kind === "credit" && benefit.currency !== config().CURRENCY) throw PublicError.field("coupon_wrong_currency", "code", couponMessages.wrongCurrency);

      const [redemption] = await tx
        .insert(couponRedemptions)
        .values({ couponId: coupon.id, accountId: ctx.account.id, redeemedById: me.userId, invoicesRemaining: benefit.kind === "percent" ? benefit.invoiceCount : 0 })
        .returning({ id: couponRedemptions.id });
      await tx
        .update(coupons)
        .set({ redemptionCount: sql`${coupons.redemptionCount} + 1` })
        .where(eq(coupons.id, coupon.id));
      if (benefit.kind === "credit") {
        await appendLedgerEntry(tx, {
          accountId: ctx.account.id,
          kind: "coupon_grant",
          amountMinor: benefit.amountMinor,
          currency: benefit.currency,
          description: `Coupon ${coupon.code}`,
          reference: { type: "coupon_redemption", id: redemption!.id },
          createdById: me.userId,
        });
      }
      await recordAuditEvent(tx, ctx, { action: "coupon.redeemed", targetType: "coupon", targetId: coupon.id, metadata: { code: coupon.code, ...benefit } });
      for (const key of failureKeys(ctx, me)) await refundRateLimitHit(key, tx);
      return { ...benefit, code: coupon.code, redemptionId: redemption!.id };
    });
  } catch (error) {
    if (isUniqueViolation(error, "coupon_redemptions_once_per_account")) throw PublicError.field("coupon_already_redeemed", "code", couponMessages.alreadyRedeemed);
    throw error;
  }
}

function benefitOf(coupon: typeof coupons.$inferSelect): CouponBenefit {
  if (coupon.kind === "credit") return { kind: "credit", amountMinor: coupon.amountMinor!, currency: coupon.currency! };
  return { kind: "percent", percentOff: coupon.percentOff!, invoiceCount: coupon.invoiceCount! };
}
