import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { apiKeys, users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import type { AccountContext } from "@/lib/authz/actor";
import { assertCan, can } from "@/lib/authz/can";
import { PublicError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/ids";
import { sessionMember } from "@/lib/authz/member-actor";

export const apiKeyNotFound = "This API key does not exist.";

/**
 * Revokes a key of this account: the caller's own with apiKeys.manageOwn, anyone's with
 * apiKeys.manageAll (owners and admins of an organization). A key of another account, or another
 * member's key without manageAll, is not found. The key is dead on its next request.
 */
export async function revokeApiKey(ctx: AccountContext, keyId: string): Promise<{ id: string; name: string }> {
  assertCan(ctx, "apiKeys.manageOwn");
  const actor = sessionMember(ctx);
  if (!isUuid(keyId)) throw new PublicError("api_key_not_found", apiKeyNotFound);
  return db.transaction(async (tx) => {
    const [key] = await tx
      .select({ id: apiKeys.id, name: apiKeys.name, userId: apiKeys.userId, displayPrefix: apiKeys.displayPrefix, revokedAt: apiKeys.revokedAt, ownerEmail: users.email })
      .from(apiKeys)
      .innerJoin(users, eq(users.id, apiKeys.userId))
      .where(and(eq(apiKeys.id, keyId), eq(apiKeys.accountId, ctx.account.id)))
      .for("update", { of: apiKeys });
    if (!key || (key.userId !== actor.userId && !can(ctx, "apiKeys.manageAll"))) throw new PublicError("api_key_not_found", apiKeyNotFound);
    if (key.revokedAt) throw new PublicError("api_key_already_revoked", `The key "${key.name}" is already revoked.`);
    await tx.update(apiKeys).set({ revokedAt: sql`now()`, revokedById: actor.userId }).where(eq(apiKeys.id, key.id));
    await recordAuditEvent(tx, ctx, {
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: key.id,
      metadata: { name: key.name, prefix: key.displayPrefix, ...(key.userId === actor.userId ? {} : { ownerEmail: key.ownerEmail }) },
    });
    return { id: key.id, name: key.name };
  });
}
