import type { ProviderBrowserOrigins } from "@/lib/payments/browser-origins";

/**
 * The Content-Security-Policy of every page, built per request around a fresh nonce (proxy.ts).
 * Next.js reads the nonce from the request's CSP header and puts it on its own scripts; the root
 * layout passes it to next-themes' inline script.
 *
 * Decisions:
 * - Scripts: 'self', the nonce and 'strict-dynamic' (scripts the nonced ones load are trusted, so
 *   Next's chunk loader works; no inline script runs without the nonce). 'unsafe-eval' only under
 *   `next dev`, where React rebuilds server stacks with eval.
 * - Styles: 'self' and 'unsafe-inline'. The stylesheets are Tailwind files from 'self'; but sonner
 *   and Radix's scroll lock insert <style> elements at run time without a nonce (sonner takes
 *   none), and React and recharts render style attributes. Inline CSS cannot run script, and React
 *   escapes every interpolated value, so style injection has no way in to exfiltrate from.
 * - Images: 'self' (logos are served by the console) and data: (Next's placeholders and dev overlay;
 *   a data: image cannot run script). No blob: (nothing creates object URLs).
 * - Frames: none, except the payment provider's on the billing page.
 * - The billing page, where the card form lives, gets the narrow policy: no 'strict-dynamic', so
 *   only 'self', the nonce and the provider's declared origins may load scripts, and only the
 *   provider's origins may be framed or called.
 */
export interface PolicyOptions {
  nonce: string;
  /** `next dev`: adds 'unsafe-eval'. */
  development: boolean;
  /** Served over https: adds upgrade-insecure-requests. */
  https: boolean;
  /** The payment provider's origins, on the billing page only. */
  payment?: ProviderBrowserOrigins;
}

const list = (sources: readonly string[], fallback = "'none'") => (sources.length > 0 ? sources.join(" ") : fallback);

export function contentSecurityPolicy({ nonce, development, https, payment }: PolicyOptions): string {
  const scripts = ["'self'", `'nonce-${nonce}'`, ...(payment ? payment.scripts : ["'strict-dynamic'"]), ...(development ? ["'unsafe-eval'"] : [])];
  const directives: [string, string][] = [
    ["default-src", "'self'"],
    ["script-src", scripts.join(" ")],
    ["style-src", "'self' 'unsafe-inline'"],
    ["img-src", "'self' data:"],
    ["font-src", "'self'"],
    ["connect-src", ["'self'", ...(payment?.connect ?? [])].join(" ")],
    ["frame-src", list(payment?.frames ?? [])],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  if (https) directives.push(["upgrade-insecure-requests", ""]);
  return directives.map(([name, value]) => (value ? `${name} ${value}` : name)).join("; ");
}

/** A fresh 128-bit nonce, base64. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** The billing page of an account, where the provider's card component lives. */
export function isBillingPath(pathname: string): boolean {
  return /^\/[^/]+\/billing\/?$/.test(pathname);
}

/** The nonce in a policy built above (the request's `Content-Security-Policy` header), if any. */
export function nonceFromPolicy(policy: string | null | undefined): string | undefined {
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy ?? "")?.[1];
}
