/** A numeric quantity as people read it: "1234.500000" → "1,234.5". Exact: Intl formats the decimal string, no float detour. */
export function formatQuantity(quantity: string, locale = "en"): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(quantity as unknown as number);
}
