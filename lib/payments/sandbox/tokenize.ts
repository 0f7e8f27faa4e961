import { z } from "zod";
import { checkCardNumber } from "./test-cards";
import { ONE_TIME_TOKEN_TTL_MS, purgeExpiredTokens, remember, sandboxId, vault } from "./vault";

/**
 * The sandbox's browser-to-processor step: card details in, a one-time token out. Called only by
 * the sandbox's own tokenization endpoint. The number and CVC are checked here and then dropped;
 * only the last 4 digits survive.
 */
export type TokenField = "holderName" | "number" | "expiry" | "cvc";

export interface TokenizedCard {
  token: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

export type TokenizeResult = { ok: true; card: TokenizedCard } | { ok: false; errors: Partial<Record<TokenField, string>> };

const loose = z.union([z.string(), z.number()]).optional().nullable();
export const tokenizeInputSchema = z.object({
  number: loose,
  expMonth: loose,
  expYear: loose,
  cvc: loose,
  holderName: loose,
});
export type TokenizeInput = z.infer<typeof tokenizeInputSchema>;

const text = (value: string | number | null | undefined) => (value === undefined || value === null ? "" : String(value)).trim();

function checkExpiry(monthInput: string, yearInput: string, now: Date): { ok: true; month: number; year: number } | { ok: false; message: string } {
  if (!/^\d{1,2}$/.test(monthInput) || !/^(\d{2}|\d{4})$/.test(yearInput)) return { ok: false, message: "Enter the expiry date as MM/YY." };
  const month = Number(monthInput);
  const year = yearInput.length === 2 ? 2000 + Number(yearInput) : Number(yearInput);
  if (month < 1 || month > 12) return { ok: false, message: "The expiry month must be between 01 and 12." };
  const thisMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const expiry = year * 12 + (month - 1);
  if (expiry < thisMonth) return { ok: false, message: "This card has expired." };
  if (expiry > thisMonth + 20 * 12) return { ok: false, message: "Check the expiry year." };
  return { ok: true, month, year };
}

export function tokenizeCard(input: TokenizeInput, now = new Date()): TokenizeResult {
  const errors: Partial<Record<TokenField, string>> = {};
  const holderName = text(input.holderName).replace(/\s+/g, " ");
  if (!holderName) errors.holderName = "Enter the name on the card.";
  else if (holderName.length > 100) errors.holderName = "The name on the card is at most 100 characters.";
  else if (/\d{4}/.test(holderName)) errors.holderName = "The name on the card should not contain numbers.";

  const number = checkCardNumber(text(input.number));
  if (!number.ok) errors.number = number.message;

  const expiry = checkExpiry(text(input.expMonth), text(input.expYear), now);
  if (!expiry.ok) errors.expiry = expiry.message;

  if (!/^\d{3,4}$/.test(text(input.cvc))) errors.cvc = "Enter the 3 or 4 digit security code.";

  if (!number.ok || !expiry.ok || Object.keys(errors).length > 0) return { ok: false, errors };

  purgeExpiredTokens(now.getTime());
  const token = sandboxId("tok_sandbox");
  const card = { brand: number.card.brand, last4: number.card.number.slice(-4), expMonth: expiry.month, expYear: expiry.year, holderName, behaviour: number.card.behaviour };
  remember(vault().oneTimeTokens, token, { card, expiresAt: now.getTime() + ONE_TIME_TOKEN_TTL_MS });
  return { ok: true, card: { token, brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear } };
}
