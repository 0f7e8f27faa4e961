import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { userSessions, users } from "@/db/schema";
import { PublicError } from "@/lib/errors";
import { verifyPassword } from "@/lib/passwords";
import { hitRateLimit } from "@/lib/rate-limit";
import type { MemberActor } from "@/lib/authz/actor";

/** A sign-in (or a password typed to confirm) this recent is proof enough for an irreversible action. */
export const reauthenticationWindowMinutes = 5;
/**
 * Counted per session, not per user: whoever holds a stolen cookie gets a handful of guesses on that
 * cookie, and cannot lock the real owner out of their own sessions by failing on purpose.
 */
export const reauthenticationAttemptRule = { limit: 10, windowSeconds: 15 * 60 };

export const reauthenticationMessages = {
  missing: "Enter your password to confirm.",
  wrong: "This is not your password.",
  tooMany: "Too many attempts. Please wait 15 minutes before trying again.",
  noSession: "Confirm this in the console, signed in with your password: an API key cannot.",
} as const;

/** Only a browser session can prove the person is at the keyboard; an API key never can. */
function sessionOf(actor: MemberActor): { userId: string; sessionId: string } | null {
  return actor.channel === "session" && actor.sessionId ? { userId: actor.userId, sessionId: actor.sessionId } : null;
}

/** Whether this session entered the password recently enough that it need not be typed again. */
export async function isRecentlyAuthenticated(actor: MemberActor, executor: Executor = db): Promise<boolean> {
  const user = sessionOf(actor);
  if (!user) return false;
  const [recent] = await executor
    .select({ id: userSessions.id })
    .from(userSessions)
    .where(
      and(
        eq(userSessions.id, user.sessionId),
        eq(userSessions.userId, user.userId),
        isNull(userSessions.revokedAt),
        gt(userSessions.authenticatedAt, sql`now() - make_interval(mins => ${reauthenticationWindowMinutes})`),
      ),
    );
  return Boolean(recent);
}

/**
 * Irreversible actions (deleting an organization or the account, offering ownership, changing the
 * password) need proof that the person at the keyboard holds the account, not just a cookie: the
 * password typed now, or a password entered in this very session (sign-in or an earlier
 * confirmation) within the last few minutes. A correct password refreshes the session's proof; a
 * wrong or missing one is a field error on `field`. Call it before taking any lock: checking a
 * password is slow on purpose.
 */
export async function assertReauthenticated(
  actor: MemberActor,
  password: string | undefined,
  { field = "password", executor = db }: { field?: string; executor?: Executor } = {},
): Promise<void> {
  const user = sessionOf(actor);
  if (!user) throw PublicError.field("session_required", field, reauthenticationMessages.noSession);
  if (password) {
    if (!(await hitRateLimit(`reauthenticate:${user.sessionId}`, reauthenticationAttemptRule)).allowed) {
      throw PublicError.field("reauthentication_rate_limited", field, reauthenticationMessages.tooMany);
    }
    const [row] = await executor.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.userId));
    if (!(await verifyPassword(row?.passwordHash, password))) throw PublicError.field("wrong_password", field, reauthenticationMessages.wrong);
    await executor
      .update(userSessions)
      .set({ authenticatedAt: sql`now()` })
      .where(and(eq(userSessions.id, user.sessionId), eq(userSessions.userId, user.userId)));
    return;
  }
  if (!(await isRecentlyAuthenticated(actor, executor))) throw PublicError.field("reauthentication_required", field, reauthenticationMessages.missing);
}
