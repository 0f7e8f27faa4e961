import { z } from "zod";

/** Wire and form alike: what the provider's card component hands over, a token, never the card. */
export const addPaymentMethodBody = z.object({
  token: z
    .string({ message: "The card could not be read. Enter it again." })
    .trim()
    .min(1, "The card could not be read. Enter it again.")
    .max(200, "The card could not be read. Enter it again.")
    .regex(/^[A-Za-z0-9_-]+$/, "The card could not be read. Enter it again."),
  holderName: z.string().trim().max(100, "The name on the card is at most 100 characters.").optional(),
});
export type AddPaymentMethodInput = z.output<typeof addPaymentMethodBody>;

/** Form: the card a button acts on. */
export const paymentMethodIdSchema = z.object({ paymentMethodId: z.uuid("Choose a card.") });

/** Cards an account may keep at once. */
export const MAX_PAYMENT_METHODS = 10;
