import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import { queueMail } from "@/lib/mail/outbox";
import { verifyEmailMail } from "@/lib/mail/templates";
import { hitRateLimit } from "@/lib/rate-limit";
import type { RequestInfo } from "@/lib/request-info";
import { personalSpaceId } from "@/lib/users/personal-space";
import { consumeLinkToken, issueLinkToken } from "./link-tokens";

/** Marks the user's email verified when the token is live. Returns false for unknown, used or expired links. */
export async function verifyEmail(token: string, request: RequestInfo): Promise<boolean> {
  return db.transaction(async (tx) => {
    const userId = await consumeLinkToken(tx, "verify-email", token);
    if (!userId) return false;
    const [user] = await tx
      .update(users)
      .set({ emailVerified: new Date(), updatedAt: new Date() })
      .where(and(eq(users.id, userId), isNull(users.emailVerified)))
      .returning();
    if (user) {
      const spaceId = await personalSpaceId(tx, user.id);
      await recordAuditEvent(tx, {
        accountId: spaceId,
        actor: { id: user.id, email: user.email },
        action: "user.email_verified",
        targetType: "user",
        targetId: user.id,
        request,
      });
    }
    return true;
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
