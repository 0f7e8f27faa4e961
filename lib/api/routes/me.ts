import "server-only";
import { createRoute, z } from "@hono/zod-openapi";
import { roles } from "@/lib/authz/roles";
import { scopeNames } from "@/lib/authz/scopes";
import type { ApiRouter } from "../router";
import { anyKey, commonErrors, dateTime } from "../schemas";

const KeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().openapi({ description: "The key's first characters, safe to show.", example: "ock_4fTq" }),
    last4: z.string(),
    createdAt: dateTime(),
    expiresAt: dateTime().nullable(),
  })
  .openapi("Key");

const MemberCallerSchema = z
  .object({
    kind: z.literal("member"),
    key: KeySchema.extend({ readOnly: z.boolean() }),
    user: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
    account: z.object({ id: z.uuid(), slug: z.string(), name: z.string(), kind: z.enum(["personal", "organization"]) }),
    role: z.enum(roles).openapi({ description: "The member's role in the account now: the key acts with it." }),
  })
  .openapi("MemberCaller");

const PlatformCallerSchema = z
  .object({
    kind: z.literal("platform"),
    key: KeySchema,
    scopes: z.array(z.enum(scopeNames as [string, ...string[]])),
  })
  .openapi("PlatformCaller");

export const CallerSchema = z.discriminatedUnion("kind", [MemberCallerSchema, PlatformCallerSchema]).openapi("Caller");

export const getMe = createRoute({
  method: "get",
  path: "/me",
  operationId: "getMe",
  tags: ["Caller"],
  summary: "Who this key is",
  description: "The key, and what it acts as: a member key's user, account and current role; a platform key's scopes.",
  security: anyKey,
  responses: {
    200: { description: "The caller.", content: { "application/json": { schema: CallerSchema } } },
    ...commonErrors,
  },
});

export function registerMe(app: ApiRouter) {
  app.openapi(getMe, (c) => {
    const credential = c.get("credential");
    const key = {
      id: credential.key.id,
      name: credential.key.name,
      prefix: credential.key.displayPrefix,
      last4: credential.key.last4,
      createdAt: credential.key.createdAt.toISOString(),
      expiresAt: credential.key.expiresAt?.toISOString() ?? null,
    };
    if (credential.kind === "platform") return c.json({ kind: "platform" as const, key, scopes: [...credential.actor.scopes] }, 200);
    const { actor, account } = credential;
    return c.json(
      {
        kind: "member" as const,
        key: { ...key, readOnly: credential.key.readOnly },
        user: { id: actor.userId, name: actor.name ?? "", email: actor.email },
        account: { id: account.id, slug: account.slug, name: account.name, kind: account.kind },
        role: credential.role,
      },
      200,
    );
  });
}
