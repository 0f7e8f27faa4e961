import type { ProviderBrowserOrigins } from "./browser-origins";

/**
 * What the console needs from a card processor. The card number and CVC never pass through the
 * console: the provider's own browser component turns them into a token, and the console only
 * sees that token, brand, last 4 and expiry. A real processor (Stripe SetupIntents and Elements,
 * say) implements this same interface.
 */
export interface CardDetails {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  holderName: string;
}

export type ChargeOutcome =
  | { status: "succeeded"; reference: string }
  | { status: "failed"; code: "card_declined" | "insufficient_funds" | "expired_card" | "invalid_token" | "processing_error"; message: string };

export interface PaymentProvider {
  id: string;
  /** The origins its browser component needs; the billing page's CSP allows these and only these. */
  browserOrigins: ProviderBrowserOrigins;
  /** Exchanges a one-time token from the browser component for a reusable payment method. */
  attachCard(oneTimeToken: string): Promise<{ ok: true; reusableToken: string; card: CardDetails } | { ok: false; message: string }>;
  /** Charges a reusable payment method. The idempotency key makes a retried call charge once. */
  charge(input: { reusableToken: string; amountMinor: number; currency: string; idempotencyKey: string; description: string }): Promise<ChargeOutcome>;
  detachCard(reusableToken: string): Promise<void>;
}
