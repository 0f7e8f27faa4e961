import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { invitations, memberships, users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import type { AccountContext } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/can";
import { actingMember } from "@/lib/authz/member-actor";
import { invitableRoles } from "@/lib/authz/member-rules";
import { roleLabels } from "@/lib/authz/roles";
import { PublicError, type ErrorCode } from "@/lib/errors";
import { queueMail } from "@/lib/mail/outbox";
import { invitationMail } from "@/lib/mail/member-templates";
import { noLongerAMember } from "@/lib/members/change-role";
import { lockOrganization } from "@/lib/members/organization-lock";
import { hitRateLimit } from "@/lib/rate-limit";
import { newLinkToken } from "@/lib/tokens";
import { parseWire } from "@/lib/validation/wire";
import { mailboxFlooded } from "./mailbox-limit";
import { inviteMembersBody, type InviteMembersInput } from "./schemas";
import { invitationExpiry, invitationState } from "./tokens";

/** One submitted address: invited (code null) or why not (invalid_email, duplicate_email, already_member, already_invited, invitation_expired, mailbox_limit). */
export interface InviteOutcome {
  email: string;
  ok: boolean;
  /** The new invitation, when this address was invited. */
  invitationId: string | null;
  code: ErrorCode | null;
  message: string;
}

const emailShape = z.email();

/**
 * Invites each address on its own: malformed, duplicated, already a member or already invited
 * addresses get their own message, and the valid ones are invited all the same.
 */
export async function inviteMembers(ctx: AccountContext, body: InviteMembersInput): Promise<InviteOutcome[]> {
  assertCan(ctx, "members.invite");
  const { emails: rawEmails, role } = parseWire(inviteMembersBody, body);
  const me = actingMember(ctx);
  return db.transaction(async (tx) => {
    const account = await lockOrganization(tx, ctx.account.id);
    const [actor] = await tx.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.accountId, account.id), eq(memberships.userId, me.userId)));
    if (!actor) throw new PublicError("no_longer_member", noLongerAMember);
    assertCan({ ...ctx, role: actor.role }, "members.invite");
    if (!invitableRoles(actor.role).includes(role)) {
      throw PublicError.field("role_not_grantable", "role", role === "owner" ? "Owners are made by transferring ownership, not by invitation." : `You cannot invite someone as ${roleLabels[role]}.`);
    }

    // One outcome per submitted line, in the order typed.
    const outcomes: InviteOutcome[] = new Array(rawEmails.length);
    const candidates: string[] = [];
    const indexOf = new Map<string, number>();
    rawEmails.forEach((raw, index) => {
      const email = raw.toLowerCase();
      if (raw.length > 254 || !emailShape.safeParse(email).success) outcomes[index] = { email: raw, ok: false, invitationId: null, code: "invalid_email", message: "This is not a valid email address." };
      else if (indexOf.has(email)) outcomes[index] = { email: raw, ok: false, invitationId: null, code: "duplicate_email", message: "This address appears more than once in the list." };
      else {
        indexOf.set(email, index);
        candidates.push(email);
      }
    });

    const members = candidates.length
      ? await tx
          .select({ email: sql<string>`lower(${users.email})` })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(eq(memberships.accountId, account.id), inArray(sql`lower(${users.email})`, candidates)))
      : [];
    const open = candidates.length
      ? await tx
          .select({ email: invitations.email, status: invitations.status, expiresAt: invitations.expiresAt })
          .from(invitations)
          .where(and(eq(invitations.accountId, account.id), eq(invitations.status, "pending"), inArray(invitations.email, candidates)))
      : [];
    const memberSet = new Set(members.map((m) => m.email));
    const openByEmail = new Map(open.map((o) => [o.email, o]));

    const toInvite: string[] = [];
    for (const email of candidates) {
      const index = indexOf.get(email)!;
      const existing = openByEmail.get(email);
      if (memberSet.has(email)) outcomes[index] = { email: rawEmails[index]!, ok: false, invitationId: null, code: "already_member", message: "Already a member of this organization." };
      else if (existing) {
        const expired = invitationState(existing) === "expired";
        const message = expired ? "Already invited, but the invitation expired: resend it below." : "Already invited: resend the invitation instead.";
        outcomes[index] = { email: rawEmails[index]!, ok: false, invitationId: null, code: expired ? "invitation_expired" : "already_invited", message };
      } else toInvite.push(email);
    }

    if (toInvite.length > 0) {
      const limit = await hitRateLimit(`invitations:${account.id}`, { limit: 200, windowSeconds: 3600 }, tx);
      if (!limit.allowed) throw new PublicError("invitation_limit", "This organization has sent too many invitations in the last hour. Try again later.");
    }
    for (const email of toInvite) {
      const flooded = await mailboxFlooded(tx, email);
      if (flooded) {
        outcomes[indexOf.get(email)!] = { email: rawEmails[indexOf.get(email)!]!, ok: false, invitationId: null, code: "mailbox_limit", message: flooded };
        continue;
      }
      const { token, hash } = newLinkToken();
      const [invitation] = await tx
        .insert(invitations)
        .values({ accountId: account.id, email, role, invitedById: me.userId, tokenHash: hash, expiresAt: invitationExpiry() })
        .returning({ id: invitations.id });
      await recordAuditEvent(tx, ctx, { action: "member.invited", targetType: "invitation", targetId: invitation!.id, metadata: { email, role } });
      await queueMail(tx, invitationMail(email, account.name, me.name ?? me.email, role, token));
      outcomes[indexOf.get(email)!] = { email: rawEmails[indexOf.get(email)!]!, ok: true, invitationId: invitation!.id, code: null, message: `Invited as ${roleLabels[role]}.` };
    }
    return outcomes;
  });
}
