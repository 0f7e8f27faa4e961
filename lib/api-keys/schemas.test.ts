import { describe, expect, it } from "vitest";
import { createApiKeyForm, defaultExpiryChoice, expiryChoices, expiryLabel, parseApiKeyCursor } from "./schemas";

describe("expiry choices under the operator's cap", () => {
  it.each([
    [undefined, [30, 90, 365, null], 90],
    [365, [30, 90, 365], 90],
    [90, [30, 90], 90],
    [180, [30, 90, 180], 90],
    [60, [30, 60], 60],
    [7, [7], 7],
    [3650, [30, 90, 365, 3650], 90],
  ])("cap %s → %j, starting on %s", (cap, choices, initial) => {
    expect(expiryChoices(cap)).toEqual(choices);
    expect(defaultExpiryChoice(expiryChoices(cap))).toBe(initial);
  });

  it("labels them", () => {
    expect([30, 365, 1, null].map(expiryLabel)).toEqual(["30 days", "1 year", "1 day", "Never expires"]);
  });
});

describe("the create form's adapter", () => {
  it("maps the select and the checkbox onto the wire shape", () => {
    expect(createApiKeyForm.parse({ name: "  ci  ", expiresInDays: "never", readOnly: "on" })).toEqual({ name: "ci", expiresInDays: null, readOnly: true });
    expect(createApiKeyForm.parse({ name: "ci", expiresInDays: "30" })).toEqual({ name: "ci", expiresInDays: 30, readOnly: false });
  });

  it.each([{ name: "ci" }, { name: "ci", expiresInDays: "0" }, { name: "ci", expiresInDays: "-30" }, { name: "ci", expiresInDays: "1e3" }, { name: "ci", expiresInDays: ["30", "90"] }])("refuses the expiry in %j", (input) => {
    const result = createApiKeyForm.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["expiresInDays"], message: "Choose when the key expires." });
  });

  it("refuses a read-only value that is not a checkbox's", () => {
    expect(createApiKeyForm.safeParse({ name: "ci", expiresInDays: "30", readOnly: "yes" }).success).toBe(false);
    expect(createApiKeyForm.safeParse({ name: ["a", "b"], expiresInDays: "30" }).success).toBe(false);
  });
});

describe("the list cursor", () => {
  const id = "0b9f7c3e-6a4d-4c1e-9d7a-2f0e5b8c1a23";
  it("reads after (older) or before (newer), and nothing else", () => {
    expect(parseApiKeyCursor({ after: id })).toEqual({ direction: "older", keyId: id });
    expect(parseApiKeyCursor({ before: id })).toEqual({ direction: "newer", keyId: id });
    expect(parseApiKeyCursor({ after: id, before: id })).toBeNull();
    expect(parseApiKeyCursor({ after: "1; drop table api_keys" })).toBeNull();
    expect(parseApiKeyCursor({})).toBeNull();
  });
});
