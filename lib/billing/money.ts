/**
 * Money is an integer number of minor units plus a currency. Arithmetic happens on integers
 * (BigInt where a product could exceed 2^53); only formatting produces text.
 */
export interface Money {
  minor: number;
  currency: string;
}

const MINOR_DIGITS = 2;

function assertSafe(value: number, what: string) {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer, got ${value}`);
}

/** Divides with rounding half away from zero, exactly, for integer inputs. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (n * 2n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

/** `amount × basisPoints / 10 000`, rounded half away from zero: tax and percentage discounts. */
export function applyBasisPoints(amountMinor: number, basisPoints: number): number {
  assertSafe(amountMinor, "amount");
  assertSafe(basisPoints, "basis points");
  return Number(divideRounded(BigInt(amountMinor) * BigInt(basisPoints), 10_000n));
}

/**
 * Cost of a metered quantity: `quantity` is a decimal string (as PostgreSQL numeric returns it),
 * the unit price is in millionths of a unit, the result in minor units, rounded half away from zero.
 */
export function usageCostMinor(quantity: string, unitPriceMicros: number): number {
  assertSafe(unitPriceMicros, "unit price");
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(quantity.trim());
  if (!match) throw new RangeError(`not a non-negative decimal quantity: ${quantity}`);
  const millionths = BigInt(match[1]!) * 1_000_000n + BigInt((match[2] ?? "").padEnd(6, "0"));
  // quantity (×1e6) × price (×1e6) → currency units ×1e12; minor units are ×1e2.
  return Number(divideRounded(millionths * BigInt(unitPriceMicros), 10n ** BigInt(12 - MINOR_DIGITS)));
}

/** Parses what a person types ("25", "25.5", "1 234,50") into minor units; null when it is not an amount. */
export function parseAmountToMinor(text: string): number | null {
  const cleaned = text.trim().replace(/[\s\u00a0]/g, "").replace(",", ".");
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

export function formatMoney(minor: number, currency: string, locale = "en"): string {
  assertSafe(minor, "amount");
  const negative = minor < 0;
  const absolute = Math.abs(minor);
  const decimal = `${negative ? "-" : ""}${Math.trunc(absolute / 100)}.${String(absolute % 100).padStart(2, "0")}`;
  // Intl formats a decimal string exactly (no float detour).
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(decimal as unknown as number);
}

/** Unit prices can be fractions of a cent: up to 6 decimals, trailing zeros trimmed past 2. */
export function formatUnitPrice(micros: number, currency: string, locale = "en"): string {
  const whole = Math.trunc(micros / 1_000_000);
  const fraction = String(micros % 1_000_000).padStart(6, "0").replace(/0+$/, "").padEnd(2, "0");
  return new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 6 }).format(`${whole}.${fraction}` as unknown as number);
}
