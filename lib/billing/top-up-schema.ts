import { z } from "zod";
import { parseAmountToMinor } from "./money";

/** A top-up is between 5.00 and 10,000.00 of the account's currency. */
export const MIN_TOP_UP_MINOR = 500;
export const MAX_TOP_UP_MINOR = 1_000_000;

const amountMessage = "Enter an amount from 5.00 to 10,000.00.";

/** Wire: a top-up in integer minor units (cents), with one of the account's cards. */
export const topUpBody = z.object({
  amountMinor: z.number({ message: amountMessage }).int(amountMessage).min(MIN_TOP_UP_MINOR, amountMessage).max(MAX_TOP_UP_MINOR, amountMessage),
  paymentMethodId: z.uuid("Choose a card."),
  /** A retried request with the same key charges once. */
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9-]{16,64}$/, "An idempotency key is 16 to 64 letters, digits or dashes.")
    .optional(),
});
export type TopUpInput = z.output<typeof topUpBody>;

/**
 * Form adapter: the amount as people type it ("25", "25.00", "1 000,50"), and a key the form picks
 * for each submission (a malformed one is dropped rather than refused).
 */
export const topUpForm = z
  .object({
    amount: z.string({ message: amountMessage }).transform((text, context) => {
      const minor = parseAmountToMinor(text);
      if (minor === null || minor < MIN_TOP_UP_MINOR || minor > MAX_TOP_UP_MINOR) {
        context.addIssue({ code: "custom", message: amountMessage });
        return z.NEVER;
      }
      return minor;
    }),
    paymentMethodId: topUpBody.shape.paymentMethodId,
    idempotencyKey: topUpBody.shape.idempotencyKey.catch(undefined),
  })
  .transform(({ amount, ...rest }) => ({ ...rest, amountMinor: amount }))
  .pipe(topUpBody);
