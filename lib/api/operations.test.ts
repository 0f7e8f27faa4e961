import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { memberships } from "@/db/schema";
import { roles, type Role } from "@/lib/authz/roles";
import { scopeNames, type Scope } from "@/lib/authz/scopes";
import { testMetric } from "@/lib/invoices/test-support";
import { call, createApiWorld, createMemberKey, createPlatformKey, testAddress, type ApiWorld } from "./test-support";

/**
 * Every account operation against every kind of caller: each role, a read-only key, each platform
 * scope, another account's key and ids, a revoked, expired, removed-member and demoted-owner key.
 * Who may do what is written here on its own (product.md's matrix and scopes), not read from the
 * permission table, so the API and the table are checked against each other.
 */
interface Request {
  method: string;
  path: string;
  body?: unknown;
}

interface Operation {
  id: string;
  roles: Role[];
  scopes: Scope[];
  write: boolean;
  status: number;
  request: (w: ApiWorld, slug: string) => Request;
  /** The same operation naming another account's member, invitation or invoice. */
  foreign?: (w: ApiWorld) => Request;
}

let metric: string;
const everyone: Role[] = [...roles];
const managers: Role[] = ["owner", "admin"];
const billingPeople: Role[] = ["owner", "admin", "billing"];
const base = (slug: string) => `/api/v1/accounts/${slug}`;

const operations: Operation[] = [
  { id: "getAccount", roles: everyone, scopes: ["accounts:read"], write: false, status: 200, request: (_w, slug) => ({ method: "GET", path: base(slug) }) },
  { id: "listMembers", roles: everyone, scopes: ["members:read"], write: false, status: 200, request: (_w, slug) => ({ method: "GET", path: `${base(slug)}/members` }) },
  {
    id: "getMember",
    roles: everyone,
    scopes: ["members:read"],
    write: false,
    status: 200,
    request: (w, slug) => ({ method: "GET", path: `${base(slug)}/members/${w.target.id}` }),
    foreign: (w) => ({ method: "GET", path: `${base(w.account.slug)}/members/${w.other.owner.id}` }),
  },
  {
    id: "updateMember",
    roles: managers,
    scopes: [],
    write: true,
    status: 200,
    request: (w, slug) => ({ method: "PATCH", path: `${base(slug)}/members/${w.target.id}`, body: { role: "developer" } }),
    foreign: (w) => ({ method: "PATCH", path: `${base(w.account.slug)}/members/${w.other.owner.id}`, body: { role: "developer" } }),
  },
  {
    id: "removeMember",
    roles: managers,
    scopes: [],
    write: true,
    status: 204,
    request: (w, slug) => ({ method: "DELETE", path: `${base(slug)}/members/${w.target.id}` }),
    foreign: (w) => ({ method: "DELETE", path: `${base(w.account.slug)}/members/${w.other.owner.id}` }),
  },
  { id: "listInvitations", roles: everyone, scopes: ["members:read"], write: false, status: 200, request: (_w, slug) => ({ method: "GET", path: `${base(slug)}/invitations` }) },
  {
    id: "createInvitations",
    roles: managers,
    scopes: [],
    write: true,
    status: 200,
    request: (_w, slug) => ({ method: "POST", path: `${base(slug)}/invitations`, body: { emails: [`new-${randomUUID().slice(0, 8)}@example.test`], role: "member" } }),
  },
  {
    id: "resendInvitation",
    roles: managers,
    scopes: [],
    write: true,
    status: 200,
    request: (w, slug) => ({ method: "POST", path: `${base(slug)}/invitations/${w.invitation.id}/resend` }),
    foreign: (w) => ({ method: "POST", path: `${base(w.account.slug)}/invitations/${w.other.invitation.id}/resend` }),
  },
  {
    id: "revokeInvitation",
    roles: managers,
    scopes: [],
    write: true,
    status: 204,
    request: (w, slug) => ({ method: "DELETE", path: `${base(slug)}/invitations/${w.invitation.id}` }),
    foreign: (w) => ({ method: "DELETE", path: `${base(w.account.slug)}/invitations/${w.other.invitation.id}` }),
  },
  { id: "listInvoices", roles: billingPeople, scopes: ["accounts:read"], write: false, status: 200, request: (_w, slug) => ({ method: "GET", path: `${base(slug)}/invoices` }) },
  {
    id: "getInvoice",
    roles: billingPeople,
    scopes: ["accounts:read"],
    write: false,
    status: 200,
    request: (w, slug) => ({ method: "GET", path: `${base(slug)}/invoices/${w.invoice.number}` }),
    foreign: (w) => ({ method: "GET", path: `${base(w.account.slug)}/invoices/${w.other.invoice.number}` }),
  },
  {
    id: "getInvoicePdf",
    roles: billingPeople,
    scopes: ["accounts:read"],
    write: false,
    status: 200,
    request: (w, slug) => ({ method: "GET", path: `${base(slug)}/invoices/${w.invoice.number}/pdf` }),
    foreign: (w) => ({ method: "GET", path: `${base(w.account.slug)}/invoices/${w.other.invoice.number}/pdf` }),
  },
  {
    id: "reportUsage",
    roles: [],
    scopes: ["usage:write"],
    write: true,
    status: 200,
    request: (_w, slug) => ({ method: "POST", path: `${base(slug)}/usage`, body: { records: [{ metric, quantity: "1", time: new Date(Date.now() - 60_000).toISOString(), idempotencyKey: randomUUID() }] } }),
  },
  { id: "getUsageAggregates", roles: ["owner", "admin", "billing", "developer"], scopes: ["usage:read"], write: false, status: 200, request: (_w, slug) => ({ method: "GET", path: `${base(slug)}/usage` }) },
  { id: "listAuditEvents", roles: managers, scopes: ["audit:read"], write: false, status: 200, request: (_w, slug) => ({ method: "GET", path: `${base(slug)}/audit-events` }) },
];

beforeAll(async () => {
  metric = (await testMetric("Operations", "unit", 1000)).id;
});

/** A fresh world for a write (it changes it); reads share one per operation. */
const shared = new Map<string, Promise<ApiWorld>>();
function worldFor(operation: Operation): Promise<ApiWorld> {
  if (operation.write) return createApiWorld();
  if (!shared.has(operation.id)) shared.set(operation.id, createApiWorld());
  return shared.get(operation.id)!;
}

const send = (request: Request, token: string, ip?: string) => call(request.method, request.path, { token, body: request.body, ip });

describe.each(operations)("$id", (operation) => {
  it.each(roles)("as %s", async (role) => {
    const world = await worldFor(operation);
    const response = await send(operation.request(world, world.account.slug), world.keys[role].token);
    if (operation.roles.includes(role)) expect(response.status, response.text).toBe(operation.status);
    else {
      expect(response.status, response.text).toBe(403);
      expect(response.body.code).toBe("forbidden");
    }
  });

  it("with a read-only key of its owner", async () => {
    const world = await worldFor(operation);
    const key = await createMemberKey(world.people.owner, world.account, { readOnly: true });
    const response = await send(operation.request(world, world.account.slug), key.token);
    if (!operation.roles.includes("owner")) expect(response.body.code).toBe("forbidden");
    else if (operation.write) {
      expect(response.status).toBe(403);
      expect(response.body.code).toBe("read_only_key");
    } else expect(response.status, response.text).toBe(operation.status);
  });

  it.each(scopeNames)("with a platform key holding %s", async (scope) => {
    const world = await worldFor(operation);
    const key = await createPlatformKey([scope]);
    const response = await send(operation.request(world, world.account.slug), key.token);
    if (operation.scopes.includes(scope)) expect(response.status, response.text).toBe(operation.status);
    else {
      expect(response.status, response.text).toBe(403);
      expect(response.body.code).toBe("insufficient_scope");
    }
  });

  it("with another account's key: the account looks missing", async () => {
    const world = await worldFor(operation);
    const response = await send(operation.request(world, world.account.slug), world.other.key.token);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe("not_found");
    const unknown = await send(operation.request(world, `no-such-${randomUUID().slice(0, 8)}`), world.keys.owner.token);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(response.body);
  });

  it.each([["a slug that cannot exist", "bad%00slug"], ["a too long slug", "x".repeat(80)]])("with %s: 404", async (_label, slug) => {
    const world = await worldFor(operation);
    const response = await send(operation.request(world, slug), world.keys.owner.token);
    expect(response.status).toBe(404);
  });

  if (operation.foreign) {
    it("naming another account's member, invitation or invoice: 404, nothing done", async () => {
      const world = await worldFor(operation);
      const key = operation.roles.length ? world.keys.owner.token : (await createPlatformKey(operation.scopes)).token;
      const response = await send(operation.foreign!(world), key);
      expect(response.status, response.text).toBe(404);
      expect(["member_not_found", "invitation_not_found", "invoice_not_found"]).toContain(response.body.code);
      const [outsider] = await db.select().from(memberships).where(and(eq(memberships.accountId, world.other.account.id), eq(memberships.userId, world.other.owner.id)));
      expect(outsider?.role).toBe("owner");
    });
  }

  it.each([
    ["revoked", { revoked: true }, "api_key_revoked"],
    ["expired", { expiresAt: new Date(Date.now() - 1000), createdAt: new Date(Date.now() - 86_400_000) }, "api_key_expired"],
  ] as const)("with a %s key: 401", async (_label, options, code) => {
    const world = await worldFor(operation);
    const key = await createMemberKey(world.people.owner, world.account, options);
    const response = await send(operation.request(world, world.account.slug), key.token, testAddress());
    expect(response.status).toBe(401);
    expect(response.body.code).toBe(code);
  });

  it("with a removed member's key: 401 on the next call", async () => {
    const world = await createApiWorld();
    await db.delete(memberships).where(and(eq(memberships.accountId, world.account.id), eq(memberships.userId, world.people.developer.id)));
    const response = await send(operation.request(world, world.account.slug), world.keys.developer.token, testAddress());
    expect(response.status).toBe(401);
    expect(response.body.code).toBe("invalid_api_key");
  });

  it("with a demoted owner's key: the new role, at once", async () => {
    const world = await createApiWorld();
    await db.update(memberships).set({ role: "owner" }).where(and(eq(memberships.accountId, world.account.id), eq(memberships.userId, world.people.admin.id)));
    await db.update(memberships).set({ role: "member" }).where(and(eq(memberships.accountId, world.account.id), eq(memberships.userId, world.people.owner.id)));
    const response = await send(operation.request(world, world.account.slug), world.keys.owner.token);
    if (operation.roles.includes("member")) expect(response.status, response.text).toBe(operation.status);
    else {
      expect(response.status).toBe(403);
      expect(response.body.code).toBe("forbidden");
    }
  });
});
