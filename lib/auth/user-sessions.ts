import "server-only";
import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { userSessions, users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import { personContext } from "@/lib/authz/member-actor";
import { config } from "@/lib/config";
import type { RequestInfo } from "@/lib/request-info";
import { personalSpaceId } from "@/lib/users/personal-space";
import { isUuid } from "@/lib/validation/ids";

/** Session ids come from cookies and forms: anything not shaped like one matches no row (and never reaches SQL). */
export const isSessionId = isUuid;

/** Every sign-in path goes through here: the password was just entered, so the session starts authenticated and seen. */
export async function createUserSession(userId: string, request: RequestInfo, executor: Executor = db): Promise<string> {
  const maxAgeMs = config().SESSION_MAX_AGE_DAYS * 24 * 3600 * 1000;
  const [session] = await executor
    .insert(userSessions)
    .values({
      userId,
      expiresAt: new Date(Date.now() + maxAgeMs),
      authenticatedAt: sql`now()`,
      lastSeenAt: sql`now()`,
      ip: request.ip,
      userAgent: request.userAgent?.slice(0, 400) ?? null,
    })
    .returning({ id: userSessions.id });
  return session!.id;
}

/** Revokes one session; the id of its user when it was still live, null when it already was not. */
export async function revokeUserSession(sessionId: string, executor: Executor = db): Promise<string | null> {
  if (!isSessionId(sessionId)) return null;
  const [row] = await executor
    .update(userSessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)))
    .returning({ userId: userSessions.userId });
  return row?.userId ?? null;
}

/**
 * Signing out, by whatever way (our menu, Auth.js's `POST /api/auth/signout`, switching account for
 * an invitation): the row is revoked so every copy of the cookie dies, and the sign-out is audited
 * when it ended a live session (not when a password change already had).
 */
export async function endSession(sessionId: string, request: RequestInfo) {
  await db.transaction(async (tx) => {
    const userId = await revokeUserSession(sessionId, tx);
    if (!userId) return;
    const [user] = await tx.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
    if (!user) return;
    await recordAuditEvent(tx, personContext(user, request, sessionId), {
      accountId: await personalSpaceId(tx, userId),
      action: "user.signed_out",
      targetType: "session",
      targetId: sessionId,
    });
  });
}

/** "Sign out everywhere": every session of the user, optionally but one. */
export async function revokeAllUserSessions(userId: string, executor: Executor = db, exceptSessionId?: string) {
  await executor
    .update(userSessions)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(userSessions.userId, userId),
        isNull(userSessions.revokedAt),
        exceptSessionId ? ne(userSessions.id, exceptSessionId) : undefined,
      ),
    );
}

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  image: string | null;
  sessionId: string;
}

/** A session row that still signs someone in: not revoked, not expired, not idle past SESSION_IDLE_TIMEOUT_MINUTES. */
export const isLiveSession = () =>
  and(
    isNull(userSessions.revokedAt),
    gt(userSessions.expiresAt, sql`now()`),
    gt(userSessions.lastSeenAt, sql`now() - make_interval(mins => ${config().SESSION_IDLE_TIMEOUT_MINUTES})`),
  )!;

/** `last_seen_at` is written at most this often, so a busy session costs one write a minute, not one per request. */
export const lastSeenResolutionSeconds = 60;

/**
 * The user behind a live session id, or null when the session was revoked, expired, idle for longer
 * than SESSION_IDLE_TIMEOUT_MINUTES, or the user is gone. One round trip: the data-modifying CTE
 * refreshes `last_seen_at` only when it is older than a minute (and PostgreSQL runs it whether or not
 * the outer select reads it); concurrent requests re-check that condition under the row lock, so
 * only one of them writes.
 */
export async function findSessionUser(sessionId: string): Promise<SessionUser | null> {
  if (!isSessionId(sessionId)) return null;
  const result = await db.execute<{ id: string; name: string; email: string; image: string | null; session_id: string }>(sql`
    with live as (
      select user_sessions.id as session_id, user_sessions.last_seen_at, u.id, u.name, u.email, u.image
      from user_sessions
      join users u on u.id = user_sessions.user_id
      where user_sessions.id = ${sessionId} and ${isLiveSession()}
    ), touched as (
      update user_sessions set last_seen_at = now()
      where id = (select session_id from live where last_seen_at < now() - make_interval(secs => ${lastSeenResolutionSeconds}))
        and last_seen_at < now() - make_interval(secs => ${lastSeenResolutionSeconds})
      returning id
    )
    select id, name, email, image, session_id from live`);
  const row = result.rows[0];
  return row ? { id: row.id, name: row.name, email: row.email, image: row.image, sessionId: row.session_id } : null;
}
