import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { platformKeys } from "@/db/schema";
import { newToken } from "@/lib/api-keys/token";
import { recordAuditEvent } from "@/lib/audit";
import type { ActorContext } from "@/lib/authz/actor";
import type { Scope } from "@/lib/authz/scopes";
import { isUniqueViolation, PublicError } from "@/lib/errors";
import { parseWire } from "@/lib/validation/wire";
import { assertOperator } from "./operator";
import { createPlatformKeySchema, type CreatePlatformKeyInput } from "./schemas";

export interface CreatedPlatformKey {
  id: string;
  name: string;
  displayPrefix: string;
  last4: string;
  scopes: Scope[];
  expiresAt: Date | null;
  /** The whole secret: returned this once, never stored. */
  secret: string;
}

/** Creates a platform key (an operator command): its scopes, optional expiry; the secret is returned once, only its hash is kept. */
export async function createPlatformKey(ctx: ActorContext, input: CreatePlatformKeyInput): Promise<CreatedPlatformKey> {
  assertOperator(ctx);
  const { name, scopes, expiresInDays } = parseWire(createPlatformKeySchema, input);
  const token = newToken("platformKey");
  try {
    return await db.transaction(async (tx) => {
      const [key] = await tx
        .insert(platformKeys)
        .values({
          name,
          scopes,
          displayPrefix: token.displayPrefix,
          last4: token.last4,
          secretHash: token.secretHash,
          expiresAt: expiresInDays === null ? null : sql`now() + make_interval(days => ${expiresInDays})`,
        })
        .returning();
      await recordAuditEvent(tx, ctx, {
        accountId: null,
        action: "platform_key.created",
        targetType: "platform_key",
        targetId: key!.id,
        metadata: { name, prefix: key!.displayPrefix, scopes, expiresAt: key!.expiresAt?.toISOString() ?? null },
      });
      return { id: key!.id, name: key!.name, displayPrefix: key!.displayPrefix, last4: key!.last4, scopes: key!.scopes as Scope[], expiresAt: key!.expiresAt, secret: token.token };
    });
  } catch (error) {
    if (isUniqueViolation(error, "platform_keys_live_name_key")) throw PublicError.field("platform_key_name_taken", "name", `A live platform key named "${name}" already exists. Revoke it first, or choose another name.`);
    throw error;
  }
}
