import "server-only";
import { desc, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { platformKeys } from "@/db/schema";
import type { ActorContext } from "@/lib/authz/actor";
import type { Scope } from "@/lib/authz/scopes";
import { assertOperator } from "./operator";

export type PlatformKeyStatus = "active" | "expired" | "revoked";

export interface PlatformKeyListItem {
  id: string;
  name: string;
  displayPrefix: string;
  last4: string;
  scopes: Scope[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  revokedAt: Date | null;
  status: PlatformKeyStatus;
}

/** Every platform key, newest first, live and dead (there are a handful: no pagination). Never the hash. */
export async function listPlatformKeys(ctx: ActorContext): Promise<PlatformKeyListItem[]> {
  assertOperator(ctx);
  const rows = await db
    .select({
      id: platformKeys.id,
      name: platformKeys.name,
      displayPrefix: platformKeys.displayPrefix,
      last4: platformKeys.last4,
      scopes: platformKeys.scopes,
      createdAt: platformKeys.createdAt,
      expiresAt: platformKeys.expiresAt,
      lastUsedAt: platformKeys.lastUsedAt,
      lastUsedIp: platformKeys.lastUsedIp,
      revokedAt: platformKeys.revokedAt,
      status: sql<PlatformKeyStatus>`case when ${platformKeys.revokedAt} is not null then 'revoked' when ${platformKeys.expiresAt} <= now() then 'expired' else 'active' end`,
    })
    .from(platformKeys)
    .orderBy(desc(platformKeys.createdAt), desc(platformKeys.id));
  return rows.map((row) => ({ ...row, scopes: row.scopes as Scope[] }));
}
