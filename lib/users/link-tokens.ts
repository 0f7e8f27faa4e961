import "server-only";
import { and, eq, gt, like, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { verificationTokens } from "@/db/schema";
import { hashToken, newLinkToken } from "@/lib/tokens";

export type LinkPurpose = "verify-email" | "reset-password";

const lifetimeMinutes: Record<LinkPurpose, number> = { "verify-email": 24 * 60, "reset-password": 60 };
/** A new reset link kills older ones; every confirmation link sent stays good until one is used. */
const replacesEarlier: Record<LinkPurpose, boolean> = { "verify-email": false, "reset-password": true };

/** Issues a new single-use link token for a user. */
export async function issueLinkToken(tx: Executor, purpose: LinkPurpose, userId: string): Promise<string> {
  const identifier = `${purpose}:${userId}`;
  const { token, hash } = newLinkToken();
  if (replacesEarlier[purpose]) await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, identifier));
  await tx.insert(verificationTokens).values({
    identifier,
    token: hash,
    expires: new Date(Date.now() + lifetimeMinutes[purpose] * 60_000),
  });
  return token;
}

/** Consumes a link token: returns the user id once, then never again; the user's other links of that purpose die too. */
export async function consumeLinkToken(tx: Executor, purpose: LinkPurpose, token: string): Promise<string | null> {
  const [row] = await tx
    .delete(verificationTokens)
    .where(
      and(
        eq(verificationTokens.token, hashToken(token)),
        like(verificationTokens.identifier, `${purpose}:%`),
        gt(verificationTokens.expires, sql`now()`),
      ),
    )
    .returning({ identifier: verificationTokens.identifier });
  if (!row) return null;
  await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, row.identifier));
  return row.identifier.slice(purpose.length + 1);
}

/**
 * Checks a link token without consuming it: a GET of a mailed link only looks (mail scanners open
 * links). Returns the user id of a live link, or null.
 */
export async function peekLinkToken(tx: Executor, purpose: LinkPurpose, token: string): Promise<string | null> {
  if (!token || token.length > 200) return null;
  const [row] = await tx
    .select({ identifier: verificationTokens.identifier })
    .from(verificationTokens)
    .where(
      and(
        eq(verificationTokens.token, hashToken(token)),
        like(verificationTokens.identifier, `${purpose}:%`),
        gt(verificationTokens.expires, sql`now()`),
      ),
    );
  return row ? row.identifier.slice(purpose.length + 1) : null;
}

/** Kills every live link of one purpose for a user (a reset that verifies the address ends pending confirmations). */
export async function revokeLinkTokens(tx: Executor, purpose: LinkPurpose, userId: string) {
  await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, `${purpose}:${userId}`));
}
