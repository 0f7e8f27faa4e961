import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { accounts, memberships, users } from "@/db/schema";
import { settleAccountForDeletion } from "@/lib/accounts/accounting-records";
import { recordAuditEvent } from "@/lib/audit";
import { assertReauthenticated } from "@/lib/auth/reauthentication";
import { revokeAllUserSessions } from "@/lib/auth/user-sessions";
import type { ActorContext } from "@/lib/authz/actor";
import { actingMember } from "@/lib/authz/member-actor";
import { PublicError } from "@/lib/errors";
import { endPendingWork } from "@/lib/members/pending-work";
import { hashPassword } from "@/lib/passwords";
import { personalSpaceId } from "@/lib/users/personal-space";
import { assertStrongPassword } from "./password-strength";

/** The personal space carries the user's name, so both change together. */
export async function updateProfile(ctx: ActorContext, name: string) {
  const user = actingMember(ctx);
  const spaceId = await personalSpaceId(db, user.userId);
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ name: users.name }).from(users).where(eq(users.id, user.userId)).for("update");
    await tx.update(users).set({ name, updatedAt: new Date() }).where(eq(users.id, user.userId));
    await tx.update(accounts).set({ name, updatedAt: new Date() }).where(eq(accounts.personalOwnerId, user.userId));
    await recordAuditEvent(tx, ctx, {
      accountId: spaceId,
      action: "user.profile_updated",
      targetType: "user",
      targetId: user.userId,
      metadata: { changes: { name: { from: before?.name ?? user.name, to: name } } },
    });
  });
}

/**
 * Changes the password and revokes every session of the user, this one included ("sign out
 * everywhere"). Proof of holding the account follows the one re-authentication rule: the current
 * password, or a password entered in this session within the last few minutes.
 */
export async function changePassword(ctx: ActorContext, currentPassword: string | undefined, newPassword: string) {
  const user = actingMember(ctx);
  await assertReauthenticated(user, currentPassword, { field: "currentPassword" });
  assertStrongPassword(newPassword, [user.email, user.name ?? ""]);
  const passwordHash = await hashPassword(newPassword);
  const spaceId = await personalSpaceId(db, user.userId);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, user.userId));
    await revokeAllUserSessions(user.userId, tx);
    await recordAuditEvent(tx, ctx, { accountId: spaceId, action: "user.password_changed", targetType: "user", targetId: user.userId });
  });
}

export async function signOutEverywhere(ctx: ActorContext) {
  const user = actingMember(ctx);
  const spaceId = await personalSpaceId(db, user.userId);
  await db.transaction(async (tx) => {
    await revokeAllUserSessions(user.userId, tx);
    await recordAuditEvent(tx, ctx, { accountId: spaceId, action: "user.signed_out_everywhere", targetType: "user", targetId: user.userId });
  });
}

export interface DeleteUserInput {
  confirmEmail: string;
  /** May be empty right after a sign-in (see assertReauthenticated). */
  password?: string;
}

/**
 * Deletes the user, their personal space and everything hanging off them (sessions, memberships).
 * Asks for the email typed and the password. Refused while they are the only owner of an
 * organization (it would be left without an owner) and while an invoice of their personal space is
 * unpaid; its issued invoices, payments and ledger are kept as accounting records and remaining
 * credit is forfeited (lib/accounts/accounting-records.ts). Their pending invitations and ownership
 * offers in organizations are revoked, as when they are removed.
 */
export async function deleteUser(ctx: ActorContext, input: DeleteUserInput) {
  const actor = actingMember(ctx);
  const user = { id: actor.userId, email: actor.email };
  if (input.confirmEmail !== user.email.toLowerCase()) {
    throw PublicError.field("confirmation_mismatch", "confirmEmail", "Type your email address exactly to confirm.");
  }
  await assertReauthenticated(actor, input.password);
  await db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, user.id)).for("update");
    // Every account the user belongs to, locked in one order (membership changes take this lock).
    const joined = await tx
      .select({ id: accounts.id, name: accounts.name, kind: accounts.kind, role: memberships.role })
      .from(memberships)
      .innerJoin(accounts, eq(accounts.id, memberships.accountId))
      .where(eq(memberships.userId, user.id))
      .orderBy(asc(accounts.id))
      .for("update", { of: accounts });
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
      );
    if (soleOwned.length > 0) {
      throw new PublicError(
        "sole_owner",
        `You are the only owner of ${soleOwned.map((o) => o.name).join(", ")}. Transfer ownership or delete ${soleOwned.length === 1 ? "it" : "them"} first.`,
      );
    }
    const space = joined.find((account) => account.kind === "personal");
    if (space) await settleAccountForDeletion(tx, space.id, "your account", user.id);
    for (const organization of joined.filter((account) => account.kind === "organization")) {
      await endPendingWork(tx, ctx, { accountId: organization.id, userId: user.id, reason: "user_deleted" });
      // The organization's trail says where the member went (the membership goes with the user).
      await recordAuditEvent(tx, ctx, {
        accountId: organization.id,
        action: "member.left",
        targetType: "user",
        targetId: user.id,
        metadata: { role: organization.role, reason: "user_deleted" },
      });
    }
    await tx.delete(users).where(eq(users.id, user.id));
  });
}
