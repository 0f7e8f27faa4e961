import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import * as payments from "@/lib/payments";
import { POST } from "./route";

vi.mock("@/lib/payments", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/payments")>();
  return { ...actual, paymentProvider: vi.fn(actual.paymentProvider) };
});

const card = { holderName: "Ada Lovelace", number: "4242 4242 4242 4242", expMonth: 12, expYear: 30, cvc: "123" };

/** A fresh address per test run (documentation prefix), as the console's server puts it in X-Forwarded-For. */
const freshIp = () => `2001:db8:${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}::7`;

function post(body: unknown, { ip = freshIp(), contentType = "application/json" } = {}) {
  return POST(new Request("http://localhost/api/sandbox-payments/tokens", { method: "POST", headers: { "content-type": contentType, "x-forwarded-for": ip }, body: typeof body === "string" ? body : JSON.stringify(body) }));
}

describe("POST /api/sandbox-payments/tokens", () => {
  it("answers a one-time token with what may be shown, never cached", async () => {
    const response = await post(card);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(body).toEqual({ token: expect.stringMatching(/^tok_sandbox_/), brand: "Visa", last4: "4242", expMonth: 12, expYear: 2030 });
    expect(JSON.stringify(body)).not.toContain("4242424242424242");
  });

  it("answers field errors for a bad card", async () => {
    const response = await post({ ...card, number: "4242 4242 4242 4241", cvc: "1" });
    expect(response.status).toBe(400);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ errors: { number: "This card number is not valid.", cvc: "Enter the 3 or 4 digit security code." } });
  });

  it("refuses what is not a JSON card", async () => {
    expect((await post(card, { contentType: "text/plain" })).status).toBe(415);
    expect((await post("{not json")).status).toBe(400);
    expect((await post({ ...card, holderName: { nested: true } })).status).toBe(400);
    expect((await post({ ...card, holderName: "x".repeat(5000) })).status).toBe(400);
  });

  it("limits attempts per address", async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await post({ ...card, number: "1" }, { ip })).status);
    expect(statuses.slice(0, 60).every((s) => s === 400)).toBe(true);
    const limited = await post(card, { ip });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("is closed when the payment provider is not the sandbox", async () => {
    vi.mocked(payments.paymentProvider).mockReturnValueOnce({ ...payments.paymentProvider(), id: "stripe" });
    expect((await post(card)).status).toBe(404);
  });
});
