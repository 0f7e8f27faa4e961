/**
 * Recognises card data in a request body, so that every endpoint except the payment provider's
 * own tokenization endpoint can refuse it (see `proxy.ts`). Pure: no I/O, safe in any runtime.
 *
 * What counts as card data:
 * - a card number: 13–19 digits, unbroken or in groups separated by single spaces or dashes, that
 *   starts like a card (2-series and 5x Mastercard, Amex/Diners/JCB 3x, Visa 4x, Discover/UnionPay/
 *   Maestro 6x) and passes the Luhn check;
 * - a field named like a card number or a security code (cvc, cvv, cvc2, card_number, cardNumber…),
 *   as a JSON key, a multipart field name or a URL-encoded key.
 *
 * What does not, by design: UUIDs, millisecond timestamps (they start with 1), decimals (digits
 * after or before a decimal point), numbers written with a leading "+" (phone numbers), digit runs
 * longer than 19, digits glued to letters (hex digests, base64 tokens), and the content of
 * uploaded files.
 */

export type CardDataFinding = { kind: "card_number" } | { kind: "card_field"; field: string };

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

const cardPrefix = /^(?:2[2-7]|3[04-9]|4|5|6)/;

/** 13–19 digits that start like a payment card and pass Luhn. */
export function looksLikeCardNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && cardPrefix.test(digits) && luhnValid(digits);
}

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** Digit groups joined by one space, dash or no-break space: "4242 4242 4242 4242", "3782-822463-10005". */
const digitRun = /\d+(?:[ \-\u00a0]\d+)*/g;

const wordCharacter = /[A-Za-z0-9_]/;

/** True when the text holds something shaped like a card number (see the module comment). */
export function containsCardNumber(text: string): boolean {
  const scrubbed = text.replace(uuidPattern, (uuid) => "x".repeat(uuid.length));
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
      let digits = "";
      for (let last = first; last <= lastAllowed && digits.length <= 19; last++) {
        digits += groups[last];
        if (looksLikeCardNumber(digits)) return true;
      }
    }
  }
  return false;
}

const securityCodeWords = new Set(["cvc", "cvc2", "cvv", "cvv2", "cvn", "cvd", "csc"]);
const numberWords = new Set(["number", "num", "no"]);
/** One word that glues them: "cardnumber", "ccnum", "creditcardnumber", "cardcvc". */
const gluedWord = /^(?:credit)?(?:card|cc)(?:number|num|no|cvc2?|cvv2?|csc)$/;

/** Is this field name one that carries a card number or security code? Tolerates React's "1_" action prefix and nesting ("card[cvc]"). */
export function isCardFieldName(name: string): boolean {
  const withoutActionPrefix = name.replace(/^\d+_/, "");
  for (const segment of withoutActionPrefix.split(/[[\].]+/)) {
    const words = segment
      .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    if (words.some((word) => securityCodeWords.has(word) || gluedWord.test(word))) return true;
    for (let i = 0; i + 1 < words.length; i++) {
      if ((words[i] === "card" || words[i] === "cc") && numberWords.has(words[i + 1]!)) return true;
    }
  }
  return false;
}

const jsonKey = /"([^"\\\r\n]{1,100})"\s*:/g;

function findFieldInText(text: string): string | null {
  for (const match of text.matchAll(jsonKey)) if (isCardFieldName(match[1]!)) return match[1]!;
  return null;
}

interface MultipartPart {
  name: string | null;
  isFile: boolean;
  content: string;
}

function multipartParts(body: string, boundary: string): MultipartPart[] {
  const parts: MultipartPart[] = [];
  for (const raw of body.split(`--${boundary}`)) {
    const headerEnd = raw.indexOf("\r\n\r\n");
    if (headerEnd === -1) continue;
    const headers = raw.slice(0, headerEnd);
    const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? "";
    parts.push({
      name: /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? null,
      isFile: /\bfilename\*?=/i.test(disposition),
      content: raw.slice(headerEnd + 4),
    });
  }
  return parts;
}

function inspectText(text: string): CardDataFinding | null {
  const field = findFieldInText(text);
  if (field) return { kind: "card_field", field };
  return containsCardNumber(text) ? { kind: "card_number" } : null;
}

/**
 * Looks at a request body (as text, possibly truncated) and says whether it carries card data.
 * Multipart bodies are read part by part (uploaded files' contents are skipped; their names are
 * not); URL-encoded bodies are decoded first; anything else (JSON, text) is read as it is.
 */
export function inspectRequestBody(body: string, contentType: string | null | undefined): CardDataFinding | null {
  const type = (contentType ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType ?? "")?.[1];
    if (boundary) {
      for (const part of multipartParts(body, boundary)) {
        if (part.name && isCardFieldName(part.name)) return { kind: "card_field", field: part.name };
        if (part.isFile) continue;
        const finding = inspectText(part.content);
        if (finding) return finding;
      }
      return null;
    }
  }
  if (type.startsWith("application/x-www-form-urlencoded")) {
    const params = new URLSearchParams(body);
    for (const [key, value] of params) {
      if (isCardFieldName(key)) return { kind: "card_field", field: key };
      const finding = inspectText(value);
      if (finding) return finding;
    }
    return null;
  }
  return inspectText(body);
}
