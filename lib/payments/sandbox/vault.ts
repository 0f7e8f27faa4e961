import "server-only";
import { randomBytes } from "node:crypto";
import type { ChargeOutcome } from "../provider";
import type { CardBehaviour } from "./test-cards";

/**
 * The sandbox processor's memory. It plays the part of a real processor's vault, so it lives in
 * this process only: one-time tokens, reusable payment methods and charge outcomes are forgotten
 * when the server restarts, and are not shared between instances. The sandbox therefore supports a
 * single app instance; a restart makes saved sandbox cards unusable (charges fail cleanly with
 * `invalid_token`, and people add the card again).
 *
 * No card number or security code is ever kept, not even here: only what may be shown (brand,
 * last 4, expiry, holder) and how the test card behaves.
 */
export interface VaultCard {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  holderName: string;
  behaviour: CardBehaviour;
}

interface Vault {
  oneTimeTokens: Map<string, { card: VaultCard; expiresAt: number }>;
  paymentMethods: Map<string, VaultCard>;
  charges: Map<string, ChargeOutcome>;
}

/** One-time tokens are short-lived, as a processor's are. */
export const ONE_TIME_TOKEN_TTL_MS = 15 * 60 * 1000;
/** Bounds on memory: the oldest entries go first. */
const MAX_ENTRIES = 10_000;

// On globalThis rather than in module scope, so that every bundle of the app (route handlers,
// server actions) shares the one vault of this process.
const holder = globalThis as unknown as { sandboxPaymentsVault?: Vault };

export function vault(): Vault {
  holder.sandboxPaymentsVault ??= { oneTimeTokens: new Map(), paymentMethods: new Map(), charges: new Map() };
  return holder.sandboxPaymentsVault;
}

export function remember<K, V>(map: Map<K, V>, key: K, value: V) {
  map.set(key, value);
  while (map.size > MAX_ENTRIES) map.delete(map.keys().next().value as K);
}

/** Random, url-safe, and with too few digits in a row to ever look like a card number. */
export function sandboxId(prefix: string): string {
  return `${prefix}_${randomBytes(18).toString("base64url")}`;
}

export function purgeExpiredTokens(now = Date.now()) {
  for (const [token, entry] of vault().oneTimeTokens) if (entry.expiresAt <= now) vault().oneTimeTokens.delete(token);
}

/** What a server restart does to the sandbox. For tests. */
export function forgetEverything() {
  holder.sandboxPaymentsVault = undefined;
}
