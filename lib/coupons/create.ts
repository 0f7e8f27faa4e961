import "server-only";
import { db, type Executor } from "@/db/client";
import { coupons } from "@/db/schema";
import { config } from "@/lib/config";
import { isUniqueViolation, PublicError } from "@/lib/errors";
import { createCouponSchema, type CreateCouponInput } from "./schemas";

export type Coupon = typeof coupons.$inferSelect;

/**
 * Creates a coupon (operators, through `npm run coupon:create`, and the demo seed): a credit in the
 * console's currency, or a percentage off the account's next N invoices; optional expiry and
 * maximum number of redemptions; once per person (the default) or once per account. Codes are stored upper-case and unique case-insensitively.
 */
export async function createCoupon(input: CreateCouponInput, executor: Executor = db): Promise<Coupon> {
  const parsed = createCouponSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw PublicError.field("coupon_invalid", String(issue.path[0] ?? "code"), issue.message);
  }
  const coupon = parsed.data;
  const values =
    coupon.kind === "credit"
      ? { code: coupon.code, kind: coupon.kind, amountMinor: coupon.amountMinor, currency: config().CURRENCY }
      : { code: coupon.code, kind: coupon.kind, percentOff: coupon.percentOff, invoiceCount: coupon.invoiceCount };
  try {
    const [row] = await executor
      .insert(coupons)
      .values({ ...values, expiresAt: coupon.expiresAt ?? null, maxRedemptions: coupon.maxRedemptions ?? null, oncePerUser: coupon.oncePerUser })
      .returning();
    return row!;
  } catch (error) {
    if (isUniqueViolation(error, "coupons_code_key")) throw PublicError.field("coupon_code_taken", "code", `A coupon with the code ${coupon.code} already exists.`);
    throw error;
  }
}
