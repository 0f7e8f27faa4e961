import http, { type IncomingMessage } from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEdgeHandler } from "./edge";
import { compileTrustedProxies } from "./trusted-proxies";

/** The edge in front of a stand-in for Next.js that echoes what reached it. */
const limit = 64 * 1024;
let server: http.Server;
let port: number;

async function readAll(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  const edge = createEdgeHandler({ trust: compileTrustedProxies(""), maxBodyBytes: limit, outboxToken: "t".repeat(40), secureCookies: false }, async (request, response) => {
    const body = await readAll(request);
    response.setHeader("Content-Type", "application/json");
    response.end(JSON.stringify({ bytes: body.length, sum: body.reduce((a, b) => (a + b) % 65521, 0), forwardedFor: request.headers["x-forwarded-for"], forwardedHost: request.headers["x-forwarded-host"] ?? null }));
  });
  server = http.createServer((request, response) => void edge(request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function send(body: Buffer, { chunked = false, headers = {} as Record<string, string>, path = "/x" } = {}) {
  return new Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path, method: body.length || chunked ? "POST" : "GET", headers: { ...headers, ...(chunked ? {} : { "Content-Length": body.length }) } }, async (response) => {
      resolve({ status: response.statusCode!, text: (await readAll(response)).toString(), headers: response.headers });
    });
    request.on("error", reject);
    if (chunked) for (let offset = 0; offset < body.length; offset += 1000) request.write(body.subarray(offset, offset + 1000));
    else request.write(body);
    request.end();
  });
}

const bytes = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31) % 251));
const checksum = (b: Buffer) => b.reduce((a, x) => (a + x) % 65521, 0);

describe("the request edge", () => {
  it("passes bodies up to the limit through intact, sized or chunked", async () => {
    for (const chunked of [false, true]) {
      const body = bytes(limit);
      const response = await send(body, { chunked });
      expect(response.status).toBe(200);
      expect(JSON.parse(response.text)).toMatchObject({ bytes: limit, sum: checksum(body) });
    }
  });

  it("answers 413 past the limit, sized or chunked", async () => {
    expect((await send(bytes(limit + 1))).status).toBe(413);
    expect((await send(bytes(limit * 4), { chunked: true })).status).toBe(413);
    // A huge declared length is refused before a byte of body is sent.
    const socket = net.connect(port, "127.0.0.1");
    socket.write("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999999\r\n\r\n");
    const head = await new Promise<string>((resolve) => socket.once("data", (data) => resolve(data.toString())));
    socket.destroy();
    expect(head).toMatch(/^HTTP\/1\.1 413 /);
  });

  it("replaces forged forwarding headers with the socket's address", async () => {
    const response = await send(Buffer.from("a=1"), { headers: { "X-Forwarded-For": "203.0.113.9", "X-Forwarded-Host": "evil.example" } });
    expect(JSON.parse(response.text)).toMatchObject({ forwardedFor: "127.0.0.1", forwardedHost: null });
  });

  it("refuses a server action whose Origin is not the host", async () => {
    const forged = await send(Buffer.from("[]"), { headers: { "Next-Action": "abc", Origin: "http://evil.example", "X-Forwarded-Host": "evil.example" } });
    expect(forged.status).toBe(403);
    const same = await send(Buffer.from("[]"), { headers: { "Next-Action": "abc", Origin: `http://127.0.0.1:${port}` } });
    expect(same.status).toBe(200);
  });

  it("trades the outbox link's token for a cookie scoped to the outbox", async () => {
    const response = await send(Buffer.alloc(0), { path: `/dev/outbox?token=${"t".repeat(40)}&page=2` });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe("/dev/outbox?page=2");
    expect(response.headers["set-cookie"]?.[0]).toMatch(/^dev-outbox-token=t{40}; Path=\/dev\/outbox; HttpOnly; SameSite=Strict/);
    expect((await send(Buffer.alloc(0), { path: "/dev/outbox?token=wrong" })).status).toBe(200);
  });
});
