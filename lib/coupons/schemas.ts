import { z } from "zod";

export const COUPON_CODE_MAX = 64;

/** Wire and form alike: the code a billing user types, compared case-insensitively, surrounding spaces ignored. */
export const redeemCouponBody = z.object({
  code: z
    .string({ message: "Enter a code." })
    .trim()
    .min(1, "Enter a code.")
    .max(COUPON_CODE_MAX, "This code does not exist. Check it for typos."),
});

const codeFormat = /^[A-Z0-9][A-Z0-9_-]{2,63}$/;

const common = {
  code: z
    .string()
    .trim()
    .transform((code) => code.toUpperCase())
    .pipe(z.string().regex(codeFormat, "A code is 3 to 64 letters, digits, dashes or underscores, starting with a letter or digit.")),
  /** The moment the code stops working; null for never. */
  expiresAt: z.date().nullable().optional(),
  /** How many accounts may redeem it in all; null for no limit. */
  maxRedemptions: z.number().int().min(1, "The maximum number of redemptions is at least 1.").max(10_000_000).nullable().optional(),
  /** True (the default): a person redeems it for one account only. False: once per account. */
  oncePerUser: z.boolean().default(true),
};

export const createCouponSchema = z.discriminatedUnion("kind", [
  z.object({
    ...common,
    kind: z.literal("credit"),
    /** Credit granted, in minor units of the console's currency. */
    amountMinor: z.number().int().min(1, "A credit is at least one cent.").max(100_000_000, "A credit is at most 1,000,000.00."),
  }),
  z.object({
    ...common,
    kind: z.literal("percent"),
    percentOff: z.number().int().min(1, "A percentage is between 1 and 100.").max(100, "A percentage is between 1 and 100."),
    invoiceCount: z.number().int().min(1, "A discount applies to at least one invoice.").max(120, "A discount applies to at most 120 invoices."),
  }),
]);
export type CreateCouponInput = z.input<typeof createCouponSchema>;
