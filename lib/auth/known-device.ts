import { createHmac, timingSafeEqual } from "node:crypto";
import { config } from "@/lib/config";

/**
 * "Known device" marks: a browser that once signed in to an account keeps an httpOnly cookie holding
 * HMAC-SHA256(AUTH_SECRET, email), truncated to 128 bits, for each of the last few accounts it signed
 * in to. The mark reveals no address and cannot be forged without the secret. The sign-in throttle
 * lets such a browser past the per-account limit, so an attacker guessing from many networks cannot
 * keep the owner out of their own account on their usual browser.
 */
export const KNOWN_DEVICE_COOKIE = "known_device";
const MAX_ACCOUNTS = 5;
const MAX_AGE_SECONDS = 365 * 24 * 3600;

function mark(email: string, secret: string): string {
  return createHmac("sha256", secret).update(`known-device:${email.toLowerCase()}`).digest("base64url").slice(0, 22);
}

function marks(cookieValue: string | null | undefined): string[] {
  return (cookieValue ?? "").split(".").filter((value) => /^[\w-]{22}$/.test(value)).slice(0, MAX_ACCOUNTS);
}

export function isKnownDevice(cookieValue: string | null | undefined, email: string): boolean {
  const secret = config().AUTH_SECRET;
  if (!secret) return false;
  const expected = Buffer.from(mark(email, secret));
  return marks(cookieValue).some((value) => timingSafeEqual(Buffer.from(value), expected));
}

/** The cookie value after a successful sign-in to `email`: its mark first, the oldest dropped past 5. */
export function withKnownDevice(cookieValue: string | null | undefined, email: string): string | null {
  const secret = config().AUTH_SECRET;
  if (!secret) return null;
  const own = mark(email, secret);
  return [own, ...marks(cookieValue).filter((value) => value !== own)].slice(0, MAX_ACCOUNTS).join(".");
}

export const knownDeviceCookieOptions = () => ({
  httpOnly: true,
  sameSite: "lax" as const,
  secure: config().APP_URL.startsWith("https://"),
  path: "/",
  maxAge: MAX_AGE_SECONDS,
});

/** Reads the cookie from a raw Cookie header (Auth.js hands `authorize` a plain Request). */
export function knownDeviceFromCookieHeader(header: string | null): string | null {
  for (const part of (header ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === KNOWN_DEVICE_COOKIE) return rest.join("=");
  }
  return null;
}
