import "server-only";
import { and, asc, count, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { accountLogos, accounts, memberships } from "@/db/schema";
import type { AccountContext } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/can";
import type { Role } from "@/lib/authz/roles";

export interface SwitcherEntry {
  slug: string;
  name: string;
  kind: "personal" | "organization";
  role: Role;
  status: "active" | "suspended";
  hasLogo: boolean;
}

/** The switcher's list: the personal space first, then organizations by name. One query. */
export async function listAccountsForUser(userId: string): Promise<SwitcherEntry[]> {
  return db
    .select({
      slug: accounts.slug,
      name: accounts.name,
      kind: accounts.kind,
      role: memberships.role,
      status: accounts.status,
      hasLogo: sql<boolean>`exists (select 1 from ${accountLogos} where ${accountLogos.accountId} = ${accounts.id})`,
    })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(eq(memberships.userId, userId))
    .orderBy(sql`${accounts.kind} = 'organization'`, asc(sql`lower(${accounts.name})`));
}

export async function personalSpaceSlug(userId: string): Promise<string | undefined> {
  const [row] = await db.select({ slug: accounts.slug }).from(accounts).where(eq(accounts.personalOwnerId, userId));
  return row?.slug;
}

export interface AccountOverview {
  memberCount: number;
  ownerCount: number;
  hasLogo: boolean;
}

export async function getAccountOverview(ctx: AccountContext): Promise<AccountOverview> {
  assertCan(ctx, "account.view");
  const [row] = await db
    .select({
      memberCount: count(),
      ownerCount: sql<number>`count(*) filter (where ${memberships.role} = 'owner')`.mapWith(Number),
      hasLogo: sql<boolean>`exists (select 1 from ${accountLogos} where ${accountLogos.accountId} = ${ctx.account.id})`,
    })
    .from(memberships)
    .where(and(eq(memberships.accountId, ctx.account.id)));
  return row ?? { memberCount: 0, ownerCount: 0, hasLogo: false };
}
