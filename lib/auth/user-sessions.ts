import "server-only";
import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { userSessions, users } from "@/db/schema";
import { config } from "@/lib/config";
import type { RequestInfo } from "@/lib/request-info";

export async function createUserSession(userId: string, request: RequestInfo, executor: Executor = db): Promise<string> {
  const maxAgeMs = config().SESSION_MAX_AGE_DAYS * 24 * 3600 * 1000;
  const [session] = await executor
    .insert(userSessions)
    .values({ userId, expiresAt: new Date(Date.now() + maxAgeMs), ip: request.ip, userAgent: request.userAgent })
    .returning({ id: userSessions.id });
  return session!.id;
}

export async function revokeUserSession(sessionId: string, executor: Executor = db) {
  await executor.update(userSessions).set({ revokedAt: sql`now()` }).where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)));
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

/** The user behind a live session id, or null when the session was revoked, expired or the user is gone. */
export async function findSessionUser(sessionId: string): Promise<SessionUser | null> {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, image: users.image, sessionId: userSessions.id })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt), gt(userSessions.expiresAt, sql`now()`)));
  return row ?? null;
}
