import "server-only";
import { config } from "@/lib/config";
import type { PaymentProvider } from "./provider";
import { sandboxProvider } from "./sandbox/provider";

export type { CardDetails, ChargeOutcome, PaymentProvider } from "./provider";

/**
 * The configured card processor. Screens pick the provider's browser component by its `id`; a real
 * processor (Stripe SetupIntents and Elements, say) is one more case here and one more component.
 */
export function paymentProvider(): PaymentProvider {
  switch (config().PAYMENT_PROVIDER) {
    case "sandbox":
      return sandboxProvider;
  }
}
