import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { accounts, memberships, users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import { assertReauthenticated } from "@/lib/auth/reauthentication";
import type { AccountContext } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/can";
import { actingMember } from "@/lib/authz/member-actor";
import { PublicError } from "@/lib/errors";
import { queueMail } from "@/lib/mail/outbox";
import { organizationDeletedMail } from "@/lib/mail/member-templates";
import { currentRoles, lockOrganization } from "@/lib/members/organization-lock";
import { personalSpaceId } from "@/lib/users/personal-space";
import { settleAccountForDeletion } from "./accounting-records";

export interface DeleteOrganizationInput {
  confirmName: string;
  /** The owner's password; may be empty right after a sign-in (see assertReauthenticated). */
  password?: string;
}

/**
 * Deletes the organization and, through ON DELETE CASCADE, everything it holds: memberships,
 * invitations, transfers, logo and its audit trail. Its invoices, payments and ledger are kept as
 * accounting records (lib/accounts/accounting-records.ts): refused while one is unpaid, and the
 * remaining credit is forfeited. Asks for the name typed and the password. Members are told by
 * mail. The deletion itself is recorded in the deleting owner's personal space, the only trail
 * that survives it.
 */
export async function deleteOrganization(ctx: AccountContext, input: DeleteOrganizationInput) {
  assertCan(ctx, "account.delete");
  const me = actingMember(ctx);
  if (input.confirmName.trim() !== ctx.account.name) throw PublicError.field("confirmation_mismatch", "confirmName", "Type the organization's name exactly to confirm.");
  await assertReauthenticated(me, input.password);
  await db.transaction(async (tx) => {
    const account = await lockOrganization(tx, ctx.account.id);
    if ((await currentRoles(tx, account.id, [me.userId])).get(me.userId) !== "owner") throw new PublicError("not_owner", "Only owners can delete the organization.");
    const records = await settleAccountForDeletion(tx, account.id, "the organization", me.userId);
    const members = await tx
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.accountId, account.id));
    await tx.delete(accounts).where(eq(accounts.id, account.id));
    const spaceId = await personalSpaceId(tx, me.userId);
    await recordAuditEvent(tx, ctx, {
      accountId: spaceId ?? null,
      action: "organization.deleted",
      targetType: "account",
      targetId: account.id,
      metadata: { name: account.name, slug: account.slug, members: members.length, ...records },
    });
    for (const member of members) await queueMail(tx, organizationDeletedMail(member.email, account.name, me.name ?? me.email));
  });
}
