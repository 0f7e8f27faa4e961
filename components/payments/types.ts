import type { ActionResult } from "@/lib/action-result";

/**
 * The console's server action a provider's card component calls once the provider has tokenized
 * the card: FormData with `token` and, optionally, `holderName`. Nothing else.
 */
export type AddCardAction = (state: ActionResult, formData: FormData) => Promise<ActionResult>;

/** What every provider's browser component (the sandbox's, Stripe Elements', …) takes. */
export interface ProviderCardFormProps {
  action: AddCardAction;
}
