import "server-only";
import { and, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { platformKeys } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import type { ActorContext } from "@/lib/authz/actor";
import { PublicError } from "@/lib/errors";
import { parseWire } from "@/lib/validation/wire";
import { assertOperator } from "./operator";
import { platformKeyNameSchema } from "./schemas";

/** Revokes the live platform key with this name (case-insensitive): refused on its next request. */
export async function revokePlatformKey(ctx: ActorContext, name: string): Promise<{ id: string; name: string }> {
  assertOperator(ctx);
  const keyName = parseWire(platformKeyNameSchema, name);
  return db.transaction(async (tx) => {
    const [key] = await tx
      .update(platformKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(sql`lower(${platformKeys.name}) = lower(${keyName})`, isNull(platformKeys.revokedAt)))
      .returning({ id: platformKeys.id, name: platformKeys.name, displayPrefix: platformKeys.displayPrefix });
    if (!key) throw PublicError.field("platform_key_not_found", "name", `No live platform key is named "${keyName}".`);
    await recordAuditEvent(tx, ctx, {
      accountId: null,
      action: "platform_key.revoked",
      targetType: "platform_key",
      targetId: key.id,
      metadata: { name: key.name, prefix: key.displayPrefix },
    });
    return { id: key.id, name: key.name };
  });
}

