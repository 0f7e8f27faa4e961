import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import type { AccountContext } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/can";
import { config } from "@/lib/config";
import { isForeignKeyViolation, isUniqueViolation, PublicError } from "@/lib/errors";
import { parseWire } from "@/lib/validation/wire";
import { sessionMember } from "@/lib/authz/member-actor";
import { createApiKeyBody, expiryChoices, expiryLabel, type CreateApiKeyInput } from "./schemas";
import { newToken } from "./token";

export interface CreatedApiKey {
  id: string;
  name: string;
  displayPrefix: string;
  last4: string;
  readOnly: boolean;
  expiresAt: Date | null;
  /** The whole secret: returned this once, never stored, never shown again. */
  secret: string;
}

/** The lifetimes this console allows now (the operator's cap applied). */
export function allowedExpiryChoices() {
  return expiryChoices(config().API_KEY_MAX_EXPIRY_DAYS);
}

function expiryRefusal(expiresInDays: number | null): string {
  const cap = config().API_KEY_MAX_EXPIRY_DAYS;
  if (cap !== undefined && (expiresInDays === null || expiresInDays > cap)) return `Keys on this console expire after ${expiryLabel(cap)} at most.`;
  return `Choose one of: ${allowedExpiryChoices().map(expiryLabel).join(", ")}.`;
}

/**
 * Creates a key for the caller in this account, acting with the caller's role there (read on every
 * request, so it follows later role changes). The key belongs to the membership: the insert fails
 * if the membership is gone, and the key goes when it goes.
 */
export async function createApiKey(ctx: AccountContext, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  assertCan(ctx, "apiKeys.manageOwn");
  const actor = sessionMember(ctx);
  const { name, expiresInDays, readOnly } = parseWire(createApiKeyBody, input);
  if (!allowedExpiryChoices().includes(expiresInDays)) throw PublicError.field("api_key_expiry_not_allowed", "expiresInDays", expiryRefusal(expiresInDays));

  const token = newToken("apiKey");
  try {
    return await db.transaction(async (tx) => {
      const [key] = await tx
        .insert(apiKeys)
        .values({
          accountId: ctx.account.id,
          userId: actor.userId,
          name,
          displayPrefix: token.displayPrefix,
          last4: token.last4,
          secretHash: token.secretHash,
          readOnly,
          expiresAt: expiresInDays === null ? null : sql`now() + make_interval(days => ${expiresInDays})`,
        })
        .returning();
      await recordAuditEvent(tx, ctx, {
        action: "api_key.created",
        targetType: "api_key",
        targetId: key!.id,
        metadata: { name, prefix: key!.displayPrefix, expiresAt: key!.expiresAt?.toISOString() ?? null, readOnly },
      });
      return { id: key!.id, name: key!.name, displayPrefix: key!.displayPrefix, last4: key!.last4, readOnly: key!.readOnly, expiresAt: key!.expiresAt, secret: token.token };
    });
  } catch (error) {
    if (isUniqueViolation(error, "api_keys_live_name_key")) {
      throw PublicError.field("api_key_name_taken", "name", `You already have a key named "${name}" here. Choose another name, or revoke that key (even if it has expired) to reuse it.`);
    }
    if (isForeignKeyViolation(error, "api_keys_membership_fk")) throw new PublicError("no_longer_member", "You are no longer a member of this account.");
    throw error;
  }
}
