import { createHash, randomBytes } from "node:crypto";

/** A secret for a mailed link: the link carries `token`, the database keeps only `hash`. */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
