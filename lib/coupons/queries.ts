import "server-only";
import { desc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { couponRedemptions, coupons, users } from "@/db/schema";
import type { AccountContext } from "@/lib/authz/account-context";
import { assertCan } from "@/lib/authz/can";
import type { CouponBenefit } from "./describe";

export const REDEMPTIONS_SHOWN = 50;

export type RedemptionRow = CouponBenefit & {
  id: string;
  code: string;
  invoicesRemaining: number;
  redeemedAt: Date;
  redeemedByName: string | null;
};

/** The account's redeemed codes, newest first, with what each gave. One query. */
export async function listRedemptions(ctx: AccountContext): Promise<RedemptionRow[]> {
  assertCan(ctx, "billing.view");
  const rows = await db
    .select({
      id: couponRedemptions.id,
      code: coupons.code,
      kind: coupons.kind,
      amountMinor: coupons.amountMinor,
      currency: coupons.currency,
      percentOff: coupons.percentOff,
      invoiceCount: coupons.invoiceCount,
      invoicesRemaining: couponRedemptions.invoicesRemaining,
      redeemedAt: couponRedemptions.redeemedAt,
      redeemedByName: users.name,
    })
    .from(couponRedemptions)
    .innerJoin(coupons, eq(coupons.id, couponRedemptions.couponId))
    .leftJoin(users, eq(users.id, couponRedemptions.redeemedById))
    .where(eq(couponRedemptions.accountId, ctx.account.id))
    .orderBy(desc(couponRedemptions.redeemedAt), desc(couponRedemptions.id))
    .limit(REDEMPTIONS_SHOWN);
  return rows.map((row) => {
    const common = { id: row.id, code: row.code, invoicesRemaining: row.invoicesRemaining, redeemedAt: row.redeemedAt, redeemedByName: row.redeemedByName };
    return row.kind === "credit"
      ? { ...common, kind: "credit" as const, amountMinor: row.amountMinor!, currency: row.currency! }
      : { ...common, kind: "percent" as const, percentOff: row.percentOff!, invoiceCount: row.invoiceCount! };
  });
}
