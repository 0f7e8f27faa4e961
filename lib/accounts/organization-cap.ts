import "server-only";
import { and, count, eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { accounts, memberships, users } from "@/db/schema";
import { config } from "@/lib/config";
import { PublicError } from "@/lib/errors";

/**
 * The operator's cap on organizations per user (0: none). Locks the user's row, so two requests
 * (creating, accepting an invitation) cannot both pass it at once.
 */
export async function assertUnderOrganizationCap(tx: Transaction, userId: string) {
  const cap = config().MAX_ORGANIZATIONS_PER_USER;
  if (cap <= 0) return;
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
  const [row] = await tx
    .select({ n: count() })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(and(eq(memberships.userId, userId), eq(accounts.kind, "organization")));
  if ((row?.n ?? 0) >= cap) {
    throw new PublicError("organization_limit", `You can belong to at most ${cap} organization${cap === 1 ? "" : "s"} on this platform.`);
  }
}
