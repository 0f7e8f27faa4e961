import { z } from "zod";
import { isCountryCode } from "./countries";
import { checkTaxId } from "./tax-id";

const line = (label: string, max = 120) => z.string().trim().min(1, `Enter the ${label}.`).max(max, `Use at most ${max} characters.`);
const optional = (max = 120) => z.string().trim().max(max, `Use at most ${max} characters.`).default("");

/** Wire and form alike: who is invoiced, and where (every field a string; the tax id is normalized). */
export const billingProfileBody = z
  .object({
    legalName: line("legal name", 160),
    addressLine1: line("street address"),
    addressLine2: optional(),
    postalCode: line("postal code", 20),
    city: line("city", 80),
    region: optional(80),
    country: z.string().trim().toUpperCase().refine(isCountryCode, "Choose a country."),
    taxId: optional(40),
    billingEmail: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address for invoices.")),
  })
  .transform((profile, ctx) => {
    const taxId = checkTaxId(profile.country, profile.taxId);
    if (!taxId.ok) {
      ctx.addIssue({ code: "custom", path: ["taxId"], message: taxId.message });
      return z.NEVER;
    }
    return { ...profile, taxId: taxId.value };
  });

export type BillingProfileInput = z.output<typeof billingProfileBody>;
