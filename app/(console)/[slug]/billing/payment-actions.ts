"use server";
import { accountAction } from "@/lib/account-action";
import type { ActionResult } from "@/lib/action-result";
import { formatMoney } from "@/lib/billing/money";
import { addPaymentMethod, removePaymentMethod, setDefaultPaymentMethod } from "@/lib/billing/payment-methods";
import { addPaymentMethodBody, paymentMethodIdSchema } from "@/lib/billing/payment-methods-schema";
import { topUp, type TopUpResult } from "@/lib/billing/top-up";
import { topUpForm } from "@/lib/billing/top-up-schema";

/** Receives the provider component's one-time token (and the holder's name), never a card number. */
export async function addPaymentMethodAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(
    slug,
    addPaymentMethodBody,
    formData,
    async (ctx, input) => {
      await addPaymentMethod(ctx, input);
    },
    "Card added.",
  );
}

export async function setDefaultPaymentMethodAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(slug, paymentMethodIdSchema, formData, (ctx, input) => setDefaultPaymentMethod(ctx, input.paymentMethodId), "Default card changed.");
}

export async function removePaymentMethodAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(slug, paymentMethodIdSchema, formData, (ctx, input) => removePaymentMethod(ctx, input.paymentMethodId), "Card removed.");
}

export async function topUpAction(slug: string, _state: ActionResult<TopUpResult>, formData: FormData) {
  return accountAction(slug, topUpForm, formData, (ctx, input) => topUp(ctx, input), (result) =>
    `${formatMoney(result.amountMinor, result.currency)} added to your credits.${result.activated ? " The organization is now active." : ""}`,
  );
}
