import "server-only";
import { and, asc, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import type { AccountContext } from "@/lib/authz/account-context";
import { assertCan } from "@/lib/authz/can";
import type { Role } from "@/lib/authz/roles";
import type { MemberListQuery } from "./schemas";

export const MEMBERS_PAGE_SIZE = 25;

export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: Date;
}

/** The columns of a member row, read the same way by the screen's pages, the API's keyset pages and single lookups. */
export const memberColumns = {
  userId: users.id,
  name: users.name,
  email: users.email,
  role: memberships.role,
  joinedAt: memberships.createdAt,
};

const roleOrder = sql`array_position(array['owner','admin','billing','developer','member']::role[], ${memberships.role})`;

function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The account's members that match the search (name or email, case-insensitive) and role filter: the screen's and the API's. */
export function memberFilters(accountId: string, query: { q?: string; role?: Role }): (SQL | undefined)[] {
  const filters: (SQL | undefined)[] = [eq(memberships.accountId, accountId)];
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    filters.push(or(ilike(users.name, pattern), ilike(users.email, pattern)));
  }
  if (query.role) filters.push(eq(memberships.role, query.role));
  return filters;
}

/**
 * One page of members, filtered and sorted in SQL, with the total in the same query (a window
 * count), so the screen costs the same for 10 members or 10,000.
 */
export async function listMembers(ctx: AccountContext, query: MemberListQuery) {
  assertCan(ctx, "members.view");
  const filters = memberFilters(ctx.account.id, query);

  const direction = query.dir ?? (query.sort === "joined" ? "desc" : "asc");
  const by = direction === "asc" ? asc : desc;
  const sortColumn = { name: sql`lower(${users.name})`, email: sql`lower(${users.email})`, role: roleOrder, joined: memberships.createdAt }[query.sort];

  const rows = await db
    .select({ ...memberColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(...filters))
    .orderBy(by(sortColumn), asc(users.id))
    .limit(MEMBERS_PAGE_SIZE)
    .offset((query.page - 1) * MEMBERS_PAGE_SIZE);

  const total = rows[0]?.total ?? (query.page > 1 ? await countMembers(ctx, filters) : 0);
  return {
    rows: rows.map(({ total: _total, ...row }) => row as MemberRow),
    total,
    pageCount: Math.max(1, Math.ceil(total / MEMBERS_PAGE_SIZE)),
  };
}

/** Only for a page past the end, where the window count has no row to ride on. */
async function countMembers(_ctx: AccountContext, filters: (SQL | undefined)[]) {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(...filters));
  return row?.n ?? 0;
}
