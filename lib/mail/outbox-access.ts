import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Who may read the dev outbox: whoever holds DEV_OUTBOX_TOKEN, the secret `npm start` prints as a
 * link. The link's `?token=` is traded once for an httpOnly, SameSite=Strict cookie scoped to the
 * outbox (scripts/server.ts), so the secret leaves the address bar and the history.
 */
export const OUTBOX_PATH = "/dev/outbox";
export const OUTBOX_COOKIE = "dev-outbox-token";
const COOKIE_MAX_AGE_SECONDS = 7 * 24 * 3600;

/** Constant-time comparison (of digests, so lengths do not leak either). No expected token: nobody. */
export function outboxTokenMatches(candidate: string | null | undefined, expected: string | undefined): boolean {
  if (!expected || !candidate) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(candidate), digest(expected));
}

/** The outbox link `npm start` prints. */
export function outboxLink(appUrl: string, token: string): string {
  return `${appUrl}${OUTBOX_PATH}?token=${encodeURIComponent(token)}`;
}

/**
 * For a request to the outbox carrying the right `?token=`: where to send the browser (the same
 * page without the token) and the cookie to set. Null for any other request.
 */
export function outboxTokenExchange(url: URL, expected: string | undefined, secure: boolean): { location: string; setCookie: string } | null {
  if (url.pathname !== OUTBOX_PATH || !url.searchParams.has("token")) return null;
  const token = url.searchParams.get("token");
  if (!outboxTokenMatches(token, expected)) return null;
  const rest = new URLSearchParams(url.searchParams);
  rest.delete("token");
  const query = rest.toString();
  const attributes = [`Path=${OUTBOX_PATH}`, "HttpOnly", "SameSite=Strict", `Max-Age=${COOKIE_MAX_AGE_SECONDS}`, ...(secure ? ["Secure"] : [])];
  return {
    location: query ? `${OUTBOX_PATH}?${query}` : OUTBOX_PATH,
    setCookie: `${OUTBOX_COOKIE}=${encodeURIComponent(token!)}; ${attributes.join("; ")}`,
  };
}
