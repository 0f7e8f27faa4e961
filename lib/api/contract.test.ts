import { randomUUID } from "node:crypto";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { testMetric } from "@/lib/invoices/test-support";
import { apiApp } from "./app";
import { call, createApiWorld, createPlatformKey, type ApiWorld, type CallResult } from "./test-support";

/**
 * The document is the contract: every documented operation is called, and each answer (success
 * and errors alike) must be one the operation documents, with a body its schema accepts. And no
 * route may exist that the document lacks.
 */
interface Operation {
  path: string;
  method: string;
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
  security?: Record<string, string[]>[];
}

let document: { paths: Record<string, Record<string, Operation>>; components: unknown };
let operations: Operation[];
let ajv: Ajv2020;
let world: ApiWorld;
let metric: string;
let platformAll: string;

/** A valid call of each operation, in the world (the token says who calls). */
const valid: Record<string, (w: ApiWorld) => { method: string; path: string; body?: unknown; token: string }> = {
  getMe: (w) => ({ method: "GET", path: "/api/v1/me", token: w.keys.owner.token }),
  getAccount: (w) => ({ method: "GET", path: `/api/v1/accounts/${w.account.slug}`, token: w.keys.owner.token }),
  listMembers: (w) => ({ method: "GET", path: `/api/v1/accounts/${w.account.slug}/members?limit=2`, token: w.keys.owner.token }),
  getMember: (w) => ({ method: "GET", path: `/api/v1/accounts/${w.account.slug}/members/${w.target.id}`, token: w.keys.owner.token }),
  updateMember: (w) => ({ method: "PATCH", path: `/api/v1/accounts/${w.account.slug}/members/${w.target.id}`, body: { role: "developer" }, token: w.keys.owner.token }),
  removeMember: (w) => ({ method: "DELETE", path: `/api/v1/accounts/${w.account.slug}/members/${w.people.developer.id}`, token: w.keys.owner.token }),
  listInvitations: (w) => ({ method: "GET", path: `/api/v1/accounts/${w.account.slug}/invitations`, token: w.keys.owner.token }),
  createInvitations: (w) => ({ method: "POST", path: `/api/v1/accounts/${w.account.slug}/invitations`, body: { emails: [`c-${randomUUID().slice(0, 8)}@example.test`, "bad"], role: "member" }, token: w.keys.owner.token }),
  resendInvitation: (w) => ({ method: "POST", path: `/api/v1/accounts/${w.account.slug}/invitations/${w.invitation.id}/resend`, token: w.keys.owner.token }),
  revokeInvitation: (w) => ({ method: "DELETE", path: `/api/v1/accounts/${w.account.slug}/invitations/${w.invitation.id}`, token: w.keys.owner.token }),
  listInvoices: (w) => ({ method: "GET", path: `/api/v1/accounts/${w.account.slug}/invoices`, token: w.keys.owner.token }),
  getInvoice: (w) => ({ method: "GET", path: `/api/v1/accounts/${w.account.slug}/invoices/${w.invoice.number}`, token: w.keys.owner.token }),
  getInvoicePdf: (w) => ({ method: "GET", path: `/api/v1/accounts/${w.account.slug}/invoices/${w.invoice.number}/pdf`, token: w.keys.owner.token }),
  reportUsage: (w) => ({
    method: "POST",
    path: `/api/v1/accounts/${w.account.slug}/usage`,
    body: { records: [{ metric, quantity: 2.5, time: new Date(Date.now() - 60_000).toISOString(), idempotencyKey: randomUUID() }] },
    token: platformAll,
  }),
  getUsageAggregates: (w) => ({ method: "GET", path: `/api/v1/accounts/${w.account.slug}/usage?granularity=month`, token: w.keys.owner.token }),
  listAuditEvents: (w) => ({ method: "GET", path: `/api/v1/accounts/${w.account.slug}/audit-events`, token: w.keys.owner.token }),
};

beforeAll(async () => {
  document = (await call("GET", "/api/v1/openapi.json")).body;
  operations = Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ ...operation, path, method: method.toUpperCase() })));
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("binary", true);
  ajv.addSchema({ ...(document as object), $id: "openapi.json" });
  world = await createApiWorld();
  metric = (await testMetric("Contract", "unit", 1000)).id;
  platformAll = (await createPlatformKey(["accounts:read", "members:read", "usage:read", "usage:write", "audit:read"])).token;
});

const pointer = (...parts: string[]) => parts.map((part) => part.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

/** The answer is documented for the operation, and its body matches the documented schema. */
function expectDocumented(operation: Operation, response: CallResult) {
  const documented = operation.responses[String(response.status)];
  expect(documented, `${operation.operationId} answered ${response.status}, which it does not document: ${response.text.slice(0, 300)}`).toBeDefined();
  const contentType = response.headers.get("content-type")?.split(";")[0] ?? null;
  if (!documented!.content) {
    expect(response.text, `${operation.operationId} ${response.status} documents no body`).toBe("");
    return;
  }
  expect(contentType && documented!.content[contentType], `${operation.operationId} ${response.status} answered ${contentType}`).toBeTruthy();
  if (!contentType!.includes("json")) return;
  const validate = ajv.getSchema(`openapi.json#/${pointer("paths", operation.path, operation.method.toLowerCase(), "responses", String(response.status), "content", contentType!, "schema")}`)!;
  expect(validate(response.body), `${operation.operationId} ${response.status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
}

describe("the OpenAPI document", () => {
  it("has a call here for every documented operation (a new operation needs one)", () => {
    expect(operations.map((operation) => operation.operationId).sort()).toEqual(Object.keys(valid).sort());
  });

  it("documents every route the app serves, and nothing it does not", () => {
    const served = apiApp.routes
      .filter((route) => route.method !== "ALL")
      .map((route) => `${route.method} ${route.path.replace(/:([^/]+)/g, "{$1}")}`)
      .filter((route) => route !== "GET /api/v1/openapi.json");
    const documented = operations.map((operation) => `${operation.method} ${operation.path}`);
    expect([...new Set(served)].sort()).toEqual(documented.sort());
  });

  it("is OpenAPI 3.1 whose schemas compile", () => {
    expect((document as unknown as { openapi: string }).openapi).toBe("3.1.0");
    for (const operation of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const contentType of Object.keys(response.content ?? {})) {
          expect(ajv.getSchema(`openapi.json#/${pointer("paths", operation.path, operation.method.toLowerCase(), "responses", status, "content", contentType, "schema")}`), `${operation.operationId} ${status}`).toBeDefined();
        }
      }
    }
  });
});

describe("every documented operation, against its document", () => {
  it.each(Object.keys(valid))("%s: a valid call", async (operationId) => {
    const operation = operations.find((candidate) => candidate.operationId === operationId)!;
    const request = valid[operationId]!(world);
    const response = await call(request.method, request.path, { token: request.token, body: request.body });
    expect(response.status, response.text).toBeLessThan(300);
    expectDocumented(operation, response);
  });

  it.each(Object.keys(valid))("%s: without a key, with a platform key without scopes for it, and in another account", async (operationId) => {
    const operation = operations.find((candidate) => candidate.operationId === operationId)!;
    const request = valid[operationId]!(world);
    const anonymous = await call(request.method, request.path, { body: request.body });
    expect(anonymous.status).toBe(401);
    expectDocumented(operation, anonymous);
    if (operationId === "getMe") return;
    const other = await call(request.method, request.path, { token: world.other.key.token, body: request.body });
    expect(other.status).toBe(404);
    expectDocumented(operation, other);
    const narrow = await createPlatformKey(["audit:read"]);
    const scoped = await call(request.method, request.path, { token: narrow.token, body: request.body });
    if (operationId !== "listAuditEvents") {
      expect(scoped.status).toBe(403);
      expectDocumented(operation, scoped);
    }
  });

  it.each(Object.keys(valid).filter((id) => ["listMembers", "listInvitations", "listInvoices", "listAuditEvents", "getUsageAggregates", "updateMember", "createInvitations", "reportUsage"].includes(id)))(
    "%s: invalid input",
    async (operationId) => {
      const operation = operations.find((candidate) => candidate.operationId === operationId)!;
      const request = valid[operationId]!(world);
      const bad = request.method === "GET" ? { ...request, path: `${request.path.split("?")[0]}?limit=0&granularity=hour` } : { ...request, body: { records: "x", role: 1, emails: 2 } };
      const response = await call(bad.method, bad.path, { token: bad.token, body: bad.body });
      expect(response.status).toBe(422);
      expectDocumented(operation, response);
    },
  );
});
