import type { Account, PartySnapshot } from "@/db/schema";
import type { billingProfiles } from "@/db/schema";
import { taxFor, type TaxDecision } from "@/lib/billing/tax";
import { config } from "@/lib/config";

type BillingProfile = typeof billingProfiles.$inferSelect;

// Intl rather than lib/billing/countries: no JSON import, so scripts and test processes can bill too.
const regionNames = new Intl.DisplayNames(["en"], { type: "region" });
const countryName = (code: string) => regionNames.of(code) ?? code;

/**
 * The buyer as billed. Besides the party itself it carries what the invoice must say about its tax
 * and discount, so that the screen and the PDF show what was decided at issue and never recompute it
 * from a profile that changed since (invoices have no column for these notes).
 */
export interface BuyerSnapshot extends PartySnapshot {
  /** ISO 3166 alpha-2 billing country; null when the account had no billing profile. */
  country: string | null;
  taxReason: TaxDecision["reason"];
  /** A sentence for the invoice when the rate needs explaining (reverse charge, export, no profile). */
  taxNote?: string;
  /** "Coupon SPRING (20% off)" when a percent coupon discounted this invoice. */
  discountNote?: string;
}

export function sellerSnapshot(): PartySnapshot {
  const settings = config();
  return {
    name: settings.SELLER_NAME,
    lines: settings.SELLER_ADDRESS.split("|").map((line) => line.trim()).filter(Boolean),
    ...(settings.SELLER_TAX_ID ? { taxId: settings.SELLER_TAX_ID } : {}),
  };
}

function taxNote(decision: TaxDecision, hasProfile: boolean, sellerCountry: string): string | undefined {
  if (!hasProfile) return `No billing profile on file: taxed at the seller's country rate (${countryName(sellerCountry)}).`;
  if (decision.reason === "reverse-charge") return "Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC).";
  if (decision.reason === "export") return "Supply outside the scope of VAT: no tax charged.";
  return undefined;
}

/**
 * The tax decision and the buyer block for an account: from its billing profile, or, without one,
 * the account's name taxed at the seller's own country rate (and the invoice says so).
 */
export function buyerSnapshot(account: Pick<Account, "name" | "isCompany">, profile: BillingProfile | null): { buyer: BuyerSnapshot; tax: TaxDecision } {
  const sellerCountry = config().SELLER_COUNTRY;
  if (!profile) {
    const tax = taxFor({ country: sellerCountry, isCompany: account.isCompany, taxId: null }, sellerCountry);
    return { tax, buyer: { name: account.name, lines: [], country: null, taxReason: tax.reason, taxNote: taxNote(tax, false, sellerCountry) } };
  }
  const tax = taxFor({ country: profile.country, taxId: profile.taxId, isCompany: account.isCompany }, sellerCountry);
  const cityLine = [profile.postalCode, profile.city].filter(Boolean).join(" ");
  const lines = [profile.addressLine1, profile.addressLine2, cityLine, profile.region, countryName(profile.country)].map((line) => line.trim()).filter(Boolean);
  const buyer: BuyerSnapshot = {
    name: profile.legalName,
    lines,
    ...(profile.taxId ? { taxId: profile.taxId } : {}),
    email: profile.billingEmail,
    country: profile.country,
    taxReason: tax.reason,
  };
  const note = taxNote(tax, true, sellerCountry);
  if (note) buyer.taxNote = note;
  return { buyer, tax };
}

/** Reads a stored buyer snapshot; invoices written before the notes existed simply have none. */
export function asBuyerSnapshot(buyer: PartySnapshot): Partial<BuyerSnapshot> & PartySnapshot {
  return buyer as Partial<BuyerSnapshot> & PartySnapshot;
}
