import { applyBasisPoints } from "@/lib/billing/money";

export interface InvoiceTotalsInput {
  /** Each line's amount, in minor units (≥ 0). */
  lineAmountsMinor: number[];
  /** A percent coupon as basis points of the subtotal (20% = 2000); 0 without one. */
  discountBasisPoints: number;
  /** From taxFor(): applied to the subtotal after the discount. */
  taxRateBasisPoints: number;
}

export interface InvoiceTotals {
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
}

/**
 * An invoice's arithmetic, on integers: subtotal = Σ lines; discount = subtotal × percent; tax =
 * (subtotal − discount) × rate, each rounded half away from zero once; total = subtotal − discount +
 * tax. The same identity is a check constraint on `invoices` (invoices_totals).
 */
export function invoiceTotals({ lineAmountsMinor, discountBasisPoints, taxRateBasisPoints }: InvoiceTotalsInput): InvoiceTotals {
  if (discountBasisPoints < 0 || discountBasisPoints > 10_000) throw new RangeError(`a discount is 0–100%, got ${discountBasisPoints} basis points`);
  if (taxRateBasisPoints < 0) throw new RangeError(`a tax rate cannot be negative, got ${taxRateBasisPoints}`);
  let subtotalMinor = 0;
  for (const amount of lineAmountsMinor) {
    if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`a line amount is a non-negative integer of minor units, got ${amount}`);
    subtotalMinor += amount;
  }
  if (!Number.isSafeInteger(subtotalMinor)) throw new RangeError("the subtotal is too large");
  const discountMinor = applyBasisPoints(subtotalMinor, discountBasisPoints);
  const taxMinor = applyBasisPoints(subtotalMinor - discountMinor, taxRateBasisPoints);
  return { subtotalMinor, discountMinor, taxMinor, totalMinor: subtotalMinor - discountMinor + taxMinor };
}
