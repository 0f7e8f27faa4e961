/**
 * Recognises card data in a request body, so that every endpoint except the payment provider's
 * own tokenization endpoint can refuse it (see `proxy.ts`). Pure: no I/O, safe in any runtime.
 *
 * What counts as card data:
 * - a card number, as `./card-numbers.ts` defines it (13–19 digits, Luhn-valid, in a known brand's
 *   IIN range and lengths; SIRET/SIREN, IBANs, phone numbers and VAT ids are not);
 * - a field named like a card number or a security code (cvc, cvv, cvc2, card_number, cardNumber…),
 *   as a JSON key, a multipart field name or a URL-encoded key.
 * The body is read the way the server will read it (`./body-fields.ts`): the declared charset of
 * the body and of each multipart part, URL-encoding, JSON escapes (`"\u0034"` is a "4"). A body in
 * a charset that cannot be decoded is refused too. Uploaded files' contents are not inspected
 * (their field names are).
 */
import { bodyFields, UndecodableBodyError } from "./body-fields";
import { containsCardNumber } from "./card-numbers";

export { containsCardNumber, luhnValid, looksLikeCardNumber } from "./card-numbers";

export type CardDataFinding = { kind: "card_number" } | { kind: "card_field"; field: string } | { kind: "undecodable"; charset: string };

const securityCodeWords = new Set(["cvc", "cvc2", "cvv", "cvv2", "cvn", "cvd", "csc"]);
const numberWords = new Set(["number", "num", "no"]);
/** One word that glues them: "cardnumber", "ccnum", "creditcardnumber", "cardcvc". */
const gluedWord = /^(?:credit)?(?:card|cc)(?:number|num|no|cvc2?|cvv2?|csc)$/;

// JSON bodies repeat their keys ("metric", "quantity" a thousand times): the answer is kept per name.
const fieldNameAnswers = new Map<string, boolean>();

/** Is this field name one that carries a card number or security code? Tolerates React's "1_" action prefix and nesting ("card[cvc]"). */
export function isCardFieldName(name: string): boolean {
  const known = fieldNameAnswers.get(name);
  if (known !== undefined) return known;
  const answer = judgeFieldName(name);
  if (fieldNameAnswers.size >= 1000) fieldNameAnswers.clear();
  if (name.length <= 100) fieldNameAnswers.set(name, answer);
  return answer;
}

function judgeFieldName(name: string): boolean {
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
const jsonString = /"(?:[^"\\]|\\.)*"/g;

/** Strings a JSON value holds, each with the key it sits under (iteratively: bodies can nest deep). */
function* jsonStrings(root: unknown, rootKey: string | null): Generator<{ key: string | null; text: string; isKey: boolean }> {
  const stack: [unknown, string | null][] = [[root, rootKey]];
  while (stack.length > 0) {
    const [value, key] = stack.pop()!;
    if (typeof value === "string") yield { key, text: value, isKey: false };
    else if (Array.isArray(value)) for (const item of value) stack.push([item, key]);
    else if (value && typeof value === "object") {
      for (const [childKey, child] of Object.entries(value)) {
        yield { key: childKey, text: childKey, isKey: true };
        stack.push([child, childKey]);
      }
    }
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (!/^\s*[[{"]/.test(text)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** One text value: its JSON keys and strings if it is JSON (React's action arguments are), else the text itself. */
function inspectText(text: string, fieldName: string | null): CardDataFinding | null {
  const json = parseJson(text);
  if (!json.ok) {
    for (const match of text.matchAll(jsonKey)) if (isCardFieldName(match[1]!)) return { kind: "card_field", field: match[1]! };
    return containsCardNumber(text, fieldName) ? { kind: "card_number" } : null;
  }
  for (const { key, text: value, isKey } of jsonStrings(json.value, fieldName)) {
    if (isKey) {
      if (isCardFieldName(value)) return { kind: "card_field", field: value };
      continue;
    }
    // React encodes some values as "$n4242…" (a BigInt) or "$$…": read them without the marker too.
    if (containsCardNumber(value, key) || (value.startsWith("$") && containsCardNumber(value.replace(/^\$[A-Za-z$]?/, ""), key))) return { kind: "card_number" };
  }
  // Numbers lose digits in JSON.parse: read them in the source, strings blanked out.
  return containsCardNumber(text.replace(jsonString, '""'), null) ? { kind: "card_number" } : null;
}

/** Says whether a request body (raw bytes, or text taken as UTF-8) carries card data. */
export function inspectRequestBody(body: Uint8Array | string, contentType: string | null | undefined): CardDataFinding | null {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  let fields;
  try {
    fields = bodyFields(bytes, contentType);
  } catch (error) {
    if (error instanceof UndecodableBodyError) return { kind: "undecodable", charset: error.charset };
    throw error;
  }
  for (const field of fields) {
    if (field.name && isCardFieldName(field.name)) return { kind: "card_field", field: field.name };
    if (field.isFile) continue;
    const finding = inspectText(field.value, field.name);
    if (finding) return finding;
  }
  return null;
}
