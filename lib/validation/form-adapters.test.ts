import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkboxValue, formAdapter, formValues, listValue } from "./form-adapters";
import { InvalidInputError, parseWire } from "./wire";

describe("form adapters", () => {
  it("read a field sent once, several times, or not at all", () => {
    expect(formValues(undefined)).toEqual([]);
    expect(formValues("a")).toEqual(["a"]);
    expect(formValues(["a", "b"])).toEqual(["a", "b"]);
  });

  it("turn a checkbox into a boolean: checked when any value is on, unchecked when absent, empty or false", () => {
    expect(checkboxValue("on")).toBe(true);
    expect(checkboxValue("true")).toBe(true);
    expect(checkboxValue(undefined)).toBe(false);
    expect(checkboxValue("")).toBe(false);
    expect(checkboxValue("false")).toBe(false);
    expect(checkboxValue(["false", "on"])).toBe(true);
    // Anything else is left for the wire schema to refuse.
    expect(checkboxValue("yes")).toBe("yes");
  });

  it("split a list typed in one field, or sent as repeated fields", () => {
    const split = (text: string) => text.split(",").map((part) => part.trim()).filter(Boolean);
    expect(listValue("a, b,c", split)).toEqual(["a", "b", "c"]);
    expect(listValue(["a, b", "c"], split)).toEqual(["a", "b", "c"]);
    expect(listValue(undefined, split)).toBeUndefined();
  });

  it("hand the wire schema the adapted fields, and keep its field names in errors", () => {
    const wire = z.object({ flag: z.boolean(), name: z.string().min(1, "Enter a name.") });
    const form = formAdapter(wire, (fields) => ({ ...fields, flag: checkboxValue(fields.flag) }));
    expect(form.parse({ name: "x", flag: "on" })).toEqual({ name: "x", flag: true });
    expect(form.safeParse({ name: "", flag: "yes" }).error?.issues.map((issue) => issue.path[0]).sort()).toEqual(["flag", "name"]);
  });
});

describe("parseWire", () => {
  const wire = z.object({ emails: z.array(z.string()).min(1, "Enter at least one."), role: z.enum(["admin", "member"], { message: "Choose a role." }) });

  it("returns the parsed input", () => {
    expect(parseWire(wire, { emails: ["a@example.test"], role: "admin" })).toEqual({ emails: ["a@example.test"], role: "admin" });
  });

  it("refuses with invalid_input, listing every failing field with its path", () => {
    const error = (() => {
      try {
        parseWire(wire, { emails: [], role: "owner" });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({
      code: "invalid_input",
      issues: [
        { path: ["emails"], message: "Enter at least one." },
        { path: ["role"], message: "Choose a role." },
      ],
      fieldErrors: { emails: ["Enter at least one."], role: ["Choose a role."] },
    });
  });
});
