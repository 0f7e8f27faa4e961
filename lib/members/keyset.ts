import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import type { AccountContext } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/can";
import type { Role } from "@/lib/authz/roles";
import { memberColumns, memberFilters, type MemberRow } from "./queries";

/** A position in the member list: the exact join time (PostgreSQL text, microseconds) and user id of the last member seen. */
export type MemberPosition = [joinedAt: string, userId: string];

export interface MemberPage {
  rows: (MemberRow & { position: MemberPosition })[];
  /** Whether members follow the last row. */
  more: boolean;
}

/**
 * Members newest first, a page after a position: keyset on (joined, user id), on
 * memberships_account_created_user_idx, so a page costs the same at 10 or 10,000 members, whatever
 * page it is. The search and role filter are the members screen's (memberFilters).
 */
export async function listMembersAfter(ctx: AccountContext, query: { q?: string; role?: Role; limit: number; after: MemberPosition | null }): Promise<MemberPage> {
  assertCan(ctx, "members.view");
  const filters = memberFilters(ctx.account.id, query);
  if (query.after) filters.push(sql`(${memberships.createdAt}, ${memberships.userId}) < (${query.after[0]}::timestamptz, ${query.after[1]}::uuid)`);
  const rows = await db
    .select({ ...memberColumns, joinedAtText: sql<string>`${memberships.createdAt}::text` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(...filters))
    .orderBy(desc(memberships.createdAt), desc(memberships.userId))
    .limit(query.limit + 1);
  return {
    rows: rows.slice(0, query.limit).map(({ joinedAtText, ...row }) => ({ ...row, position: [joinedAtText, row.userId] })),
    more: rows.length > query.limit,
  };
}

/** One member of the account; null for anyone else, exactly as for an unknown id. */
export async function findMember(ctx: AccountContext, userId: string): Promise<MemberRow | null> {
  assertCan(ctx, "members.view");
  const [row] = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.accountId, ctx.account.id), eq(memberships.userId, userId)));
  return row ?? null;
}
