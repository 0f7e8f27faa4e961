import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { crc32 } from "node:zlib";

/**
 * Secrets in GitHub's token format: a typed prefix, 30 random base62 characters (178 bits) and a
 * 6-character base62 CRC32 of them, so secret scanners can recognize a key (and tell a real one
 * from a random string) without asking us.
 *   ock_<30 random><6 checksum>  a member's API key for one account
 *   ocp_<30 random><6 checksum>  a platform key
 */
export const tokenKinds = { apiKey: "ock_", platformKey: "ocp_" } as const;
export type TokenKind = keyof typeof tokenKinds;

const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH = 30;
const CHECKSUM_LENGTH = 6;
const TOKEN_LENGTH = 4 + RANDOM_LENGTH + CHECKSUM_LENGTH;
const tokenShape = /^oc[kp]_[0-9A-Za-z]{36}$/;

function base62(value: number, width: number): string {
  let out = "";
  for (let rest = value; rest > 0; rest = Math.floor(rest / 62)) out = alphabet[rest % 62] + out;
  return out.padStart(width, "0");
}

function checksum(random: string): string {
  return base62(crc32(random), CHECKSUM_LENGTH);
}

export interface NewToken {
  /** The secret, shown once. */
  token: string;
  /** What the database keeps instead. */
  secretHash: string;
  displayPrefix: string;
  last4: string;
}

export function newToken(kind: TokenKind): NewToken {
  let random = "";
  for (let i = 0; i < RANDOM_LENGTH; i++) random += alphabet[randomInt(62)];
  const token = tokenKinds[kind] + random + checksum(random);
  return { token, secretHash: hashSecret(token), displayPrefix: token.slice(0, 8), last4: token.slice(-4) };
}

/** The kind of a well-formed token whose checksum holds; null for anything else (no database lookup needed). */
export function tokenKind(candidate: string): TokenKind | null {
  if (candidate.length !== TOKEN_LENGTH || !tokenShape.test(candidate)) return null;
  const random = candidate.slice(4, 4 + RANDOM_LENGTH);
  const expected = Buffer.from(checksum(random));
  if (!timingSafeEqual(expected, Buffer.from(candidate.slice(4 + RANDOM_LENGTH)))) return null;
  return candidate.startsWith(tokenKinds.apiKey) ? "apiKey" : "platformKey";
}

export function hashSecret(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Constant-time comparison of two hex digests (the stored hash against the presented secret's). */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
