import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { containsCardNumber, inspectRequestBody, isCardFieldName, looksLikeCardNumber, luhnValid } from "./card-data-guard";

describe("luhnValid", () => {
  it.each(["4242424242424242", "4000000000000002", "5555555555554444", "378282246310005", "6011111111111117", "79927398713"])("accepts %s", (digits) => {
    expect(luhnValid(digits)).toBe(true);
  });
  it.each(["4242424242424241", "1234567812345678", "79927398710", "", "42a2"])("refuses %s", (digits) => {
    expect(luhnValid(digits)).toBe(false);
  });
  it("catches every single-digit typo", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 9 }), (position, delta) => {
        const digits = "4242424242424242".split("");
        digits[position] = String((Number(digits[position]) + delta) % 10);
        expect(luhnValid(digits.join(""))).toBe(false);
      }),
    );
  });
});

describe("containsCardNumber: true positives", () => {
  it.each([
    ["a bare test card", "4242424242424242"],
    ["in groups of four with spaces", "my card is 4242 4242 4242 4242, thanks"],
    ["with dashes", "5555-5555-5555-4444"],
    ["with no-break spaces", "4000\u00a00000\u00a00000\u00a00002"],
    ["an Amex in 4-6-5 groups", "3782 822463 10005"],
    ["a 2-series Mastercard", "2223003122003222"],
    ["a JSON value", '{"note":"4000000000009995"}'],
    ["a JSON number", '{"n":4242424242424242}'],
    ["followed by a CVC", "4242 4242 4242 4242 123"],
    ["after a short number", "order 12 4242 4242 4242 4242"],
    ["in a URL-encoded value, once decoded", "x=4242 4242 4242 4242"],
    ["at the start and end of lines", "4242424242424242\n6011111111111117"],
  ])("finds %s", (_label, text) => {
    expect(containsCardNumber(text)).toBe(true);
  });

  it("finds any Luhn-valid 16-digit Visa-like number, however it is grouped", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 14, maxLength: 14 }), fc.constantFrom("", " ", "-"), (middle, separator) => {
        const body = `4${middle.join("")}`;
        const check = [...Array(10).keys()].find((d) => luhnValid(`${body}${d}`))!;
        const number = `${body}${check}`;
        const grouped = number.match(/.{1,4}/g)!.join(separator);
        expect(containsCardNumber(`card: ${grouped}.`)).toBe(true);
      }),
    );
  });
});

describe("containsCardNumber: true negatives", () => {
  it.each([
    ["UUIDs", "7c9e6679-7425-40de-944b-e07fc1f90ae7 and 12345678-1234-4234-8234-123456789012"],
    ["millisecond timestamps", '{"at":1732358400000,"ns":1732358400000000000}'],
    ["ISO dates", "2026-11-23T11:40:02.123Z"],
    ["phone numbers", "+33 6 12 34 56 78, +1 415 555 2671, +49 1512 3456789, 06 12 34 56 78"],
    ["a long non-Luhn digit run", "4242424242424241"],
    ["a digit run longer than 19", "424242424242424242424242"],
    ["decimals", '{"q":0.4242424242424242,"r":4242424242424242.5}'],
    ["hex digests", "sha256=4242424242424242e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["base64url tokens", "tok_sandbox_AbC4242424242424242xYz"],
    ["numbers that do not start like a card", "1234567812345670 and 9999999999999995 and 0000000000000000"],
    ["short numbers", "25.00 EUR, 10000, 4242"],
    ["amounts with thousands separators", "1 234 567,89"],
  ])("ignores %s", (_label, text) => {
    expect(containsCardNumber(text)).toBe(false);
  });

  it("never flags a random UUID", () => {
    fc.assert(fc.property(fc.uuid(), (uuid) => !containsCardNumber(`{"id":"${uuid}"}`)));
  });

  it("never flags a random hex digest", () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9a-f]{40,64}$/), (hex) => !containsCardNumber(`token=${hex}`)));
  });
});

describe("looksLikeCardNumber", () => {
  it("needs a card-like start and length", () => {
    expect(looksLikeCardNumber("4242424242424242")).toBe(true);
    expect(looksLikeCardNumber("79927398713")).toBe(false); // Luhn-valid, too short and not a card prefix
    expect(looksLikeCardNumber("1000000000000008")).toBe(false);
  });
});

describe("isCardFieldName", () => {
  it.each(["cvc", "CVC", "cvv", "cvc2", "cvv2", "card_number", "cardNumber", "card-number", "cardnumber", "CardNumber", "cc_number", "ccNumber", "card[cvc]", "payment.card.number_ignored[cvv]", "1_cvc", "1_cardNumber", "creditCardNumber", "card_cvc", "security cvc"])("flags %s", (name) => {
    expect(isCardFieldName(name)).toBe(true);
  });
  it.each(["number", "amount", "paymentMethodId", "token", "holderName", "cardholder", "discount", "cvcode_of_conduct", "invoice_number", "phoneNumber", "scheduled", "$ACTION_ID_abc"])("leaves %s alone", (name) => {
    expect(isCardFieldName(name)).toBe(false);
  });
});

describe("inspectRequestBody", () => {
  const boundary = "----WebKitFormBoundaryq1w2e3r4t5y6";
  const multipart = (parts: { name: string; value: string; filename?: string }[]) =>
    parts
      .map((p) => `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ""}\r\n\r\n${p.value}\r\n`)
      .join("") + `--${boundary}--\r\n`;
  const multipartType = `multipart/form-data; boundary=${boundary}`;

  it("reads a server action's multipart body part by part", () => {
    expect(inspectRequestBody(multipart([{ name: "1_amount", value: "25.00" }, { name: "1_paymentMethodId", value: "7c9e6679-7425-40de-944b-e07fc1f90ae7" }, { name: "0", value: '["$K1"]' }]), multipartType)).toBeNull();
    expect(inspectRequestBody(multipart([{ name: "1_description", value: "pay with 4242 4242 4242 4242" }]), multipartType)).toEqual({ kind: "card_number" });
    expect(inspectRequestBody(multipart([{ name: "1_cvc", value: "123" }]), multipartType)).toEqual({ kind: "card_field", field: "1_cvc" });
  });

  it("skips the content of uploaded files but not their field names", () => {
    expect(inspectRequestBody(multipart([{ name: "logo", filename: "logo.png", value: "\u0089PNG 4242424242424242" }]), multipartType)).toBeNull();
    expect(inspectRequestBody(multipart([{ name: "cardNumber", filename: "x.txt", value: "" }]), multipartType)).toEqual({ kind: "card_field", field: "cardNumber" });
  });

  it("decodes URL-encoded bodies", () => {
    expect(inspectRequestBody("email=a%40b.example&note=4242+4242+4242+4242", "application/x-www-form-urlencoded")).toEqual({ kind: "card_number" });
    expect(inspectRequestBody("email=a%40b.example&card%5Bcvc%5D=123", "application/x-www-form-urlencoded")).toEqual({ kind: "card_field", field: "card[cvc]" });
    expect(inspectRequestBody("email=a%40b.example&password=hunter2&phone=%2B4915123456789", "application/x-www-form-urlencoded")).toBeNull();
  });

  it("reads JSON and text bodies as they are, keys included", () => {
    expect(inspectRequestBody('{"card":{"number":"4242424242424242"}}', "application/json")).toEqual({ kind: "card_number" });
    expect(inspectRequestBody('{"cvc":"123"}', "application/json")).toEqual({ kind: "card_field", field: "cvc" });
    expect(inspectRequestBody('{"note":"what is a \\"cvc\\": a code"}', "application/json")).toBeNull();
    expect(inspectRequestBody('["org-1a2b3c4d",{"status":"idle"},"$K1"]', "text/plain;charset=UTF-8")).toBeNull();
    expect(inspectRequestBody("4242424242424242", null)).toEqual({ kind: "card_number" });
  });
});
