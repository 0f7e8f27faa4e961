import { z } from "zod";
import { parseAmountToMinor } from "./money";

/** A top-up is between 5.00 and 10,000.00 of the account's currency. */
export const MIN_TOP_UP_MINOR = 500;
export const MAX_TOP_UP_MINOR = 1_000_000;

const amountMessage = "Enter an amount from 5.00 to 10,000.00.";

export const topUpSchema = z.object({
  amount: z
    .string({ message: amountMessage })
    .transform((text, context) => {
      const minor = parseAmountToMinor(text);
      if (minor === null || minor < MIN_TOP_UP_MINOR || minor > MAX_TOP_UP_MINOR) {
        context.addIssue({ code: "custom", message: amountMessage });
        return z.NEVER;
      }
      return minor;
    }),
  paymentMethodId: z.uuid("Choose a card."),
  /** Chosen by the form for each submission: a retried submission charges once. */
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9-]{16,64}$/)
    .optional()
    .catch(undefined),
});
export type TopUpInput = z.infer<typeof topUpSchema>;
