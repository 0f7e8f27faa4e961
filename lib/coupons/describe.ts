import { formatMoney } from "@/lib/billing/money";

export type CouponBenefit =
  | { kind: "credit"; amountMinor: number; currency: string }
  | { kind: "percent"; percentOff: number; invoiceCount: number };

function invoices(count: number) {
  return count === 1 ? "the next invoice" : `the next ${count} invoices`;
}

/** "€10.00 credit" or "20% off the next 3 invoices". */
export function describeBenefit(benefit: CouponBenefit): string {
  if (benefit.kind === "credit") return `${formatMoney(benefit.amountMinor, benefit.currency)} credit`;
  return `${benefit.percentOff}% off ${invoices(benefit.invoiceCount)}`;
}

/** What a redemption gave and, for a discount, what is left of it: "20% off the next 3 invoices, 2 left". */
export function describeRedemption(redemption: CouponBenefit & { invoicesRemaining: number }): string {
  if (redemption.kind === "credit") return `${describeBenefit(redemption)} added to the balance`;
  const left = redemption.invoicesRemaining === 0 ? "all used" : `${redemption.invoicesRemaining} left`;
  return `${describeBenefit(redemption)}, ${left}`;
}
