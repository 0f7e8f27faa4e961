/**
 * Is there a payment card number in this text? Pure: no I/O, safe in any runtime.
 *
 * The rule (README, "Card data guard"):
 * - A card number is 13–19 digits, unbroken or in groups separated by single spaces, dashes or
 *   no-break spaces, that passes the Luhn check AND starts with the IIN range of a known brand AND
 *   has one of that brand's lengths (see `brands`). A Luhn-valid number that no brand issues with
 *   that prefix and length is not a card: a 14-digit Visa-like number is a French SIRET, not a card.
 * - Never card numbers, by design: UUIDs, IBANs (country, check digits, BBAN of the country's
 *   length, mod-97 valid), numbers labelled SIRET or SIREN in the text, millisecond timestamps
 *   (no brand starts with 1), decimals, numbers written with a leading "+" (phone numbers), digit
 *   runs longer than 19, and digits glued to letters (hex digests, tokens, VAT ids).
 * - Field context: in a field that holds an address or a company identifier (`businessIdField`),
 *   a Luhn-valid 14-digit number is a SIRET. The only brand with 14-digit numbers is Diners Club
 *   (and some Maestro ranges), whose 14-digit cards are rare; refusing every SIRET that happens to
 *   start with 36 or 38 would refuse real companies' addresses.
 * Text is NFKC-normalised first, so full-width digits count as digits.
 */

/** The Luhn (mod 10) check every card number carries. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

interface Brand {
  name: string;
  /** IIN prefixes as inclusive ranges of equal-length prefixes: [from, to]. */
  prefixes: [string, string][];
  lengths: number[];
}

const range = (from: number, to: number) => [String(from), String(to)] as [string, string];
const lengths = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Known brands' IIN ranges and lengths (ISO/IEC 7812 as published by the schemes). */
export const brands: readonly Brand[] = [
  { name: "Visa", prefixes: [range(4, 4)], lengths: [13, 16, 19] },
  { name: "Mastercard", prefixes: [range(51, 55), range(2221, 2720)], lengths: [16] },
  { name: "American Express", prefixes: [range(34, 34), range(37, 37)], lengths: [15] },
  { name: "Diners Club", prefixes: [range(300, 305), range(3095, 3095), range(36, 36), range(38, 39)], lengths: lengths(14, 19) },
  { name: "Discover", prefixes: [range(6011, 6011), range(644, 649), range(65, 65)], lengths: lengths(16, 19) },
  { name: "JCB", prefixes: [range(3528, 3589)], lengths: lengths(16, 19) },
  { name: "UnionPay", prefixes: [range(62, 62), range(81, 81)], lengths: lengths(16, 19) },
  { name: "Maestro", prefixes: [range(5018, 5018), range(5020, 5020), range(5038, 5038), range(5893, 5893), range(6304, 6304), range(6759, 6759), range(6761, 6763)], lengths: lengths(13, 19) },
  { name: "Mir", prefixes: [range(2200, 2204)], lengths: lengths(16, 19) },
  { name: "RuPay", prefixes: [range(60, 60), range(508, 508), range(652, 653)], lengths: [16] },
  { name: "Elo / Verve", prefixes: [range(506099, 506198), range(509, 509), range(650002, 650027)], lengths: lengths(16, 19) },
  { name: "Troy", prefixes: [range(9792, 9792)], lengths: [16] },
];

const brandFirstDigits = new Set(brands.flatMap((brand) => brand.prefixes.map(([from]) => from[0]!)));

/** The brand whose IIN range and length this digit string fits, if any. */
export function cardBrand(digits: string): string | null {
  for (const brand of brands) {
    if (!brand.lengths.includes(digits.length)) continue;
    for (const [from, to] of brand.prefixes) {
      const prefix = digits.slice(0, from.length);
      if (prefix >= from && prefix <= to) return brand.name;
    }
  }
  return null;
}

/** 13–19 digits of a known brand's range and length that pass Luhn. */
export function looksLikeCardNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) && cardBrand(digits) !== null;
}

/** Field names whose values may hold a SIRET: address lines, legal and tax identifiers. */
export function businessIdField(name: string | null | undefined): boolean {
  return !!name && /address|street|line|siret|siren|company|registration|legal|tax|vat/i.test(name);
}

const ibanLengths: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29,
  ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20,
  LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29,
  RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

/** ISO 13616: the country's length and the mod-97 check. */
export function validIban(candidate: string): boolean {
  const iban = candidate.replace(/[ \u00a0]/g, "").toUpperCase();
  if (ibanLengths[iban.slice(0, 2)] !== iban.length || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  let remainder = 0;
  for (const character of iban.slice(4) + iban.slice(0, 4)) {
    const value = /\d/.test(character) ? character : String(character.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/**
 * Country code, check digits, then 11–30 letters or digits, each optionally after one space. One
 * way to match any text (no nested quantifier to backtrack through): bodies are up to 2 MiB.
 */
const ibanPattern = /\b[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]){11,30}(?![A-Z0-9])/gi;
/** "SIRET 732 829 320 00074", "SIREN : 732829320", "n° SIRET 73282932000074". */
const labelledBusinessId = /\bSIRE[NT]\b[\s:#°.no]{0,6}\d{3}[ \u00a0.]?\d{3}[ \u00a0.]?\d{3}(?:[ \u00a0.]?\d{5})?(?!\d)/gi;
/** Digit groups joined by one space, dash or no-break space: "4242 4242 4242 4242", "3782-822463-10005". */
const digitRun = /\d+(?:[ \-\u00a0]\d+)*/g;
const wordCharacter = /[A-Za-z0-9_]/;

function scrub(text: string): string {
  const mask = (match: string) => "x".repeat(match.length);
  return text
    .replace(uuidPattern, mask)
    .replace(ibanPattern, (match) => {
      // The pattern may run into the next word ("… 189 PARIS"): keep the longest valid IBAN prefix.
      for (let end = match.length; end >= 15; end--) {
        if (end < match.length && /[A-Z0-9]/i.test(match[end]!)) continue;
        if (validIban(match.slice(0, end))) return mask(match.slice(0, end)) + match.slice(end);
      }
      return match;
    })
    .replace(labelledBusinessId, mask);
}

/**
 * The most digits in one run as `digitRun` reads runs. Scrubbing only masks, so a text with no
 * run of 13 digits holds no card number: the fast answer for the many short values of a JSON body.
 */
function longestDigitRun(text: string): number {
  let longest = 0;
  let run = 0;
  let afterSeparator = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      run += 1;
      afterSeparator = false;
      if (run > longest) longest = run;
    } else if ((c === 32 || c === 45 || c === 0xa0) && run > 0 && !afterSeparator) {
      afterSeparator = true;
    } else {
      run = 0;
      afterSeparator = false;
    }
  }
  return longest;
}

const nonAscii = /[^\x00-\x7f]/;

/** True when the text holds something shaped like a card number (see the module comment). */
export function containsCardNumber(text: string, fieldName?: string | null): boolean {
  // NFKC changes only non-ASCII text (fullwidth digits become digits): ASCII text is read as is.
  if (!nonAscii.test(text) && longestDigitRun(text) < 13) return false;
  const allowSiret = businessIdField(fieldName);
  const scrubbed = scrub(text.normalize("NFKC"));
  for (const match of scrubbed.matchAll(digitRun)) {
    const start = match.index;
    const end = start + match[0].length;
    const before = scrubbed[start - 1] ?? "";
    const after = scrubbed[end] ?? "";
    // "+33 6 12 34 56 78": a phone number; "0.4242…" or "4242….5": a decimal.
    if (before === "+") continue;
    if ((before === "." || before === ",") && /\d/.test(scrubbed[start - 2] ?? "")) continue;
    if ((after === "." || after === ",") && /\d/.test(scrubbed[end + 1] ?? "")) continue;
    const groups = match[0].split(/[ \-\u00a0]/);
    // Digits glued to letters belong to something else: a hex digest, a base64 token, an identifier.
    const firstAllowed = wordCharacter.test(before) ? 1 : 0;
    const lastAllowed = wordCharacter.test(after) ? groups.length - 2 : groups.length - 1;
    for (let first = firstAllowed; first <= lastAllowed; first++) {
      if (!brandFirstDigits.has(groups[first]![0]!)) continue;
      let digits = "";
      for (let last = first; last <= lastAllowed && digits.length <= 19; last++) {
        digits += groups[last];
        if (digits.length < 13 || (allowSiret && digits.length === 14)) continue;
        if (looksLikeCardNumber(digits)) return true;
      }
    }
  }
  return false;
}
