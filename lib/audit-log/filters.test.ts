import { describe, expect, it } from "vitest";
import { auditLogSearch, parseAuditLogQuery, rawFilterValues } from "./filters";

describe("parseAuditLogQuery", () => {
  it("reads filters and a cursor from the URL, ignoring blanks", () => {
    expect(parseAuditLogQuery(new URLSearchParams("actor=%20Ann@Example.TEST%20&action=user.signed_in&from=2024-02-29&to=2024-03-01&before=42"))).toEqual({
      ok: true,
      filters: { actor: "ann@example.test", action: "user.signed_in", from: "2024-02-29", to: "2024-03-01" },
      cursor: { direction: "older", eventId: 42 },
    });
    expect(parseAuditLogQuery({ actor: "", action: " ", from: "", after: "7" })).toEqual({ ok: true, filters: {}, cursor: { direction: "newer", eventId: 7 } });
  });

  it("reads the channel filter", () => {
    expect(parseAuditLogQuery({ channel: "api_key" })).toMatchObject({ ok: true, filters: { channel: "api_key" } });
    expect(parseAuditLogQuery({ channel: "" })).toMatchObject({ ok: true, filters: {} });
  });

  it("takes the first of repeated parameters", () => {
    expect(parseAuditLogQuery({ action: ["member.removed", "user.signed_in"] })).toMatchObject({ ok: true, filters: { action: "member.removed" } });
  });

  it.each([
    [{ from: "2024-1-5" }, "from", /YYYY-MM-DD/],
    [{ from: "yesterday" }, "from", /YYYY-MM-DD/],
    [{ to: "2023-02-29" }, "to", /does not exist/],
    [{ to: "2024-13-01" }, "to", /does not exist/],
    [{ from: "0001-01-01" }, "from", /out of range/],
    [{ from: "2024-03-02", to: "2024-03-01" }, "to", /before the start date/],
    [{ action: "DROP TABLE" }, "action", /Choose an action/],
    [{ action: "x".repeat(101) }, "action", /Choose an action/],
    [{ actor: "a\u0000b" }, "actor", /email address/],
    [{ actor: "a".repeat(255) }, "actor", /254/],
    [{ channel: "telepathy" }, "channel", /Choose a channel/],
  ])("refuses %j on the %s field", (params, field, message) => {
    const query = parseAuditLogQuery(params);
    expect(query.ok).toBe(false);
    if (!query.ok) expect(query.fieldErrors[field as keyof typeof query.fieldErrors]).toMatch(message);
  });

  it("treats a malformed or ambiguous cursor as the newest page", () => {
    for (const params of [{ before: "0" }, { before: "-1" }, { after: "1e3" }, { before: "1234567890123456" }, { before: "5", after: "6" }]) {
      expect(parseAuditLogQuery(params)).toMatchObject({ ok: true, cursor: null });
    }
  });
});

describe("auditLogSearch", () => {
  it("writes only the filters that are set, and survives a round trip", () => {
    const filters = { actor: "a+b@example.test", action: "user.signed_in", from: "2024-01-01" };
    const search = auditLogSearch(filters, { direction: "older", eventId: 9 });
    expect(search).toBe("actor=a%2Bb%40example.test&action=user.signed_in&from=2024-01-01&before=9");
    expect(parseAuditLogQuery(new URLSearchParams(search))).toEqual({ ok: true, filters, cursor: { direction: "older", eventId: 9 } });
    expect(auditLogSearch({})).toBe("");
  });
});

describe("rawFilterValues", () => {
  it("gives back what was typed, for the form", () => {
    expect(rawFilterValues({ from: "nonsense", action: ["a", "b"] })).toEqual({ actor: "", action: "a", from: "nonsense", to: "", channel: "" });
  });
});
