import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { accounts, memberships, type Account } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/user-sessions";
import type { Role } from "./roles";

/** The trusted answer to "who is asking, in which account, with what role", read from the database. */
export interface AccountContext {
  user: SessionUser;
  account: Account;
  role: Role;
  accountKind: Account["kind"];
}

/**
 * The user's membership in the account with this slug, in one query; null for non-members and
 * unknown slugs alike, so callers cannot tell them apart.
 */
export async function findAccountContext(user: SessionUser, slug: string): Promise<AccountContext | null> {
  // Slugs come from the URL and from bound action arguments a caller can forge: only the slug shape reaches SQL.
  if (typeof slug !== "string" || !/^[a-z0-9-]{1,64}$/i.test(slug)) return null;
  const [row] = await db
    .select({ account: accounts, role: memberships.role })
    .from(accounts)
    .innerJoin(memberships, and(eq(memberships.accountId, accounts.id), eq(memberships.userId, user.id)))
    .where(eq(accounts.slug, slug.toLowerCase()));
  if (!row) return null;
  return { user, account: row.account, role: row.role, accountKind: row.account.kind };
}
