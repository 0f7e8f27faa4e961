import { luhnValid } from "../card-data-guard";

/**
 * The sandbox's test cards, following the conventions card processors use in test mode. Only these
 * numbers are accepted: a real card is refused at tokenization, so nobody types one by mistake.
 */
export type CardBehaviour = "succeeds" | "card_declined" | "insufficient_funds" | "expired_card";

export interface TestCard {
  number: string;
  brand: string;
  behaviour: CardBehaviour;
  description: string;
}

export const testCards: readonly TestCard[] = [
  { number: "4242424242424242", brand: "Visa", behaviour: "succeeds", description: "Succeeds" },
  { number: "5555555555554444", brand: "Mastercard", behaviour: "succeeds", description: "Succeeds" },
  { number: "2223003122003222", brand: "Mastercard", behaviour: "succeeds", description: "Succeeds" },
  { number: "378282246310005", brand: "American Express", behaviour: "succeeds", description: "Succeeds" },
  { number: "6011111111111117", brand: "Discover", behaviour: "succeeds", description: "Succeeds" },
  { number: "4000000000000002", brand: "Visa", behaviour: "card_declined", description: "Declined when charged" },
  { number: "4000000000009995", brand: "Visa", behaviour: "insufficient_funds", description: "Insufficient funds when charged" },
  { number: "4000000000000069", brand: "Visa", behaviour: "expired_card", description: "Expired when charged" },
];

/** Digits only: people type spaces and dashes between groups. */
export function normaliseCardNumber(input: string): string {
  return input.replace(/[\s-]/g, "");
}

export function cardBrand(digits: string): string | null {
  if (/^4/.test(digits)) return "Visa";
  if (/^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/.test(digits)) return "Mastercard";
  if (/^3[47]/.test(digits)) return "American Express";
  if (/^(6011|65|64[4-9])/.test(digits)) return "Discover";
  return null;
}

export type CardNumberCheck = { ok: true; card: TestCard } | { ok: false; message: string };

export function checkCardNumber(input: string): CardNumberCheck {
  const digits = normaliseCardNumber(input);
  if (digits === "") return { ok: false, message: "Enter the card number." };
  if (!/^\d{12,19}$/.test(digits) || !luhnValid(digits)) return { ok: false, message: "This card number is not valid." };
  const card = testCards.find((candidate) => candidate.number === digits);
  if (!card) {
    return cardBrand(digits)
      ? { ok: false, message: "The sandbox only takes test cards, such as 4242 4242 4242 4242. Never enter a real card here." }
      : { ok: false, message: "This type of card is not accepted." };
  }
  return { ok: true, card };
}
