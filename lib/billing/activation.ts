import "server-only";
import { and, eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { accounts } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import type { ActorContext } from "@/lib/authz/actor";

/**
 * A suspended account becomes active with its first successful payment. Call inside the payment's
 * transaction, with the context of whoever paid (a member's top-up or "Pay now", or the collection job).
 */
export async function activateAfterPayment(tx: Transaction, ctx: ActorContext, accountId: string) {
  const activated = await tx
    .update(accounts)
    .set({ status: "active", updatedAt: new Date() })
    .where(and(eq(accounts.id, accountId), eq(accounts.status, "suspended")))
    .returning({ id: accounts.id });
  if (activated.length > 0) {
    await recordAuditEvent(tx, ctx, { accountId, action: "account.activated", targetType: "account", targetId: accountId, metadata: { reason: "payment" } });
  }
  return activated.length > 0;
}
