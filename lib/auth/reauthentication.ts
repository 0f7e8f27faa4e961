import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { userSessions, users } from "@/db/schema";
import { PublicError } from "@/lib/errors";
import { verifyPassword } from "@/lib/passwords";
import { hitRateLimit } from "@/lib/rate-limit";
import type { SessionUser } from "./user-sessions";

/** A sign-in (or a password typed to confirm) this recent is proof enough for an irreversible action. */
export const reauthenticationWindowMinutes = 5;
const wrongPasswordRule = { limit: 10, windowSeconds: 15 * 60 };

/**
 * Irreversible actions (deleting an organization or the account, offering ownership, changing the
 * password) need proof that the person at the keyboard holds the account, not just a cookie: the
 * password typed now, or a password entered in this very session within the last few minutes.
 * A correct password refreshes the session's proof; a wrong one is a field error on `field`.
 */
export async function assertReauthenticated(
  user: SessionUser,
  password: string | undefined,
  { field = "password", executor = db }: { field?: string; executor?: Executor } = {},
): Promise<void> {
  if (password) {
    if (!(await hitRateLimit(`reauthenticate:${user.id}`, wrongPasswordRule)).allowed) {
      throw PublicError.field(field, "Too many attempts. Please wait 15 minutes before trying again.");
    }
    const [row] = await executor.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    if (!(await verifyPassword(row?.passwordHash, password))) throw PublicError.field(field, "This is not your password.");
    await executor.update(userSessions).set({ authenticatedAt: sql`now()` }).where(eq(userSessions.id, user.sessionId));
    return;
  }
  const [recent] = await executor
    .select({ id: userSessions.id })
    .from(userSessions)
    .where(
      and(
        eq(userSessions.id, user.sessionId),
        gt(userSessions.authenticatedAt, sql`now() - make_interval(mins => ${reauthenticationWindowMinutes})`),
      ),
    );
  if (!recent) throw PublicError.field(field, "Enter your password to confirm.");
}
