import "server-only";
import { and, eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { accounts } from "@/db/schema";
import { recordAuditEntry } from "@/lib/audit";
import type { RequestInfo } from "@/lib/request-info";

/** A suspended account becomes active with its first successful payment. Call inside the payment's transaction. */
export async function activateAfterPayment(tx: Transaction, accountId: string, actor: { id: string; email: string } | null, request?: RequestInfo) {
  const activated = await tx
    .update(accounts)
    .set({ status: "active", updatedAt: new Date() })
    .where(and(eq(accounts.id, accountId), eq(accounts.status, "suspended")))
    .returning({ id: accounts.id });
  if (activated.length > 0) {
    await recordAuditEntry(tx, { accountId, actor, action: "account.activated", targetType: "account", targetId: accountId, metadata: { reason: "payment" }, request });
  }
  return activated.length > 0;
}
