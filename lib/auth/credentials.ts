import "server-only";
import { db, type Executor } from "@/db/client";
import { recordAuditEvent } from "@/lib/audit";
import { personContext } from "@/lib/authz/member-actor";
import { verifyPassword } from "@/lib/passwords";
import { clearRateLimit, clearRateLimitsWithPrefix, hitRateLimit, peekRateLimit, type RateLimitRule } from "@/lib/rate-limit";
import type { RequestInfo } from "@/lib/request-info";
import { personalSpaceId } from "@/lib/users/personal-space";
import { resendVerification } from "@/lib/users/email-verification";
import { findUserByEmail } from "@/lib/users/queries";
import { isKnownDevice } from "./known-device";
import { createUserSession } from "./user-sessions";

/**
 * Failed sign-ins are counted three ways, so that guessing from elsewhere never locks the owner out:
 * - per account and network (5 in 15 minutes): the usual lockout, only for the network that failed;
 * - per network (50 in 15 minutes): one network spraying many accounts;
 * - per account from everywhere (100 an hour): a guessing attack spread over many networks. This one
 *   does not apply to a browser that signed in to the account before (the known-device cookie).
 * A successful password reset clears the account's counters; a successful sign-in clears that
 * network's counter for the account.
 */
export const signInFailureRules = {
  perEmailAndIp: { limit: 5, windowSeconds: 15 * 60 },
  perIp: { limit: 50, windowSeconds: 15 * 60 },
  perEmail: { limit: 100, windowSeconds: 60 * 60 },
} satisfies Record<string, RateLimitRule>;

/** Which limit refused: this account from this network, this network, or this account from everywhere. */
export type SignInLimitScope = "account-network" | "network" | "account";

export type CredentialsOutcome =
  | { status: "ok"; userId: string; sessionId: string }
  | { status: "invalid" }
  | { status: "unverified" }
  | { status: "rate-limited"; scope: SignInLimitScope; retryAfterSeconds: number };

const emailPrefix = (email: string) => `sign-in-failures:email:${email.toLowerCase()}:`;

/** Without a client address (outside a request) there is no network to count: only the per-account limit applies. */
function failureKeys(email: string, request: RequestInfo) {
  return {
    perEmailAndIp: request.ip ? `${emailPrefix(email)}ip:${request.ip}` : null,
    perIp: request.ip ? `sign-in-failures:ip:${request.ip}` : null,
    perEmail: `${emailPrefix(email)}all`,
  };
}

/** Lifts every sign-in limit of one account (after a password reset proved the mailbox). */
export async function clearSignInFailures(email: string, executor: Executor = db) {
  await clearRateLimitsWithPrefix(emailPrefix(email), executor);
}

/**
 * Checks an email and password. Unknown emails and wrong passwords look the same (and take as long).
 * Past a limit every attempt it covers is refused until the window ends, whether or not the password
 * is right. `knownDevice` is the raw known-device cookie of the browser, if any.
 */
export async function verifyCredentials(
  email: string,
  password: string,
  request: RequestInfo,
  options: { knownDevice?: string | null } = {},
): Promise<CredentialsOutcome> {
  const keys = failureKeys(email, request);
  const checks: [string | null, RateLimitRule, SignInLimitScope][] = [
    [keys.perEmailAndIp, signInFailureRules.perEmailAndIp, "account-network"],
    [keys.perIp, signInFailureRules.perIp, "network"],
  ];
  if (!isKnownDevice(options.knownDevice, email)) checks.push([keys.perEmail, signInFailureRules.perEmail, "account"]);
  for (const [key, rule, scope] of checks) {
    if (!key) continue;
    const state = await peekRateLimit(key, rule);
    if (!state.allowed) return { status: "rate-limited", scope, retryAfterSeconds: state.retryAfterSeconds };
  }

  const user = await findUserByEmail(email);
  const passwordOk = await verifyPassword(user?.passwordHash, password);
  if (!user || !passwordOk) {
    if (keys.perEmailAndIp) await hitRateLimit(keys.perEmailAndIp, signInFailureRules.perEmailAndIp);
    if (keys.perIp) await hitRateLimit(keys.perIp, signInFailureRules.perIp);
    await hitRateLimit(keys.perEmail, signInFailureRules.perEmail);
    return { status: "invalid" };
  }
  if (!user.emailVerified) {
    await resendVerification(user);
    return { status: "unverified" };
  }

  if (keys.perEmailAndIp) await clearRateLimit(keys.perEmailAndIp);
  const sessionId = await db.transaction(async (tx) => {
    const id = await createUserSession(user.id, request, tx);
    const spaceId = await personalSpaceId(tx, user.id);
    await recordAuditEvent(tx, personContext(user, request, id), { accountId: spaceId, action: "user.signed_in", targetType: "session", targetId: id });
    return id;
  });
  return { status: "ok", userId: user.id, sessionId };
}
