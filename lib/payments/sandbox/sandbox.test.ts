import { afterEach, describe, expect, it } from "vitest";
import { sandboxProvider } from "./provider";
import { testCards } from "./test-cards";
import { tokenizeCard } from "./tokenize";
import { forgetEverything, vault } from "./vault";

const now = new Date("2026-11-23T12:00:00Z");
const valid = { holderName: "Ada Lovelace", number: "4242 4242 4242 4242", expMonth: "12", expYear: "30", cvc: "123" };

function tokenFor(number: string, overrides: Partial<typeof valid> = {}) {
  const result = tokenizeCard({ ...valid, number, ...overrides });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.card;
}

async function savedCard(number: string) {
  const attached = await sandboxProvider.attachCard(tokenFor(number).token);
  if (!attached.ok) throw new Error(attached.message);
  return attached.reusableToken;
}

const charge = (reusableToken: string, idempotencyKey = crypto.randomUUID()) =>
  sandboxProvider.charge({ reusableToken, amountMinor: 2500, currency: "EUR", idempotencyKey, description: "test" });

afterEach(() => forgetEverything());

describe("sandbox tokenization", () => {
  it("turns a test card into a one-time token carrying only what may be shown", () => {
    const result = tokenizeCard(valid, now);
    expect(result).toEqual({ ok: true, card: { token: expect.stringMatching(/^tok_sandbox_[\w-]{24}$/), brand: "Visa", last4: "4242", expMonth: 12, expYear: 2030 } });
    const stored = JSON.stringify([...vault().oneTimeTokens.values()]);
    expect(stored).not.toContain("4242424242424242");
    expect(stored).not.toContain("123");
  });

  it("accepts four-digit years, dashes and Mastercard", () => {
    expect(tokenizeCard({ ...valid, number: "5555-5555-5555-4444", expYear: "2031" }, now)).toMatchObject({ ok: true, card: { brand: "Mastercard", last4: "4444", expYear: 2031 } });
  });

  it.each([
    [{ number: "4242 4242 4242 4241" }, "number", "This card number is not valid."],
    [{ number: "" }, "number", "Enter the card number."],
    [{ number: "4111 1111 1111 1111" }, "number", expect.stringMatching(/only takes test cards/)],
    [{ expMonth: "10", expYear: "26" }, "expiry", "This card has expired."],
    [{ expMonth: "13", expYear: "30" }, "expiry", "The expiry month must be between 01 and 12."],
    [{ expMonth: "", expYear: "" }, "expiry", "Enter the expiry date as MM/YY."],
    [{ expMonth: "12", expYear: "60" }, "expiry", "Check the expiry year."],
    [{ cvc: "12" }, "cvc", "Enter the 3 or 4 digit security code."],
    [{ cvc: "12345" }, "cvc", "Enter the 3 or 4 digit security code."],
    [{ cvc: "abc" }, "cvc", "Enter the 3 or 4 digit security code."],
    [{ holderName: " " }, "holderName", "Enter the name on the card."],
  ])("refuses %o with a message on %s", (overrides, field, message) => {
    const result = tokenizeCard({ ...valid, ...overrides }, now);
    expect(result.ok).toBe(false);
    expect(result.ok ? {} : result.errors).toEqual({ [field]: message });
    expect(vault().oneTimeTokens.size).toBe(0);
  });

  it("reports every wrong field at once", () => {
    const result = tokenizeCard({ holderName: "", number: "1234", expMonth: "1", expYear: "1", cvc: "" }, now);
    expect(result.ok ? [] : Object.keys(result.errors).sort()).toEqual(["cvc", "expiry", "holderName", "number"]);
  });

  it("accepts the current month, not the previous one", () => {
    expect(tokenizeCard({ ...valid, expMonth: "11", expYear: "26" }, now).ok).toBe(true);
    expect(tokenizeCard({ ...valid, expMonth: "10", expYear: "2026" }, now).ok).toBe(false);
  });
});

describe("sandbox processor", () => {
  it("attaches a one-time token once, as a reusable token that is not the card number", async () => {
    const { token } = tokenFor("4242424242424242");
    const attached = await sandboxProvider.attachCard(token);
    expect(attached).toEqual({ ok: true, reusableToken: expect.stringMatching(/^pm_sandbox_/), card: { brand: "Visa", last4: "4242", expMonth: 12, expYear: 2030, holderName: "Ada Lovelace" } });
    expect(attached.ok && attached.reusableToken).not.toContain("4242424242424242");
    expect(await sandboxProvider.attachCard(token)).toMatchObject({ ok: false, message: expect.stringMatching(/unknown, used or expired/) });
    expect(await sandboxProvider.attachCard("tok_sandbox_made_up")).toMatchObject({ ok: false });
  });

  it.each(testCards.map((card) => [card.number, card.behaviour] as const))("charges %s: %s", async (number, behaviour) => {
    const outcome = await charge(await savedCard(number));
    if (behaviour === "succeeds") expect(outcome).toEqual({ status: "succeeded", reference: expect.stringMatching(/^ch_sandbox_/) });
    else expect(outcome).toMatchObject({ status: "failed", code: behaviour });
  });

  it("answers a repeated idempotency key with the first outcome", async () => {
    const card = await savedCard("4242424242424242");
    const first = await charge(card, "key-1");
    expect(await charge(card, "key-1")).toEqual(first);
    expect(await charge(card, "key-2")).not.toEqual(first);
  });

  it("fails cleanly with invalid_token once the vault has forgotten a card (a restart)", async () => {
    const card = await savedCard("4242424242424242");
    forgetEverything();
    expect(await charge(card)).toEqual({ status: "failed", code: "invalid_token", message: expect.stringMatching(/no longer available in the sandbox.*Add it again/) });
  });

  it("forgets a detached card", async () => {
    const card = await savedCard("5555555555554444");
    await sandboxProvider.detachCard(card);
    expect(await charge(card)).toMatchObject({ status: "failed", code: "invalid_token" });
  });
});
