import "server-only";
import type { ChargeOutcome, PaymentProvider } from "../provider";
import { remember, sandboxId, vault } from "./vault";

const failures = {
  card_declined: "Your card was declined.",
  insufficient_funds: "Insufficient funds on this card.",
  expired_card: "This card has expired.",
  invalid_token: "This card is no longer available in the sandbox (it keeps cards in memory only, and the server restarted). Add it again.",
  processing_error: "The payment could not be processed.",
} as const;

function failed(code: keyof typeof failures): ChargeOutcome {
  return { status: "failed", code, message: failures[code] };
}

function hasExpired(card: { expMonth: number; expYear: number }, now: Date) {
  return card.expYear * 12 + (card.expMonth - 1) < now.getUTCFullYear() * 12 + now.getUTCMonth();
}

/**
 * The built-in test processor. The default outside production; refused in production unless the
 * operator enables it (lib/config.ts). Single-instance: see ./vault.ts.
 */
export const sandboxProvider: PaymentProvider = {
  id: "sandbox",
  // Its component is part of the console's bundle and tokenizes at /api/sandbox-payments/tokens,
  // on the console's own origin: nothing beyond 'self'.
  browserOrigins: { scripts: [], frames: [], connect: [] },

  async attachCard(oneTimeToken) {
    const entry = vault().oneTimeTokens.get(oneTimeToken);
    vault().oneTimeTokens.delete(oneTimeToken);
    if (!entry || entry.expiresAt <= Date.now()) {
      return { ok: false, message: "This card could not be saved: its token is unknown, used or expired. Enter the card again." };
    }
    const reusableToken = sandboxId("pm_sandbox");
    remember(vault().paymentMethods, reusableToken, entry.card);
    const { brand, last4, expMonth, expYear, holderName } = entry.card;
    return { ok: true, reusableToken, card: { brand, last4, expMonth, expYear, holderName } };
  },

  async charge({ reusableToken, amountMinor, idempotencyKey }) {
    const previous = vault().charges.get(idempotencyKey);
    if (previous) return previous;
    const card = vault().paymentMethods.get(reusableToken);
    let outcome: ChargeOutcome;
    if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) outcome = failed("processing_error");
    else if (!card) outcome = failed("invalid_token");
    else if (card.behaviour === "expired_card" || hasExpired(card, new Date())) outcome = failed("expired_card");
    else if (card.behaviour === "card_declined") outcome = failed("card_declined");
    else if (card.behaviour === "insufficient_funds") outcome = failed("insufficient_funds");
    else outcome = { status: "succeeded", reference: sandboxId("ch_sandbox") };
    // A card the vault forgot is not an outcome to replay: once it is added again, a retry may succeed.
    if (!(outcome.status === "failed" && outcome.code === "invalid_token")) remember(vault().charges, idempotencyKey, outcome);
    return outcome;
  },

  async detachCard(reusableToken) {
    vault().paymentMethods.delete(reusableToken);
  },
};
