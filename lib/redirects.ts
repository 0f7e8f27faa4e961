/**
 * The one place a redirect target built from input (a callbackUrl, an invitation return path, an
 * after-action destination) is made safe: it may only name a path on the console's own origin.
 *
 * Browsers and the WHATWG URL parser forgive a lot (`/<TAB>/host` and `/\host` become `//host`,
 * `/.//host` normalizes to `//host`), so the value is resolved the way a browser would resolve it,
 * against a fixed origin that cannot be reached, and accepted only when the origin stays the same and
 * the result cannot be read as protocol-relative. The normalized path is returned, so what is
 * redirected to is exactly what was checked; it is ASCII only, so it is always a valid header value.
 */
const BASE = "http://console.invalid";
const MAX_LENGTH = 2048;
/** C0 and C1 controls, DEL and the Unicode line/paragraph separators: no legitimate path holds them. */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** Percent-encoded controls, slashes and backslashes: never part of a console path, a classic smuggling tool. */
const ENCODED_TROUBLE = /%(?:[01][0-9a-f]|7f|2f|5c)/i;

/** The normalized same-origin path (path + search + hash) for `value`, or undefined if it is unsafe. */
export function sameOriginPath(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return undefined;
  // A relative path only: absolute URLs, even to us, have no business in a callback.
  if (!value.startsWith("/") || CONTROL_CHARACTERS.test(value) || value.includes("\\")) return undefined;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== BASE || url.username || url.password || ENCODED_TROUBLE.test(url.pathname)) return undefined;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can leave `//host` behind (`/.//host`); a browser would read that as another host.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return undefined;
  // The serialization must survive a second reading unchanged, or a later hop could read it otherwise.
  if (new URL(path, BASE).origin !== BASE) return undefined;
  return path;
}

/** Where to send the visitor: `value` when it is a safe same-origin path, otherwise `fallback` (the personal space). */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  return sameOriginPath(value) ?? fallback;
}

/** The invitation page for a token from input; only the shape of our tokens (base64url) gets there. */
export function invitationPath(token: unknown): string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{1,200}$/.test(token) ? `/invite/${token}` : "/";
}

/** The sign-in page that comes back to `returnTo` once signed in. */
export function signInPath(returnTo: string, email?: string): string {
  const params = new URLSearchParams({ callbackUrl: safeRedirectPath(returnTo) });
  if (email) params.set("email", email);
  return `/sign-in?${params.toString()}`;
}
