import countriesLib from "i18n-iso-countries";
import english from "i18n-iso-countries/langs/en.json";

countriesLib.registerLocale(english);

/** Every ISO 3166-1 country, by name. */
export const countryOptions: { value: string; label: string }[] = Object.entries(countriesLib.getNames("en", { select: "official" }))
  .map(([value, label]) => ({ value, label }))
  .sort((a, b) => a.label.localeCompare(b.label, "en"));

export function isCountryCode(code: string): boolean {
  return countriesLib.isValid(code) && /^[A-Z]{2}$/.test(code);
}

export function countryName(code: string): string {
  return countriesLib.getName(code, "en") ?? code;
}
