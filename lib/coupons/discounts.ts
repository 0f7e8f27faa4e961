import "server-only";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { couponRedemptions, coupons } from "@/db/schema";

/**
 * The invoice run's side of percent coupons.
 *
 * In the transaction that issues an account's invoice:
 *   1. `percentDiscountsFor(tx, accountId)` returns the account's percent redemptions that still
 *      have invoices to discount, oldest first, and locks them (FOR UPDATE) so two runs cannot
 *      spend the same one;
 *   2. compute the discount on the invoice (`applyBasisPoints(subtotal, percentOff * 100)`);
 *   3. call `consumePercentDiscount(tx, redemptionId)` once for each redemption applied to it.
 * A redemption keeps applying after its coupon's expiry date: expiry only ends redeeming the code.
 */
export interface PercentDiscount {
  redemptionId: string;
  couponId: string;
  code: string;
  /** 1–100. */
  percentOff: number;
  /** Invoices still to discount, this one included; always ≥ 1 here. */
  invoicesRemaining: number;
  redeemedAt: Date;
}

export async function percentDiscountsFor(tx: Transaction, accountId: string): Promise<PercentDiscount[]> {
  return tx
    .select({
      redemptionId: couponRedemptions.id,
      couponId: coupons.id,
      code: coupons.code,
      percentOff: sql<number>`${coupons.percentOff}`.mapWith(Number),
      invoicesRemaining: couponRedemptions.invoicesRemaining,
      redeemedAt: couponRedemptions.redeemedAt,
    })
    .from(couponRedemptions)
    .innerJoin(coupons, eq(coupons.id, couponRedemptions.couponId))
    .where(and(eq(couponRedemptions.accountId, accountId), eq(coupons.kind, "percent"), gt(couponRedemptions.invoicesRemaining, 0)))
    .orderBy(asc(couponRedemptions.redeemedAt), asc(couponRedemptions.id))
    .for("update", { of: couponRedemptions });
}

/**
 * Spends one invoice of a percent redemption. Returns the invoices left afterwards, or null when
 * there was nothing left to spend (the invoice must then not apply that discount).
 */
export async function consumePercentDiscount(tx: Transaction, redemptionId: string): Promise<number | null> {
  const [row] = await tx
    .update(couponRedemptions)
    .set({ invoicesRemaining: sql`${couponRedemptions.invoicesRemaining} - 1` })
    .where(and(eq(couponRedemptions.id, redemptionId), gt(couponRedemptions.invoicesRemaining, 0)))
    .returning({ invoicesRemaining: couponRedemptions.invoicesRemaining });
  return row ? row.invoicesRemaining : null;
}
