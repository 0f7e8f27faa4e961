/**
 * Server actions are public endpoints, and Next decodes their argument list before any of our code
 * runs: a body that is not valid JSON, not a list, or that names React references the console never
 * sends (`$Q`, `$F`, `$B`…) made Next itself throw and answer 500. This check runs in the proxy and
 * refuses such calls with a 400, so only argument lists our own forms could have produced get there.
 */

/** The reference strings our clients send: escaped `$`, a FormData, undefined, dates, numbers JSON lacks. */
const ALLOWED_REFERENCE = /^\$(?:\$|K[0-9a-f]{1,8}$|undefined$|D|n-?\d{1,40}$|NaN$|Infinity$|-Infinity$|-0$)/;
const MAX_DEPTH = 64;

function wellFormed(value: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  if (typeof value === "string") return !value.startsWith("$") || ALLOWED_REFERENCE.test(value);
  if (Array.isArray(value)) return value.every((item) => wellFormed(item, depth + 1));
  if (value !== null && typeof value === "object") return Object.values(value).every((item) => wellFormed(item, depth + 1));
  return true;
}

/** True when `text` is an argument list Next can decode without throwing. */
export function isWellFormedActionArguments(text: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  return Array.isArray(parsed) && wellFormed(parsed);
}

/**
 * Null when the request is no server action call or a well-formed one; otherwise why it is refused.
 * `body` is the request's body when the caller has read it already (the proxy has); the request
 * itself is only read when it is not given.
 */
export async function malformedActionCall(request: Request, body?: Uint8Array<ArrayBuffer>): Promise<string | null> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return null;
  const contentType = request.headers.get("content-type") ?? "";
  // URL-encoded bodies are no action call Next decodes (it answers 404 itself).
  if (contentType.startsWith("application/x-www-form-urlencoded")) return null;
  const bytes = body ?? new Uint8Array(await request.arrayBuffer().catch(() => new ArrayBuffer(0)));
  if (contentType.startsWith("multipart/form-data")) {
    const form = await new Response(bytes, { headers: { "content-type": contentType } }).formData().catch(() => null);
    const root = form?.get("0");
    return typeof root === "string" && isWellFormedActionArguments(root) ? null : "The form data of this request is malformed.";
  }
  return isWellFormedActionArguments(new TextDecoder().decode(bytes)) ? null : "The body of this request is malformed.";
}
