import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { billingProfiles, memberships, users } from "@/db/schema";
import { permissions } from "@/lib/authz/permissions";

/** Who hears about money: members whose role may manage billing, plus the profile's billing email. */
export async function billingContactEmails(tx: Executor, accountId: string): Promise<string[]> {
  const rows = await tx
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.accountId, accountId), inArray(memberships.role, [...permissions["billing.manage"].roles])));
  const [profile] = await tx.select({ email: billingProfiles.billingEmail }).from(billingProfiles).where(eq(billingProfiles.accountId, accountId));
  return [...new Set([...rows.map((r) => r.email.toLowerCase()), ...(profile ? [profile.email.toLowerCase()] : [])])];
}
