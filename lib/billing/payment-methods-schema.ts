import { z } from "zod";

/** What the console's server action receives from the provider's card component: a token, never the card. */
export const addPaymentMethodSchema = z.object({
  token: z
    .string({ message: "The card could not be read. Enter it again." })
    .trim()
    .min(1, "The card could not be read. Enter it again.")
    .max(200, "The card could not be read. Enter it again.")
    .regex(/^[A-Za-z0-9_-]+$/, "The card could not be read. Enter it again."),
  holderName: z.string().trim().max(100, "The name on the card is at most 100 characters.").optional(),
});
export type AddPaymentMethodInput = z.infer<typeof addPaymentMethodSchema>;

export const paymentMethodIdSchema = z.object({ paymentMethodId: z.uuid("Choose a card.") });

/** Cards an account may keep at once. */
export const MAX_PAYMENT_METHODS = 10;
