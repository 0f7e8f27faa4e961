import { describe, expect, it } from "vitest";
import { chooseMonth, currentMonth, daysOfMonth, monthBounds, monthLabel, shiftMonth } from "./months";

describe("months in UTC", () => {
  const now = new Date("2026-03-31T23:30:00-02:00"); // already April 1st in UTC

  it("takes the current month in UTC, not local time", () => {
    expect(currentMonth(now)).toBe("2026-04");
    expect(currentMonth(new Date("2026-01-01T00:00:00Z"))).toBe("2026-01");
  });

  it("bounds a month as a half-open UTC interval", () => {
    expect(monthBounds("2026-02")).toEqual({ start: new Date("2026-02-01T00:00:00Z"), end: new Date("2026-03-01T00:00:00Z") });
    expect(monthBounds("2025-12")).toEqual({ start: new Date("2025-12-01T00:00:00Z"), end: new Date("2026-01-01T00:00:00Z") });
    expect(() => monthBounds("2026-13")).toThrow(RangeError);
  });

  it("lists every day, leap years included", () => {
    expect(daysOfMonth("2024-02")).toHaveLength(29);
    expect(daysOfMonth("2026-02")).toHaveLength(28);
    expect(daysOfMonth("2026-03").at(-1)).toBe("2026-03-31");
  });

  it("moves across years", () => {
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2025-12", 1)).toBe("2026-01");
    expect(monthLabel("2026-03")).toBe("March 2026");
  });

  it.each([
    [undefined, "2026-04", undefined],
    ["", "2026-04", undefined],
    ["2026-03", "2026-03", undefined],
    [["2026-02", "2026-01"], "2026-02", undefined],
    ["2026-4", "2026-04", /not a month/],
    ["2026-00", "2026-04", /not a month/],
    ["<script>", "2026-04", /not a month/],
    ["1999-12", "2026-04", /too far back/],
    ["2026-05", "2026-04", /not started/],
    ["9999-12", "2026-04", /not started/],
  ])("chooseMonth(%j) → %s", (raw, month, problem) => {
    const choice = chooseMonth(raw, now);
    expect(choice.month).toBe(month);
    if (problem) expect(choice.problem).toMatch(problem);
    else expect(choice.problem).toBeUndefined();
  });
});
