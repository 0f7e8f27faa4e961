import { describe, expect, it } from "vitest";
import { canonicalQuantity, parseAggregateBound, parseUsageInstant, parseUsageTime, usageBatchBody, usageErrorMessages } from "./usage-schemas";

describe("usage wire rules", () => {
  it.each([
    ["12.5", "12.5"],
    [12.5, "12.5"],
    ["0012.500", "12.5"],
    ["  7 ", "7"],
    [0.000001, "0.000001"],
    ["99999999999999.999999", "99999999999999.999999"],
    [1e3, "1000"],
    [1e13, "10000000000000"],
  ])("quantity %j is %s", (input, expected) => expect(canonicalQuantity(input)).toBe(expected));

  it.each([["0"], ["0.0"], [0], [-1], ["-1"], ["1e3"], [".5"], ["5."], ["1,5"], ["1.1234567"], ["123456789012345"], [1e15], [1e-7], [0.1 + 0.2], [Infinity], [NaN], [true], [null], [{}], ["0x10"]])(
    "quantity %j is refused",
    (input) => expect(canonicalQuantity(input)).toBeNull(),
  );

  it("reads RFC 3339 times with their offset, to the microsecond", () => {
    expect(parseUsageTime("2026-12-01T10:00:00Z")).toBe(Date.parse("2026-12-01T10:00:00Z"));
    expect(parseUsageTime("2026-12-01T11:30:00+01:30")).toBe(Date.parse("2026-12-01T10:00:00Z"));
    expect(parseUsageTime("2026-11-30T23:00:00-11:00")).toBe(Date.parse("2026-12-01T10:00:00Z"));
    expect(parseUsageInstant("2026-11-30T23:00:00.5-11:00")).toEqual({ micros: Date.parse("2026-12-01T10:00:00.5Z") * 1000, month: "2026-12", text: "2026-11-30T23:00:00.5-11:00" });
    expect(parseUsageInstant("2026-12-31T23:59:59.123456789Z")).toEqual({ micros: Date.parse("2026-12-31T23:59:59.123Z") * 1000 + 456, month: "2026-12", text: "2026-12-31T23:59:59.123456Z" });
    expect(parseUsageTime("2028-02-29T00:00:00Z")).toBe(Date.parse("2028-02-29T00:00:00Z"));
    expect(parseUsageTime("2000-02-29T00:00:00Z")).not.toBeNull();
    for (const bad of ["2026-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-12-01T24:00:00Z", "2026-12-01T10:60:00Z", "2026-12-01T10:00:60Z", "2026-12-01T10:00:00", "2026-12-01 10:00:00Z", "2026-12-01T10:00Z", "2026-12-01T10:00:00+2400", "2026-12-01T10:00:00+24:00", "2026-12-01T10:00:00z", "2026-13-01T10:00:00Z", 1_764_583_200_000]) {
      expect(parseUsageTime(bad), String(bad)).toBeNull();
    }
  });

  it("reads aggregate bounds as UTC days, a month as its first day", () => {
    expect(parseAggregateBound("2026-11")).toBe("2026-11-01");
    expect(parseAggregateBound("2026-11-30")).toBe("2026-11-30");
    for (const bad of ["2026-11-31", "2026-13", "26-11-01", "2026-11-01T00:00:00Z", 20261101]) expect(parseAggregateBound(bad)).toBeNull();
  });

  it("gives every zod issue of a record the ingestion code's message (and, for rule failures, params.code)", () => {
    const result = usageBatchBody.safeParse({
      records: [
        { metric: "compute.hours", quantity: "1", time: "2026-12-01T10:00:00Z", idempotencyKey: "a" },
        { metric: "Bad", quantity: 0, time: "yesterday", idempotencyKey: "" },
        { quantity: false },
        "x",
      ],
    });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((issue) => [issue.path.join("."), issue.message, (issue as { params?: { code?: string } }).params?.code]);
    const m = usageErrorMessages;
    expect(issues).toEqual([
      ["records.1.metric", m.unknown_metric, "unknown_metric"],
      ["records.1.quantity", m.invalid_quantity, "invalid_quantity"],
      ["records.1.time", m.invalid_time, "invalid_time"],
      ["records.1.idempotencyKey", m.invalid_idempotency_key, "invalid_idempotency_key"],
      ["records.2.metric", m.unknown_metric, undefined],
      ["records.2.quantity", m.invalid_quantity, undefined],
      ["records.2.time", m.invalid_time, undefined],
      ["records.2.idempotencyKey", m.invalid_idempotency_key, undefined],
      ["records.3", m.invalid_record, undefined],
    ]);
    expect(usageBatchBody.safeParse({ records: [] }).success).toBe(false);
  });
});
