import "server-only";
import { and, eq } from "drizzle-orm";
import { db, type Executor } from "@/db/client";
import { accounts, memberships, type Account } from "@/db/schema";
import type { AccountContext, ActorContext, MemberActor } from "./actor";
import type { Role } from "./roles";

export type { AccountContext, ActorContext, MemberAccountContext } from "./actor";

/** Slugs come from URLs and from bound action arguments a caller can forge: only the slug shape reaches SQL. */
export function isSlugShaped(slug: unknown): slug is string {
  return typeof slug === "string" && /^[a-z0-9-]{1,64}$/i.test(slug);
}

/**
 * A user's membership in the account with this slug, in one query: the account and the user's
 * current role, or null for non-members and unknown slugs alike (callers cannot tell them apart).
 * Every member transport (session, API key) reads the role through here or through the same join.
 */
export async function findMembership(userId: string, slug: string, executor: Executor = db): Promise<{ account: Account; role: Role } | null> {
  if (!isSlugShaped(slug)) return null;
  const [row] = await executor
    .select({ account: accounts, role: memberships.role })
    .from(accounts)
    .innerJoin(memberships, and(eq(memberships.accountId, accounts.id), eq(memberships.userId, userId)))
    .where(eq(accounts.slug, slug.toLowerCase()));
  return row ?? null;
}

/** The account with this slug, whoever asks (for the platform and the system, which are not members). */
async function findAccountBySlug(slug: string, executor: Executor): Promise<Account | null> {
  if (!isSlugShaped(slug)) return null;
  const [account] = await executor.select().from(accounts).where(eq(accounts.slug, slug.toLowerCase()));
  return account ?? null;
}

/** The context of this actor in an account already read (its role for a member, null for the platform and the system). */
export function accountContextOf<C extends ActorContext>(actorContext: C, account: Account, role: Role | null): C & AccountContext {
  return { ...actorContext, account, accountKind: account.kind, role };
}

/**
 * The actor's context in the account with this slug, whatever the transport: a member (session or
 * API key) through their membership, in one query, null for non-members; the platform and the
 * system see every account, with no role (they act through scopes and trust). Null for unknown slugs.
 */
export async function findAccountContext<C extends ActorContext & { actor: MemberActor }>(actorContext: C, slug: string, executor?: Executor): Promise<(C & AccountContext & { role: Role }) | null>;
export async function findAccountContext<C extends ActorContext>(actorContext: C, slug: string, executor?: Executor): Promise<(C & AccountContext) | null>;
export async function findAccountContext(actorContext: ActorContext, slug: string, executor: Executor = db): Promise<AccountContext | null> {
  if (actorContext.actor.kind === "member") {
    const membership = await findMembership(actorContext.actor.userId, slug, executor);
    return membership ? accountContextOf(actorContext, membership.account, membership.role) : null;
  }
  const account = await findAccountBySlug(slug, executor);
  return account ? accountContextOf(actorContext, account, null) : null;
}
