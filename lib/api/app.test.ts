import { describe, expect, it } from "vitest";
import { createOrganizationWith, createUser } from "@/test/factories";
import { call, createMemberKey } from "./test-support";

async function ownerKey() {
  const owner = await createUser();
  const account = await createOrganizationWith({ owner });
  return { owner, account, key: await createMemberKey(owner, account) };
}

describe("the API's routing", () => {
  it("answers an unknown operation with a 404 problem", async () => {
    const { key } = await ownerKey();
    for (const path of ["/api/v1/nope", "/api/v1", "/api/v1/me/", "/api/v1/accounts", "/api/v1/me/extra"]) {
      const response = await call("GET", path, { token: key.token });
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(response.body).toMatchObject({ status: 404, code: "not_found" });
    }
  });

  it("answers a wrong method with a 405 problem and Allow", async () => {
    const { key } = await ownerKey();
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const response = await call(method, "/api/v1/me", { token: key.token, body: {} });
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow")).toBe("GET, HEAD");
      expect(response.body).toMatchObject({ status: 405, code: "method_not_allowed" });
    }
  });

  it("answers OPTIONS with Allow and HEAD like GET without a body", async () => {
    const { key } = await ownerKey();
    const options = await call("OPTIONS", "/api/v1/me", { token: key.token });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, HEAD");
    const head = await call("HEAD", "/api/v1/me", { token: key.token });
    expect(head.status).toBe(200);
  });

  it("asks for a key before saying whether an operation exists", async () => {
    const response = await call("GET", "/api/v1/nope");
    expect(response.status).toBe(401);
    expect(response.body.code).toBe("unauthenticated");
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("is public, OpenAPI 3.1, with both bearer schemes and every operation's security", async () => {
    const response = await call("GET", "/api/v1/openapi.json");
    expect(response.status).toBe(200);
    const document = response.body;
    expect(document.openapi).toBe("3.1.0");
    expect(document.components.securitySchemes).toMatchObject({ memberKey: { type: "http", scheme: "bearer" }, platformKey: { type: "http", scheme: "bearer" } });
    expect(document.paths["/api/v1/me"].get.operationId).toBe("getMe");
    for (const [path, item] of Object.entries<Record<string, { security?: unknown[]; operationId?: string }>>(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect(operation.security?.length, `${method} ${path}`).toBeGreaterThan(0);
        expect(operation.operationId, `${method} ${path}`).toBeTruthy();
      }
    }
  });
});
