import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyBasisPoints } from "@/lib/billing/money";
import { euVatRates, otherTaxRates, taxFor } from "@/lib/billing/tax";
import { formatInvoiceNumber } from "./numbering";
import { invoiceTotals } from "./totals";

/** round(n / d) half away from zero, on exact integers: an independent reference. */
function roundedDivision(n: bigint, d: bigint): bigint {
  const q = n / d;
  return (n % d) * 2n >= d ? q + 1n : q;
}

const countries = [...Object.keys(euVatRates), ...Object.keys(otherTaxRates), "US", "JP", "BR"];
const buyer = fc.record({
  country: fc.constantFrom(...countries),
  isCompany: fc.boolean(),
  taxId: fc.option(fc.constantFrom("DE129273398", "FR40303265045", "X123"), { nil: null }),
});

describe("invoice totals", () => {
  it("hold subtotal − discount + tax = total, each rounded once, for any lines, coupon and buyer", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50_000_000 }), { minLength: 1, maxLength: 20 }),
        fc.option(fc.integer({ min: 1, max: 100 }), { nil: null }),
        buyer,
        (lines, percentOff, who) => {
          const tax = taxFor(who, "FR");
          const totals = invoiceTotals({ lineAmountsMinor: lines, discountBasisPoints: (percentOff ?? 0) * 100, taxRateBasisPoints: tax.rateBasisPoints });
          const subtotal = lines.reduce((sum, amount) => sum + amount, 0);
          expect(totals.subtotalMinor).toBe(subtotal);
          expect(BigInt(totals.discountMinor)).toBe(roundedDivision(BigInt(subtotal) * BigInt(percentOff ?? 0), 100n));
          const taxable = subtotal - totals.discountMinor;
          expect(BigInt(totals.taxMinor)).toBe(roundedDivision(BigInt(taxable) * BigInt(tax.rateBasisPoints), 10_000n));
          expect(totals.taxMinor).toBe(applyBasisPoints(taxable, tax.rateBasisPoints));
          expect(totals.totalMinor).toBe(totals.subtotalMinor - totals.discountMinor + totals.taxMinor);
          expect(totals.totalMinor).toBeGreaterThanOrEqual(0);
          expect(totals.discountMinor).toBeLessThanOrEqual(totals.subtotalMinor);
          for (const value of Object.values(totals)) expect(Number.isSafeInteger(value)).toBe(true);
          if (percentOff === 100) expect(totals.totalMinor).toBe(0);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("round half away from zero at the half cent", () => {
    expect(invoiceTotals({ lineAmountsMinor: [5], discountBasisPoints: 1000, taxRateBasisPoints: 0 })).toEqual({ subtotalMinor: 5, discountMinor: 1, taxMinor: 0, totalMinor: 4 });
    expect(invoiceTotals({ lineAmountsMinor: [1250], discountBasisPoints: 0, taxRateBasisPoints: 2000 })).toEqual({ subtotalMinor: 1250, discountMinor: 0, taxMinor: 250, totalMinor: 1500 });
    expect(invoiceTotals({ lineAmountsMinor: [1], discountBasisPoints: 0, taxRateBasisPoints: 5000 })).toMatchObject({ taxMinor: 1, totalMinor: 2 });
    expect(invoiceTotals({ lineAmountsMinor: [], discountBasisPoints: 0, taxRateBasisPoints: 2000 })).toEqual({ subtotalMinor: 0, discountMinor: 0, taxMinor: 0, totalMinor: 0 });
  });

  it("refuse negative lines and impossible rates", () => {
    expect(() => invoiceTotals({ lineAmountsMinor: [-1], discountBasisPoints: 0, taxRateBasisPoints: 0 })).toThrow(RangeError);
    expect(() => invoiceTotals({ lineAmountsMinor: [0.5], discountBasisPoints: 0, taxRateBasisPoints: 0 })).toThrow(RangeError);
    expect(() => invoiceTotals({ lineAmountsMinor: [1], discountBasisPoints: 10_001, taxRateBasisPoints: 0 })).toThrow(RangeError);
  });
});

describe("invoice numbers", () => {
  it("are INV-<year>-<6 digits>, growing past a million", () => {
    expect(formatInvoiceNumber(2026, 42)).toBe("INV-2026-000042");
    expect(formatInvoiceNumber(2031, 1_234_567)).toBe("INV-2031-1234567");
  });
});
