import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyBasisPoints, divideRounded, formatMoney, parseAmountToMinor, usageCostMinor } from "./money";
import { taxFor } from "./tax";

/** Reference rounding through exact rationals: round(n/d) half away from zero. */
function reference(n: bigint, d: bigint): bigint {
  const sign = (n < 0n) !== (d < 0n) ? -1n : 1n;
  const [an, ad] = [n < 0n ? -n : n, d < 0n ? -d : d];
  const q = an / ad;
  const r = an % ad;
  return sign * (r * 2n >= ad ? q + 1n : q);
}

describe("money arithmetic", () => {
  it("divideRounded matches exact rational rounding", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 9n }), fc.boolean(), (n, d, negate) => {
        const denominator = negate ? -d : d;
        expect(divideRounded(n, denominator)).toBe(reference(n, denominator));
      }),
      { numRuns: 5000 },
    );
  });

  it("tax is within half a cent of the exact value, and never a float", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 0, max: 10_000 }), (amount, bp) => {
        const tax = applyBasisPoints(amount, bp);
        expect(Number.isInteger(tax)).toBe(true);
        const exactTimes10k = BigInt(amount) * BigInt(bp);
        expect(BigInt(tax) * 10_000n - exactTimes10k <= 5_000n).toBe(true);
        expect(exactTimes10k - BigInt(tax) * 10_000n < 5_000n).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it("rounds half away from zero at the half cent", () => {
    expect(applyBasisPoints(5, 1000)).toBe(1); // 0.5 → 1
    expect(applyBasisPoints(4, 1000)).toBe(0); // 0.4 → 0
    expect(applyBasisPoints(-5, 1000)).toBe(-1);
    expect(applyBasisPoints(1999, 2000)).toBe(400); // 399.8
    expect(applyBasisPoints(12345, 2100)).toBe(2592); // 2592.45
  });

  it("usage cost is exact for decimal quantities and sub-cent prices", () => {
    expect(usageCostMinor("1", 10_000)).toBe(1); // 1 × €0.01
    expect(usageCostMinor("1000", 4_200)).toBe(420); // 1000 × €0.0042 = €4.20
    expect(usageCostMinor("0.5", 10_000)).toBe(1); // €0.005 → 1 cent (half up)
    expect(usageCostMinor("0.499999", 10_000)).toBe(0);
    expect(usageCostMinor("123.456789", 1_230_000)).toBe(15185); // 151.85182…
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 100_000_000 }), (whole, frac, price) => {
        const quantity = `${whole}.${String(frac).padStart(6, "0")}`;
        const exact = (BigInt(whole) * 1_000_000n + BigInt(frac)) * BigInt(price);
        expect(BigInt(usageCostMinor(quantity, price))).toBe(reference(exact, 10n ** 10n));
      }),
      { numRuns: 3000 },
    );
  });

  it("parses typed amounts and formats them back", () => {
    expect(parseAmountToMinor("25")).toBe(2500);
    expect(parseAmountToMinor("25,5")).toBe(2550);
    expect(parseAmountToMinor(" 1 234.56 ")).toBe(123456);
    for (const bad of ["", "abc", "-5", "1.234", "1e5", "0x10"]) expect(parseAmountToMinor(bad)).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (minor) => {
        const text = formatMoney(minor, "EUR").replace(/[€,]/g, "");
        expect(parseAmountToMinor(text)).toBe(minor);
      }),
      { numRuns: 2000 },
    );
    expect(formatMoney(-1234, "EUR")).toBe("-€12.34");
    expect(formatMoney(9007199254740991, "EUR")).toBe("€90,071,992,547,409.91");
  });
});

describe("taxFor", () => {
  it.each([
    [{ country: "FR", isCompany: true, taxId: "FR123" }, 2000, "domestic"],
    [{ country: "DE", isCompany: false }, 1900, "standard"],
    [{ country: "DE", isCompany: true, taxId: "DE123456789" }, 0, "reverse-charge"],
    [{ country: "DE", isCompany: true, taxId: "" }, 1900, "standard"],
    [{ country: "GB", isCompany: false }, 2000, "standard"],
    [{ country: "US", isCompany: true }, 0, "export"],
  ] as const)("%o → %i (%s)", (buyer, rate, reason) => {
    expect(taxFor(buyer, "FR")).toEqual({ rateBasisPoints: rate, reason });
  });
});
