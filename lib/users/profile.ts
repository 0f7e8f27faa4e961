import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { accounts, memberships, users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import { revokeAllUserSessions } from "@/lib/auth/user-sessions";
import type { SessionUser } from "@/lib/auth/user-sessions";
import { PublicError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/passwords";
import type { RequestInfo } from "@/lib/request-info";
import { personalSpaceId } from "@/lib/users/personal-space";

/** The personal space carries the user's name, so both change together. */
export async function updateProfile(user: SessionUser, name: string, request: RequestInfo) {
  const spaceId = await personalSpaceId(db, user.id);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ name, updatedAt: new Date() }).where(eq(users.id, user.id));
    await tx.update(accounts).set({ name, updatedAt: new Date() }).where(eq(accounts.personalOwnerId, user.id));
    await recordAuditEvent(tx, {
      accountId: spaceId,
      actor: user,
      action: "user.profile_updated",
      targetType: "user",
      targetId: user.id,
      metadata: { changes: { name: { from: user.name, to: name } } },
      request,
    });
  });
}

/** Changes the password and revokes every session of the user, this one included ("sign out everywhere"). */
export async function changePassword(user: SessionUser, currentPassword: string, newPassword: string, request: RequestInfo) {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  if (!(await verifyPassword(row?.passwordHash, currentPassword))) {
    throw PublicError.field("currentPassword", "This is not your current password.");
  }
  const passwordHash = await hashPassword(newPassword);
  const spaceId = await personalSpaceId(db, user.id);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, user.id));
    await revokeAllUserSessions(user.id, tx);
    await recordAuditEvent(tx, { accountId: spaceId, actor: user, action: "user.password_changed", targetType: "user", targetId: user.id, request });
  });
}

export async function signOutEverywhere(user: SessionUser, request: RequestInfo) {
  const spaceId = await personalSpaceId(db, user.id);
  await db.transaction(async (tx) => {
    await revokeAllUserSessions(user.id, tx);
    await recordAuditEvent(tx, { accountId: spaceId, actor: user, action: "user.signed_out_everywhere", targetType: "user", targetId: user.id, request });
  });
}

/**
 * Deletes the user, their personal space and everything hanging off them (sessions, memberships).
 * Refused while they are the only owner of an organization: it would be left without an owner.
 */
export async function deleteUser(user: SessionUser, confirmEmail: string) {
  if (confirmEmail !== user.email.toLowerCase()) {
    throw PublicError.field("confirmEmail", "Type your email address exactly to confirm.");
  }
  await db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, user.id)).for("update");
    const soleOwned = await tx
      .select({ name: accounts.name })
      .from(memberships)
      .innerJoin(accounts, eq(accounts.id, memberships.accountId))
      .where(
        and(
          eq(memberships.userId, user.id),
          eq(memberships.role, "owner"),
          eq(accounts.kind, "organization"),
          sql`not exists (select 1 from ${memberships} m2 where m2.account_id = ${accounts.id} and m2.role = 'owner' and m2.user_id <> ${user.id})`,
        ),
      )
      .for("update", { of: accounts });
    if (soleOwned.length > 0) {
      throw new PublicError(
        `You are the only owner of ${soleOwned.map((o) => o.name).join(", ")}. Transfer ownership or delete ${soleOwned.length === 1 ? "it" : "them"} first.`,
      );
    }
    await tx.delete(users).where(eq(users.id, user.id));
  });
}
