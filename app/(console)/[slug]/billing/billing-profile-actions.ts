"use server";
import { accountAction } from "@/lib/account-action";
import type { ActionResult } from "@/lib/action-result";
import { saveBillingProfile } from "@/lib/billing/profile";
import { billingProfileBody } from "@/lib/billing/profile-schema";

export async function saveBillingProfileAction(slug: string, _state: ActionResult, formData: FormData) {
  return accountAction(slug, billingProfileBody, formData, (ctx, input) => saveBillingProfile(ctx, input), "Billing profile saved.");
}
