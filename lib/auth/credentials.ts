import "server-only";
import { db } from "@/db/client";
import { recordAuditEvent } from "@/lib/audit";
import { verifyPassword } from "@/lib/passwords";
import { clearRateLimit, hitRateLimit, peekRateLimit } from "@/lib/rate-limit";
import type { RequestInfo } from "@/lib/request-info";
import { personalSpaceId } from "@/lib/users/personal-space";
import { resendVerification } from "@/lib/users/email-verification";
import { findUserByEmail } from "@/lib/users/queries";
import { createUserSession } from "./user-sessions";

export const signInFailureRules = {
  perEmail: { limit: 5, windowSeconds: 15 * 60 },
  perIp: { limit: 50, windowSeconds: 15 * 60 },
};

export type CredentialsOutcome =
  | { status: "ok"; userId: string; sessionId: string }
  | { status: "invalid" }
  | { status: "unverified" }
  | { status: "rate-limited"; retryAfterSeconds: number };

/**
 * Checks an email and password. Unknown emails and wrong passwords look the same (and take as long);
 * failures are counted per email and per IP in PostgreSQL, and past the limit every attempt is
 * refused until the window ends, whether or not the password is right.
 */
export async function verifyCredentials(email: string, password: string, request: RequestInfo): Promise<CredentialsOutcome> {
  const emailKey = `sign-in-failures:email:${email.toLowerCase()}`;
  const ipKey = request.ip ? `sign-in-failures:ip:${request.ip}` : null;
  for (const [key, rule] of [[emailKey, signInFailureRules.perEmail], [ipKey, signInFailureRules.perIp]] as const) {
    if (!key) continue;
    const state = await peekRateLimit(key, rule);
    if (!state.allowed) return { status: "rate-limited", retryAfterSeconds: state.retryAfterSeconds };
  }

  const user = await findUserByEmail(email);
  const passwordOk = await verifyPassword(user?.passwordHash, password);
  if (!user || !passwordOk) {
    await hitRateLimit(emailKey, signInFailureRules.perEmail);
    if (ipKey) await hitRateLimit(ipKey, signInFailureRules.perIp);
    return { status: "invalid" };
  }
  if (!user.emailVerified) {
    await resendVerification(user);
    return { status: "unverified" };
  }

  await clearRateLimit(emailKey);
  const sessionId = await db.transaction(async (tx) => {
    const id = await createUserSession(user.id, request, tx);
    const spaceId = await personalSpaceId(tx, user.id);
    await recordAuditEvent(tx, {
      accountId: spaceId,
      actor: { id: user.id, email: user.email },
      action: "user.signed_in",
      targetType: "session",
      targetId: id,
      request,
    });
    return id;
  });
  return { status: "ok", userId: user.id, sessionId };
}
