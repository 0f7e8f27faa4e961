import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, platformKeys } from "@/db/schema";
import { hashSecret, tokenKind } from "@/lib/api-keys/token";
import type { ActorContext } from "@/lib/authz/actor";
import { scopeNames } from "@/lib/authz/scopes";
import { createPlatformKey } from "./create";
import { operatorContext } from "./operator";
import { listPlatformKeys } from "./queries";
import { revokePlatformKey } from "./revoke";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const uniqueName = (prefix = "agent") => `${prefix}-${randomUUID().slice(0, 8)}`;

async function eventsFor(keyId: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.targetId, keyId));
}

describe("platform keys", () => {
  it("creates a key with scopes, returns the secret once, keeps its hash, and audits as an operator command", async () => {
    const name = uniqueName("billing-agent");
    const created = await createPlatformKey(operatorContext(), { name, scopes: ["usage:write", "accounts:read", "usage:write"], expiresInDays: 30 });
    expect(tokenKind(created.secret)).toBe("platformKey");
    expect(created.scopes).toEqual(["usage:write", "accounts:read"]);
    const [row] = await db.select().from(platformKeys).where(eq(platformKeys.id, created.id));
    expect(row).toMatchObject({ name, secretHash: hashSecret(created.secret), displayPrefix: created.secret.slice(0, 8), last4: created.secret.slice(-4), revokedAt: null });
    expect((row!.expiresAt!.getTime() - row!.createdAt.getTime()) / 86_400_000).toBeCloseTo(30, 3);
    const [event] = await eventsFor(created.id);
    expect(event).toMatchObject({
      accountId: null,
      actorId: null,
      actorChannel: "job",
      actorCredentialId: "operator-command",
      actorLabel: "an operator command",
      action: "platform_key.created",
      targetType: "platform_key",
      metadata: { name, prefix: row!.displayPrefix, scopes: ["usage:write", "accounts:read"], expiresAt: row!.expiresAt!.toISOString() },
    });
    expect(JSON.stringify(event)).not.toContain(created.secret);
    const listed = (await listPlatformKeys(operatorContext())).find((k) => k.id === created.id);
    expect(listed).toMatchObject({ name, status: "active" });
    expect(JSON.stringify(listed)).not.toContain(row!.secretHash);
  });

  it("refuses unknown scopes with the list of valid ones, no scope, and a duplicate live name", async () => {
    const name = uniqueName();
    await expect(createPlatformKey(operatorContext(), { name, scopes: ["usage:write", "billing:write"] })).rejects.toMatchObject({
      code: "invalid_input",
      message: `Unknown scope: billing:write. Valid scopes: ${scopeNames.join(", ")}.`,
    });
    await expect(createPlatformKey(operatorContext(), { name, scopes: [""] })).rejects.toThrow(/Give at least one scope/);
    await createPlatformKey(operatorContext(), { name, scopes: ["audit:read"] });
    await expect(createPlatformKey(operatorContext(), { name: name.toUpperCase(), scopes: ["audit:read"] })).rejects.toMatchObject({ code: "platform_key_name_taken" });
    expect(await db.select().from(platformKeys).where(eq(platformKeys.name, name))).toHaveLength(1);
  });

  it("revokes the live key by name, case-insensitively; then the name is free again", async () => {
    const name = uniqueName();
    const created = await createPlatformKey(operatorContext(), { name, scopes: ["members:read"] });
    await expect(revokePlatformKey(operatorContext(), "no-such-key")).rejects.toMatchObject({ code: "platform_key_not_found", message: 'No live platform key is named "no-such-key".' });
    await revokePlatformKey(operatorContext(), name.toUpperCase());
    const [row] = await db.select().from(platformKeys).where(eq(platformKeys.id, created.id));
    expect(row!.revokedAt).toBeInstanceOf(Date);
    expect((await eventsFor(created.id)).map((e) => [e.action, e.accountId, e.actorLabel])).toEqual([
      ["platform_key.created", null, "an operator command"],
      ["platform_key.revoked", null, "an operator command"],
    ]);
    await expect(revokePlatformKey(operatorContext(), name)).rejects.toThrow(/No live platform key/);
    const again = await createPlatformKey(operatorContext(), { name, scopes: ["members:read"] });
    expect(again.id).not.toBe(created.id);
  });

  it("is the operator's alone: a member or the platform cannot create, revoke or list", async () => {
    const member: ActorContext = { actor: { kind: "member", channel: "session", userId: randomUUID(), email: "a@example.test", name: "A" }, request: { ip: null, userAgent: null } };
    const platform: ActorContext = { actor: { kind: "platform", channel: "platform_key", platformKey: { id: randomUUID(), name: "x" }, scopes: ["usage:write"] }, request: { ip: null, userAgent: null } };
    const name = uniqueName();
    for (const ctx of [member, platform]) {
      await expect(createPlatformKey(ctx, { name, scopes: ["usage:write"] })).rejects.toMatchObject({ code: "operator_only" });
      await expect(revokePlatformKey(ctx, name)).rejects.toThrow(/operator command only/);
      await expect(listPlatformKeys(ctx)).rejects.toThrow(/operator command only/);
    }
    expect(await db.select().from(platformKeys).where(eq(platformKeys.name, name))).toHaveLength(0);
  });
});

describe("the platform-key command", () => {
  const command = (...args: string[]) =>
    run("npx", ["tsx", "--import", "./scripts/outside-next.mjs", "scripts/platform-key.ts", ...args], { cwd: root, env: { ...process.env, NODE_OPTIONS: "" } }).then(
      (result) => ({ code: 0, ...result }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it("creates (printing the secret once, with a warning), lists and revokes; refuses unknown scopes", { timeout: 120_000 }, async () => {
    const name = uniqueName("billing-agent");
    const refused = await command("create", "--name", name, "--scopes", "usage:write,everything");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Unknown scope: everything. Valid scopes: ${scopeNames.join(", ")}.`);

    const created = await command("create", "--name", name, "--scopes", "usage:write,accounts:read", "--expires-in-days", "90");
    expect(created.code, created.stderr).toBe(0);
    const secret = created.stdout.match(/ocp_[0-9A-Za-z]{36}/)?.[0];
    expect(secret && tokenKind(secret)).toBe("platformKey");
    expect(created.stdout).toContain("shown only this once");
    expect(created.stdout).toContain("scopes:  usage:write, accounts:read");
    const [row] = await db.select().from(platformKeys).where(and(eq(platformKeys.name, name), isNull(platformKeys.revokedAt)));
    expect(row!.secretHash).toBe(hashSecret(secret!));

    const listed = await command("list");
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(`${name}  active`);
    expect(listed.stdout).toContain(`${row!.displayPrefix}…${row!.last4}`);
    expect(listed.stdout).not.toContain(secret);

    const revoked = await command("revoke", "--name", name);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain(`Platform key "${name}" revoked`);
    const [after] = await db.select().from(platformKeys).where(eq(platformKeys.id, row!.id));
    expect(after!.revokedAt).toBeInstanceOf(Date);
    expect((await command("revoke", "--name", name)).code).toBe(1);
  });
});
