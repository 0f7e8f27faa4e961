import { describe, expect, it } from "vitest";
import { describeMetadata } from "./details";

describe("describeMetadata", () => {
  it("reads changes as from → to, one line per field", () => {
    expect(describeMetadata({ changes: { name: { from: "Acme", to: "Acme Inc" }, isCompany: { from: false, to: true }, description: { from: "", to: "Rockets" } } })).toEqual([
      { label: "Name", value: "Acme → Acme Inc" },
      { label: "Is company", value: "false → true" },
      { label: "Description", value: "(empty) → Rockets" },
    ]);
  });

  it("shows other values compactly, and cuts long ones", () => {
    expect(describeMetadata({ role: { from: "member", to: "admin" }, bytes: 512, content_type: "image/png", extra: null, list: [1, 2] })).toEqual([
      { label: "Role", value: "member → admin" },
      { label: "Bytes", value: "512" },
      { label: "Content type", value: "image/png" },
      { label: "Extra", value: "(none)" },
      { label: "List", value: "[1,2]" },
    ]);
    const [long] = describeMetadata({ note: "x".repeat(500) });
    expect(long!.value).toHaveLength(120);
    expect(long!.value.endsWith("…")).toBe(true);
    expect(describeMetadata({})).toEqual([]);
  });
});
