"use client";
import { TextField } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import type { RedeemedCoupon } from "@/lib/coupons/redeem";
import { COUPON_CODE_MAX } from "@/lib/coupons/schemas";
import { redeemCouponAction } from "./coupon-actions";

/** Redeem a code: an error stays beside the field with the typed code kept; a success clears it. */
export function CouponForm({ slug }: { slug: string }) {
  const { pending, errorFor, formError, formProps } = useActionForm<RedeemedCoupon>(redeemCouponAction.bind(null, slug), { resetOnSuccess: true });
  return (
    <form {...formProps} aria-label="Redeem a code" className="grid gap-3">
      <FormMessage tone="error" message={formError} />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <TextField
          className="sm:w-80"
          label="Coupon or discount code"
          name="code"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={COUPON_CODE_MAX}
          placeholder="WELCOME10"
          error={errorFor("code")}
        />
        <SubmitButton pending={pending} className="sm:mt-6.5">
          Redeem
        </SubmitButton>
      </div>
    </form>
  );
}
