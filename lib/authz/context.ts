import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { currentUser } from "@/lib/auth/current-user";
import { findAccountContext, type AccountContext } from "./account-context";
import { can } from "./can";
import type { Permission } from "./permissions";

export type { AccountContext } from "./account-context";

/** The session user's context in this account, once per request; null for visitors and non-members. */
export const loadAccountContext = cache(async (slug: string): Promise<AccountContext | null> => {
  const user = await currentUser();
  return user ? findAccountContext(user, slug) : null;
});

/** For pages and route handlers: a 404 for anyone who is not a member, exactly as for a missing account. */
export async function requireAccountContext(slug: string, permission: Permission = "account.view"): Promise<AccountContext> {
  const ctx = await loadAccountContext(slug);
  if (!ctx || !can(ctx, permission)) notFound();
  return ctx;
}
