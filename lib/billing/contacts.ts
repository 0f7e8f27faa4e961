import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { billingProfiles, memberships, users } from "@/db/schema";
import { permissions } from "@/lib/authz/permissions";

/**
 * Who hears about money: members whose role may manage billing, plus the profile's billing email.
 * The billing email is skipped when it is the address of a console user who is not a member of the
 * account (typically a member who was removed or left, and had put in their own address): nobody
 * outside the organization keeps receiving its mail through a setting they made while inside.
 */
export async function billingContactEmails(tx: Executor, accountId: string): Promise<string[]> {
  const rows = await tx
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.accountId, accountId), inArray(memberships.role, [...permissions["billing.manage"].roles])));
  const [profile] = await tx
    .select({ email: billingProfiles.billingEmail })
    .from(billingProfiles)
    .where(
      and(
        eq(billingProfiles.accountId, accountId),
        sql`not exists (
          select 1 from ${users} u where lower(u.email) = lower(${billingProfiles.billingEmail})
          and not exists (select 1 from ${memberships} m where m.account_id = ${accountId} and m.user_id = u.id))`,
      ),
    );
  return [...new Set([...rows.map((r) => r.email.toLowerCase()), ...(profile ? [profile.email.toLowerCase()] : [])])];
}
