import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import { personContext } from "@/lib/authz/member-actor";
import { PublicError } from "@/lib/errors";
import { queueMail } from "@/lib/mail/outbox";
import { verifyEmailMail } from "@/lib/mail/templates";
import { verifyPassword } from "@/lib/passwords";
import { hitRateLimit } from "@/lib/rate-limit";
import type { RequestInfo } from "@/lib/request-info";
import { personalSpaceId } from "@/lib/users/personal-space";
import { consumeLinkToken, issueLinkToken, peekLinkToken } from "./link-tokens";

export const invalidVerificationLink = "This confirmation link is invalid, already used or expired. Sign in to get a new one.";

/** The account a live confirmation link belongs to, for the page the link opens. Changes nothing. */
export async function pendingVerification(token: string): Promise<{ email: string } | null> {
  const userId = await peekLinkToken(db, "verify-email", token);
  if (!userId) return null;
  const [user] = await db.select({ email: users.email, emailVerified: users.emailVerified }).from(users).where(eq(users.id, userId));
  return user && !user.emailVerified ? { email: user.email } : null;
}

/**
 * Confirms an address. The link proves that the visitor reads the mailbox, the password that they
 * are the person who signed up: someone who registered another person's address cannot confirm it
 * (the owner never types their password), and the owner cannot be tricked into confirming it for
 * them either. A wrong password keeps the link alive; 10 wrong ones an hour per account are refused.
 */
export async function verifyEmail(token: string, password: string, request: RequestInfo): Promise<{ email: string }> {
  const userId = await peekLinkToken(db, "verify-email", token);
  if (!userId) throw new PublicError("verification_link_invalid", invalidVerificationLink);
  const [candidate] = await db.select().from(users).where(eq(users.id, userId));
  if (!candidate || candidate.emailVerified) throw new PublicError("verification_link_invalid", invalidVerificationLink);
  if (!(await hitRateLimit(`verify-email-password:${userId}`, { limit: 10, windowSeconds: 3600 })).allowed) {
    throw new PublicError("verification_rate_limited", "Too many wrong passwords. Wait an hour, or reset your password from the sign-in page.");
  }
  if (!(await verifyPassword(candidate.passwordHash, password))) {
    throw PublicError.field("wrong_password", "password", "This is not the password chosen when this account was created.");
  }
  return db.transaction(async (tx) => {
    if ((await consumeLinkToken(tx, "verify-email", token)) !== userId) throw new PublicError("verification_link_invalid", invalidVerificationLink);
    const [user] = await tx
      .update(users)
      .set({ emailVerified: new Date(), updatedAt: new Date() })
      .where(and(eq(users.id, userId), isNull(users.emailVerified)))
      .returning();
    if (!user) throw new PublicError("verification_link_invalid", invalidVerificationLink);
    await recordAuditEvent(tx, personContext(user, request), {
      accountId: await personalSpaceId(tx, user.id),
      action: "user.email_verified",
      targetType: "user",
      targetId: user.id,
    });
    return { email: user.email };
  });
}

/** Sends a fresh verification link to an unverified user, at most 3 times an hour. */
export async function resendVerification(user: { id: string; name: string; email: string }) {
  const limit = await hitRateLimit(`verify-resend:${user.id}`, { limit: 3, windowSeconds: 3600 });
  if (!limit.allowed) return;
  await db.transaction(async (tx) => {
    const token = await issueLinkToken(tx, "verify-email", user.id);
    await queueMail(tx, verifyEmailMail(user.email, user.name, token));
  });
}
