"use server";
import { accountAction } from "@/lib/account-action";
import type { ActionResult } from "@/lib/action-result";
import { describeBenefit } from "@/lib/coupons/describe";
import { redeemCoupon, type RedeemedCoupon } from "@/lib/coupons/redeem";
import { redeemCouponBody } from "@/lib/coupons/schemas";

export async function redeemCouponAction(slug: string, _state: ActionResult<RedeemedCoupon>, formData: FormData) {
  return accountAction(
    slug,
    redeemCouponBody,
    formData,
    (ctx, input) => redeemCoupon(ctx, input.code),
    (redeemed) => `Code ${redeemed.code} redeemed: ${describeBenefit(redeemed)}${redeemed.kind === "credit" ? " added to the balance" : ""}.`,
  );
}
