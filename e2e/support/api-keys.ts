import { randomUUID } from "node:crypto";
import * as schema from "../../db/schema";
import { newToken } from "../../lib/api-keys/token";
import type { Scope } from "../../lib/authz/scopes";
import { testDb } from "./fixtures";

/** A member's API key written straight into the database, as the API keys screen would. */
export async function createTestMemberKey(userId: string, accountId: string, options: { readOnly?: boolean } = {}) {
  const secret = newToken("apiKey");
  const [row] = await testDb
    .insert(schema.apiKeys)
    .values({ accountId, userId, name: `e2e-${randomUUID().slice(0, 8)}`, displayPrefix: secret.displayPrefix, last4: secret.last4, secretHash: secret.secretHash, readOnly: options.readOnly ?? false })
    .returning({ id: schema.apiKeys.id });
  return { id: row!.id, token: secret.token };
}

/** A platform key, as `npm run platform-key:create` would make it. */
export async function createTestPlatformKey(scopes: Scope[]) {
  const secret = newToken("platformKey");
  const [row] = await testDb
    .insert(schema.platformKeys)
    .values({ name: `e2e-platform-${randomUUID().slice(0, 8)}`, displayPrefix: secret.displayPrefix, last4: secret.last4, secretHash: secret.secretHash, scopes })
    .returning({ id: schema.platformKeys.id });
  return { id: row!.id, token: secret.token };
}
