import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createApiWorld, createPlatformKey, type ApiWorld, type CallResult } from "./test-support";

/**
 * Bad input of every kind never makes the API fail: every answer is below 500, and every refusal
 * is problem+json. Each documented operation is sent crafted path segments, query strings, bodies
 * and headers, fixed nasties first, then fast-check's random ones.
 */
let world: ApiWorld;
let platform: string;
let operations: { method: string; path: string; query: string[]; body: boolean }[];

beforeAll(async () => {
  world = await createApiWorld();
  platform = (await createPlatformKey(["accounts:read", "members:read", "usage:read", "usage:write", "audit:read"])).token;
  const document = (await call("GET", "/api/v1/openapi.json")).body as {
    paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: unknown }>>;
  };
  operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      query: (operation.parameters ?? []).filter((parameter) => parameter.in === "query").map((parameter) => parameter.name),
      body: Boolean(operation.requestBody),
    })),
  );
});

const nastyStrings = [
  "",
  " ",
  "%00",
  "\u0000",
  "a\u0000b",
  "..",
  "../../etc/passwd",
  "%2e%2e%2f",
  "%E0%A4%A",
  "%",
  "💥".repeat(50),
  "\uD800",
  "x".repeat(5000),
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "null",
  "undefined",
  "-1",
  "0",
  "1e400",
  "NaN",
  "__proto__",
  "constructor",
  "INV-2026-000001",
  "00000000-0000-0000-0000-000000000000",
  "ock_",
  "ZZ".repeat(40),
];

const nastyBodies = [
  "",
  "null",
  "[]",
  "1",
  '"string"',
  "{",
  '{"records":',
  "{\"a\":1}{\"b\":2}",
  "[".repeat(10_000) + "]".repeat(10_000),
  '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}',
  '{"records":[null,1,"x",[],{}]}',
  '{"records":[{"metric":"\\u0000","quantity":"1e400","time":"9999-99-99","idempotencyKey":""}]}',
  '{"records":[{"metric":{"$ne":1},"quantity":[1],"time":1,"idempotencyKey":{}}]}',
  '{"role":null,"emails":[null,{},"\\u0000@x"]}',
  '{"role":"owner","emails":["a@b.c","a@b.c"]}',
  '{"emails":' + JSON.stringify(Array.from({ length: 10 }, () => "x".repeat(300) + "@example.test")) + ',"role":"member"}',
  `{"records":${JSON.stringify(Array.from({ length: 1000 }, (_, i) => ({ metric: "m", quantity: -i, time: "x", idempotencyKey: String(i) })))}}`,
  "\uFEFF{}",
  '{"a":"\\uD800"}',
];

const contentTypes = ["application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/json; charset=nope", "application/merge-patch+json", "*/*"];

/** encodeURIComponent, with a lone surrogate sent as its (invalid) UTF-8 bytes instead of throwing. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value.isWellFormed() ? "" : `%ED%A0%80${encodeURIComponent(value.toWellFormed())}`;
  }
}

/** A concrete path of the operation with its parameters filled with `fill`, or the world's real values. */
function pathOf(template: string, fill?: string): string {
  const real: Record<string, string> = { slug: world.account.slug, userId: world.target.id, id: world.invitation.id, number: world.invoice.number };
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (fill === undefined ? real[name]! : encode(fill)));
}

function expectSafe(response: CallResult, label: string) {
  expect(response.status, `${label}: ${response.text.slice(0, 300)}`).toBeLessThan(500);
  if (response.status >= 400) expect(response.headers.get("content-type"), label).toBe("application/problem+json");
}

const send = (method: string, path: string, options: Parameters<typeof call>[2] = {}) => call(method, path, { token: platform, ...options });

describe("fuzzing the API", () => {
  it("survives crafted path segments in every operation", async () => {
    for (const operation of operations) {
      for (const value of nastyStrings) {
        const path = pathOf(operation.path, value);
        expectSafe(await send(operation.method, path, operation.body ? { body: {} } : {}), `${operation.method} ${path}`);
      }
    }
  });

  it("survives crafted query strings in every operation", async () => {
    for (const operation of operations) {
      const path = pathOf(operation.path);
      for (const name of [...operation.query, "unknown", "__proto__"]) {
        for (const value of nastyStrings) {
          const query = `${encode(name)}=${encode(value)}`;
          expectSafe(await send(operation.method, `${path}?${query}`, operation.body ? { body: {} } : {}), `${operation.method} ${path}?${query.slice(0, 80)}`);
        }
        expectSafe(await send(operation.method, `${path}?${name}=a&${name}=b&${name}[]=c`), `${operation.method} ${path} repeated ${name}`);
      }
      expectSafe(await send(operation.method, `${path}?%ZZ=%ZZ&&&=&a=%`), `${operation.method} ${path} broken encoding`);
    }
  });

  it("survives crafted bodies and content types in every operation that takes a body", async () => {
    for (const operation of operations.filter((candidate) => candidate.body)) {
      const path = pathOf(operation.path);
      for (const rawBody of nastyBodies) {
        for (const contentType of contentTypes) {
          expectSafe(await send(operation.method, path, { rawBody, contentType }), `${operation.method} ${path} ${contentType} ${rawBody.slice(0, 60)}`);
        }
      }
      expectSafe(await send(operation.method, path, { rawBody: "{}" }), `${operation.method} ${path} without a content type`);
    }
  });

  it("survives crafted headers", async () => {
    const headerSets: Record<string, string>[] = [
      { authorization: "Bearer" },
      { authorization: "Bearer " + "x".repeat(10_000) },
      { authorization: "Bearer ock_" + "A".repeat(36) },
      { authorization: "bearer  " + platform },
      { authorization: `Bearer ${platform} extra` },
      { authorization: `Basic ${platform}` },
      { "idempotency-key": "x".repeat(300) },
      { "idempotency-key": "ключ" },
      { "x-forwarded-for": "not an address" },
      { "content-length": "5" },
    ];
    for (const operation of operations) {
      for (const headers of headerSets) {
        const options = { headers, token: headers.authorization ? undefined : platform, ...(operation.body ? { body: { records: [] } } : {}) };
        const response = await call(operation.method, pathOf(operation.path), options).catch((error: unknown) => ({ error }));
        if ("error" in response) continue; // the Fetch API itself refused to build the request
        expectSafe(response, `${operation.method} ${operation.path} ${JSON.stringify(headers).slice(0, 80)}`);
      }
    }
  });

  it("survives random JSON bodies and random parameters (fast-check)", async () => {
    const writes = operations.filter((operation) => operation.body);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes), fc.jsonValue({ maxDepth: 4 }), async (operation, body) => {
        const response = await send(operation.method, pathOf(operation.path), { body });
        expectSafe(response, `${operation.method} ${operation.path} ${JSON.stringify(body).slice(0, 100)}`);
      }),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...operations), fc.string({ unit: "binary", maxLength: 40 }), fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ unit: "binary", maxLength: 30 }), { maxKeys: 4 }), async (operation, segment, query) => {
        const params = new URLSearchParams(query).toString();
        const response = await send(operation.method, `${pathOf(operation.path, segment)}?${params}`);
        expectSafe(response, `${operation.method} ${operation.path} ${segment} ${params}`);
      }),
      { numRuns: 150 },
    );
  });
});
