import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import { clearSignInFailures } from "@/lib/auth/credentials";
import { personContext } from "@/lib/authz/member-actor";
import { revokeAllUserSessions } from "@/lib/auth/user-sessions";
import { PublicError } from "@/lib/errors";
import { queueMail } from "@/lib/mail/outbox";
import { resetPasswordMail } from "@/lib/mail/templates";
import { hashPassword } from "@/lib/passwords";
import { hitRateLimit } from "@/lib/rate-limit";
import type { RequestInfo } from "@/lib/request-info";
import { personalSpaceId } from "@/lib/users/personal-space";
import { consumeLinkToken, issueLinkToken, peekLinkToken, revokeLinkTokens } from "./link-tokens";
import { assertStrongPassword } from "./password-strength";
import { findUserByEmail } from "./queries";

/** Mails a reset link if the email belongs to a user; says nothing either way (no account enumeration). */
export async function requestPasswordReset(email: string, request: RequestInfo) {
  const perEmail = await hitRateLimit(`reset:email:${email}`, { limit: 3, windowSeconds: 3600 });
  const perIp = request.ip ? await hitRateLimit(`reset:ip:${request.ip}`, { limit: 20, windowSeconds: 3600 }) : { allowed: true };
  if (!perIp.allowed) throw new PublicError("reset_rate_limited", "Too many requests from your network. Please try again later.");
  if (!perEmail.allowed) return;
  await db.transaction(async (tx) => {
    const user = await findUserByEmail(email, tx);
    if (!user) return;
    const token = await issueLinkToken(tx, "reset-password", user.id);
    await queueMail(tx, resetPasswordMail(user.email, user.name, token));
  });
}

const invalidResetLink = "This reset link is invalid or has expired. Ask for a new one.";

/**
 * Sets a new password from a live reset link. The link proves the mailbox, so the email counts as
 * verified (an unconfirmed registration, perhaps made by someone else, becomes the mailbox owner's);
 * every existing session is revoked and the account's sign-in limits are lifted.
 */
export async function resetPassword(token: string, password: string, request: RequestInfo): Promise<{ email: string }> {
  const pendingUserId = await peekLinkToken(db, "reset-password", token);
  const [pendingUser] = pendingUserId ? await db.select().from(users).where(eq(users.id, pendingUserId)) : [];
  if (!pendingUser) throw new PublicError("reset_link_invalid", invalidResetLink);
  assertStrongPassword(password, [pendingUser.email, pendingUser.name]);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const userId = await consumeLinkToken(tx, "reset-password", token);
    if (!userId) throw new PublicError("reset_link_invalid", invalidResetLink);
    const [user] = await tx.select().from(users).where(eq(users.id, userId));
    if (!user) throw new PublicError("reset_link_invalid", invalidResetLink);
    await tx
      .update(users)
      .set({ passwordHash, emailVerified: user.emailVerified ?? new Date(), updatedAt: new Date() })
      .where(eq(users.id, userId));
    await revokeAllUserSessions(userId, tx);
    await revokeLinkTokens(tx, "verify-email", userId);
    await clearSignInFailures(user.email, tx);
    const spaceId = await personalSpaceId(tx, userId);
    await recordAuditEvent(tx, personContext(user, request), { accountId: spaceId, action: "user.password_reset", targetType: "user", targetId: user.id });
    return { email: user.email };
  });
}
