import "server-only";
import { and, count, desc, eq, gt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@/db/client";
import { accounts, invitations, users } from "@/db/schema";
import type { AccountContext } from "@/lib/authz/account-context";
import { assertCan } from "@/lib/authz/can";
import { hashToken } from "@/lib/tokens";

export const INVITATIONS_PAGE_SIZE = 20;
export const inviters = alias(users, "inviters");

/** What the organization's invitation list shows: pending ones, expired or not (the screen's and the API's). */
export const openInvitationsOf = (accountId: string) => and(eq(invitations.accountId, accountId), eq(invitations.status, "pending"))!;

/** The columns of a listed invitation. */
export const openInvitationColumns = {
  id: invitations.id,
  email: invitations.email,
  role: invitations.role,
  status: invitations.status,
  lastSentAt: invitations.lastSentAt,
  expiresAt: invitations.expiresAt,
  sendCount: invitations.sendCount,
  inviterName: inviters.name,
};

/** Pending and expired invitations of the organization, newest first, a page at a time. */
export async function listOpenInvitations(ctx: AccountContext, page: number) {
  assertCan(ctx, "members.view");
  const rows = await db
    .select({ ...openInvitationColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(invitations)
    .leftJoin(inviters, eq(inviters.id, invitations.invitedById))
    .where(openInvitationsOf(ctx.account.id))
    .orderBy(desc(invitations.createdAt), desc(invitations.id))
    .limit(INVITATIONS_PAGE_SIZE)
    .offset((page - 1) * INVITATIONS_PAGE_SIZE);
  const total = rows[0]?.total ?? 0;
  return { rows: rows.map(({ total: _t, ...row }) => row), total, pageCount: Math.max(1, Math.ceil(total / INVITATIONS_PAGE_SIZE)) };
}

/** What the invite link shows. Anyone holding the link may see who invited them, to what, as what. */
export async function findInvitationByToken(token: string) {
  if (!token || token.length > 200) return undefined;
  const [row] = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      status: invitations.status,
      expiresAt: invitations.expiresAt,
      organizationName: accounts.name,
      organizationSlug: accounts.slug,
      inviterName: inviters.name,
    })
    .from(invitations)
    .innerJoin(accounts, eq(accounts.id, invitations.accountId))
    .leftJoin(inviters, eq(inviters.id, invitations.invitedById))
    .where(eq(invitations.tokenHash, hashToken(token)));
  return row;
}

/**
 * The inbox lists invitations by address alone, so only a user who proved the mailbox may see them.
 * Unverified users cannot sign in anyway; this keeps it true if that ever changes.
 */
const addressVerified = (email: string) =>
  sql`exists (select 1 from ${users} where lower(${users.email}) = ${email.toLowerCase()} and ${users.emailVerified} is not null)`;

/** Invitations waiting for this user, found by their verified email. */
export async function listPendingInvitationsForUser(email: string) {
  return db
    .select({
      id: invitations.id,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      organizationName: accounts.name,
      inviterName: inviters.name,
    })
    .from(invitations)
    .innerJoin(accounts, eq(accounts.id, invitations.accountId))
    .leftJoin(inviters, eq(inviters.id, invitations.invitedById))
    .where(and(sql`lower(${invitations.email}) = ${email.toLowerCase()}`, eq(invitations.status, "pending"), gt(invitations.expiresAt, sql`now()`), addressVerified(email)))
    .orderBy(desc(invitations.lastSentAt))
    .limit(50);
}

export async function countPendingInvitationsForUser(email: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(invitations)
    .where(and(sql`lower(${invitations.email}) = ${email.toLowerCase()}`, eq(invitations.status, "pending"), gt(invitations.expiresAt, sql`now()`), addressVerified(email)));
  return row?.n ?? 0;
}

/** Pending (not yet expired) invitations of the organization, for its overview. */
export async function countOpenInvitations(ctx: AccountContext): Promise<number> {
  assertCan(ctx, "members.view");
  const [row] = await db
    .select({ n: count() })
    .from(invitations)
    .where(and(eq(invitations.accountId, ctx.account.id), eq(invitations.status, "pending"), gt(invitations.expiresAt, sql`now()`)));
  return row?.n ?? 0;
}
