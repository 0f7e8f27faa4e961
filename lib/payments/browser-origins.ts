/**
 * Where a payment provider's browser component loads from and talks to. The billing page's
 * Content-Security-Policy allows exactly these origins (proxy.ts), and no other page allows them.
 * Origins are CSP host sources such as "https://js.stripe.com".
 */
export interface ProviderBrowserOrigins {
  /** Scripts the component loads (Stripe: https://js.stripe.com). */
  scripts: readonly string[];
  /** Frames it embeds (hosted card fields, 3-D Secure challenges). */
  frames: readonly string[];
  /** Endpoints it calls from the browser (tokenization APIs). */
  connect: readonly string[];
}
