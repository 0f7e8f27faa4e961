"use server";
import { accountAction } from "@/lib/account-action";
import type { ActionResult } from "@/lib/action-result";
import { createApiKey, type CreatedApiKey } from "@/lib/api-keys/create";
import { revokeApiKey } from "@/lib/api-keys/revoke";
import { apiKeyIdSchema, createApiKeyForm } from "@/lib/api-keys/schemas";

/** The new key with its secret: the only answer that ever carries it. */
export async function createApiKeyAction(slug: string, _state: ActionResult<CreatedApiKey>, formData: FormData) {
  return accountAction(slug, createApiKeyForm, formData, (ctx, input) => createApiKey(ctx, input), (key) => `API key "${key.name}" created.`);
}

export async function revokeApiKeyAction(slug: string, _state: ActionResult<{ id: string; name: string }>, formData: FormData) {
  return accountAction(slug, apiKeyIdSchema, formData, (ctx, input) => revokeApiKey(ctx, input.keyId), (key) => `API key "${key.name}" revoked.`);
}
