import "server-only";
/**
 * Tests of the REST API: keys written straight into the database (lib/api-keys/token.ts and the
 * key tables) and requests sent to the real Hono app, as Next's route handler sends them.
 */
import { randomInt } from "node:crypto";
import { db } from "@/db/client";
import { apiKeys, platformKeys, type Account } from "@/db/schema";
import { newToken } from "@/lib/api-keys/token";
import type { Scope } from "@/lib/authz/scopes";
import { apiApp } from "./app";

export interface TestKey {
  id: string;
  token: string;
}

export async function createMemberKey(
  user: { id: string },
  account: Pick<Account, "id">,
  options: { name?: string; readOnly?: boolean; expiresAt?: Date | null; revoked?: boolean; createdAt?: Date } = {},
): Promise<TestKey> {
  const secret = newToken("apiKey");
  const [row] = await db
    .insert(apiKeys)
    .values({
      accountId: account.id,
      userId: user.id,
      name: options.name ?? `key-${randomInt(1e9)}`,
      displayPrefix: secret.displayPrefix,
      last4: secret.last4,
      secretHash: secret.secretHash,
      readOnly: options.readOnly ?? false,
      expiresAt: options.expiresAt ?? null,
      createdAt: options.createdAt,
      revokedAt: options.revoked ? new Date() : null,
    })
    .returning({ id: apiKeys.id });
  return { id: row!.id, token: secret.token };
}

export async function createPlatformKey(scopes: Scope[], options: { name?: string; expiresAt?: Date | null; revoked?: boolean; createdAt?: Date } = {}): Promise<TestKey> {
  const secret = newToken("platformKey");
  const [row] = await db
    .insert(platformKeys)
    .values({
      name: options.name ?? `platform-${randomInt(1e9)}`,
      displayPrefix: secret.displayPrefix,
      last4: secret.last4,
      secretHash: secret.secretHash,
      scopes,
      expiresAt: options.expiresAt ?? null,
      createdAt: options.createdAt,
      revokedAt: options.revoked ? new Date() : null,
    })
    .returning({ id: platformKeys.id });
  return { id: row!.id, token: secret.token };
}

/** A documentation address, different for every test file (failed keys are counted per address). */
export function testAddress(): string {
  return `198.51.${randomInt(256)}.${randomInt(1, 255)}`;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** A raw body, sent as is (with `contentType`). */
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
  ip?: string;
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the test reads whatever came back
  text: string;
}

/** Sends one request to the API app the route handler mounts. */
export async function call(method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const headers = new Headers(options.headers);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  headers.set("x-forwarded-for", options.ip ?? "203.0.113.50");
  headers.set("user-agent", headers.get("user-agent") ?? "vitest-api");
  let body: string | undefined;
  if (options.rawBody !== undefined) {
    body = options.rawBody;
    if (options.contentType) headers.set("content-type", options.contentType);
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers.set("content-type", options.contentType ?? "application/json");
  }
  const response = await apiApp.fetch(new Request(`http://localhost:3000${path}`, { method, headers, body }));
  const text = method === "HEAD" ? "" : await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}
