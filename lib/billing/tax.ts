import { config } from "@/lib/config";

/** Standard VAT rates of the EU member states, in basis points (20% = 2000). */
export const euVatRates: Record<string, number> = {
  AT: 2000, BE: 2100, BG: 2000, CY: 1900, CZ: 2100, DE: 1900, DK: 2500, EE: 2400, ES: 2100, FI: 2550,
  FR: 2000, GR: 2400, HR: 2500, HU: 2700, IE: 2300, IT: 2200, LT: 2100, LU: 1700, LV: 2100, MT: 1800,
  NL: 2100, PL: 2300, PT: 2300, RO: 2100, SE: 2500, SI: 2200, SK: 2300,
};

/** Countries outside the EU where this seller collects a tax too. */
export const otherTaxRates: Record<string, number> = { GB: 2000, CH: 810, NO: 2500 };

export interface TaxDecision {
  rateBasisPoints: number;
  reason: "standard" | "reverse-charge" | "export" | "domestic";
}

/**
 * The tax on an invoice, from the buyer's billing country: the seller's own country pays its rate;
 * an EU business with a VAT number in another member state is reverse-charged (0%); an EU consumer
 * pays their country's rate; listed non-EU countries their rate; elsewhere none (export).
 */
export function taxFor(buyer: { country: string; taxId?: string | null; isCompany: boolean }, sellerCountry = config().SELLER_COUNTRY): TaxDecision {
  const country = buyer.country.toUpperCase();
  if (country === sellerCountry) return { rateBasisPoints: euVatRates[country] ?? otherTaxRates[country] ?? 0, reason: "domestic" };
  if (country in euVatRates) {
    if (buyer.isCompany && buyer.taxId) return { rateBasisPoints: 0, reason: "reverse-charge" };
    return { rateBasisPoints: euVatRates[country]!, reason: "standard" };
  }
  if (country in otherTaxRates) return { rateBasisPoints: otherTaxRates[country]!, reason: "standard" };
  return { rateBasisPoints: 0, reason: "export" };
}
