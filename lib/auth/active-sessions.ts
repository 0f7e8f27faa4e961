import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { userSessions } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import type { ActorContext } from "@/lib/authz/actor";
import { actingMember } from "@/lib/authz/member-actor";
import { personalSpaceId } from "@/lib/users/personal-space";
import { describeDevice, type Device } from "./device";
import { isLiveSession, isSessionId, revokeUserSession } from "./user-sessions";

export interface ActiveSession {
  id: string;
  device: Device;
  ip: string | null;
  signedInAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

/** More live sessions than this are not listed one by one; "sign out everywhere" still ends them all. */
export const activeSessionsShown = 20;

/** The caller's own live sessions, this one first, then the most recently seen; and how many there are in all. */
export async function listActiveSessions(ctx: ActorContext): Promise<{ sessions: ActiveSession[]; total: number }> {
  const user = actingMember(ctx, "read");
  const currentSessionId = user.sessionId ?? null;
  const rows = await db
    .select({
      id: userSessions.id,
      userAgent: userSessions.userAgent,
      ip: userSessions.ip,
      createdAt: userSessions.createdAt,
      lastSeenAt: userSessions.lastSeenAt,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(userSessions)
    .where(and(eq(userSessions.userId, user.userId), isLiveSession()))
    .orderBy(desc(sql`${userSessions.id} = ${currentSessionId}`), desc(userSessions.lastSeenAt), desc(userSessions.id))
    .limit(activeSessionsShown);
  return {
    sessions: rows.map((row) => ({
      id: row.id,
      device: describeDevice(row.userAgent),
      ip: row.ip,
      signedInAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      current: row.id === currentSessionId,
    })),
    total: rows[0]?.total ?? 0,
  };
}

/**
 * Signs one of the caller's own sessions out (a lost phone, a shared computer). The session must be
 * theirs: another user's session id, or one already ended, changes nothing and says only that.
 */
export async function revokeOwnSession(ctx: ActorContext, sessionId: string): Promise<boolean> {
  const user = actingMember(ctx);
  if (!isSessionId(sessionId)) return false;
  return db.transaction(async (tx) => {
    const [owned] = await tx
      .select({ id: userSessions.id, userAgent: userSessions.userAgent })
      .from(userSessions)
      .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, user.userId)))
      .for("update");
    if (!owned || !(await revokeUserSession(owned.id, tx))) return false;
    await recordAuditEvent(tx, ctx, {
      accountId: await personalSpaceId(tx, user.userId),
      action: "user.session_revoked",
      targetType: "session",
      targetId: owned.id,
      metadata: { device: describeDevice(owned.userAgent).label, current: owned.id === user.sessionId },
    });
    return true;
  });
}
