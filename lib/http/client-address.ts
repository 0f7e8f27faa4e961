import { isIP } from "node:net";

/**
 * The visitor's IP address as the console's own server decided it (scripts/server.ts replaces
 * every client-sent X-Forwarded-For with exactly one address, believing forwarded headers only from
 * TRUSTED_PROXIES). The one place the app reads it: audit events, sessions and rate limits.
 */
export function clientAddress(headers: Pick<Headers, "get">): string | null {
  const value = headers.get("x-forwarded-for")?.trim();
  return value && isIP(value) ? value : null;
}
