import jsvat from "jsvat-next";

const { checkVAT, countries: vatCountries } = jsvat;

const prefixOverrides: Record<string, string> = { GR: "EL" };

/**
 * Checks a VAT/tax id against the format (and check digits) of the billing country when the
 * country has a known VAT format; elsewhere a plausible shape is enough. Returns the normalised
 * id, or an error message.
 */
export function checkTaxId(country: string, raw: string): { ok: true; value: string } | { ok: false; message: string } {
  const compact = raw.replace(/[\s.\-/]/g, "").toUpperCase();
  if (!compact) return { ok: true, value: "" };
  const rules = vatCountries.filter((c) => c.codes[0] === country);
  if (rules.length === 0) {
    return /^[A-Z0-9]{4,30}$/.test(compact) ? { ok: true, value: compact } : { ok: false, message: "Use 4 to 30 letters and digits." };
  }
  const prefix = prefixOverrides[country] ?? country;
  const candidate = compact.startsWith(prefix) || compact.startsWith(country) ? compact : `${prefix}${compact}`;
  const result = checkVAT(candidate, rules);
  if (result.isValid) return { ok: true, value: result.value ?? candidate };
  return { ok: false, message: result.isValidFormat ? "This VAT number's check digits are wrong." : `This is not a valid VAT number for ${country}.` };
}
