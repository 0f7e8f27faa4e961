"use server";
import { accountAction } from "@/lib/account-action";
import type { ActionResult } from "@/lib/action-result";
import { formatMoney } from "@/lib/billing/money";
import { addPaymentMethod, removePaymentMethod, setDefaultPaymentMethod } from "@/lib/billing/payment-methods";
import { addPaymentMethodSchema, paymentMethodIdSchema } from "@/lib/billing/payment-methods-schema";
import { topUp, type TopUpResult } from "@/lib/billing/top-up";
import { topUpSchema } from "@/lib/billing/top-up-schema";

/** Receives the provider component's one-time token (and the holder's name), never a card number. */
export async function addPaymentMethodAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(
    slug,
    addPaymentMethodSchema,
    formData,
    async (ctx, input, request) => {
      await addPaymentMethod(ctx, input, request);
    },
    "Card added.",
  );
}

export async function setDefaultPaymentMethodAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(slug, paymentMethodIdSchema, formData, (ctx, input, request) => setDefaultPaymentMethod(ctx, input.paymentMethodId, request), "Default card changed.");
}

export async function removePaymentMethodAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(slug, paymentMethodIdSchema, formData, (ctx, input, request) => removePaymentMethod(ctx, input.paymentMethodId, request), "Card removed.");
}

export async function topUpAction(slug: string, _state: ActionResult<TopUpResult>, formData: FormData) {
  return accountAction(slug, topUpSchema, formData, (ctx, input, request) => topUp(ctx, input, request), (result) =>
    `${formatMoney(result.amountMinor, result.currency)} added to your credits.${result.activated ? " The organization is now active." : ""}`,
  );
}
