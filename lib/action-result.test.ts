import { describe, expect, it } from "vitest";
import { z } from "zod";
import { failure, invalid, NOT_A_FORM_MESSAGE, parseForm } from "./action-result";
import { ForbiddenError } from "./authz/can";
import { PublicError } from "./errors";
import { DISALLOWED_CHARACTERS_MESSAGE } from "./validation/text";

const schema = z.object({ name: z.string().min(1), note: z.string().optional() });

function form(entries: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.append(key, value);
  return data;
}

describe("parseForm", () => {
  it("parses a form", () => {
    expect(parseForm(schema, form({ name: "Ann", $ACTION_ID_x: "" }))).toEqual({ success: true, data: { name: "Ann" } });
  });

  it.each([undefined, null, "name=Ann", 42, ["name", "Ann"], { name: "Ann" }, { entries: "nope" }, new URLSearchParams("name=Ann")])(
    "answers %j, which is not a form, with an error instead of throwing",
    (value) => {
      const parsed = parseForm(schema, value);
      expect(parsed.success).toBe(false);
      if (!parsed.success) expect(invalid(parsed.error)).toMatchObject({ status: "error", message: NOT_A_FORM_MESSAGE });
    },
  );

  it.each(["Ann\u0000", "\u0007bell", "a\u001bb", "del\u007f", "c1\u0085"])("refuses %j with a field error", (name) => {
    const parsed = parseForm(schema, form({ name, note: "fine" }));
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(invalid(parsed.error)).toHaveProperty("fieldErrors", { name: [DISALLOWED_CHARACTERS_MESSAGE] });
  });

  it("keeps tabs and line breaks, which textareas send", () => {
    expect(parseForm(schema, form({ name: "Ann", note: "line 1\r\nline\t2" })).success).toBe(true);
  });

  it("keeps a repeated key: its values become an array, in order", () => {
    const data = new FormData();
    data.append("tag", "a");
    data.append("name", "Ann");
    data.append("tag", "b");
    data.append("tag", "c");
    const tags = z.object({ name: z.string(), tag: z.array(z.string()) });
    expect(parseForm(tags, data)).toEqual({ success: true, data: { name: "Ann", tag: ["a", "b", "c"] } });
    // A schema that wants one value refuses two, rather than silently keeping one of them.
    expect(parseForm(schema, form({ name: "Ann" })).success).toBe(true);
    const twice = new FormData();
    twice.append("name", "Ann");
    twice.append("name", "Bob");
    expect(parseForm(schema, twice).success).toBe(false);
  });

  it("checks every value of a repeated key for control characters, with one error for the field", () => {
    const data = new FormData();
    data.append("tag", "fine");
    data.append("tag", "bad\u0000");
    data.append("tag", "also\u0007bad");
    const parsed = parseForm(z.object({ tag: z.array(z.string()) }), data);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(invalid(parsed.error)).toHaveProperty("fieldErrors", { tag: [DISALLOWED_CHARACTERS_MESSAGE] });
  });

  it("treats prototype keys as plain fields", () => {
    const data = form({ name: "Ann" });
    for (const key of ["__proto__", "constructor", "toString"]) data.append(key, "x");
    const parsed = parseForm(schema, data);
    expect(parsed).toEqual({ success: true, data: { name: "Ann" } });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe("failure", () => {
  it("shows a PublicError's message and field errors, never its machine code", () => {
    expect(failure(new PublicError("last_owner", "You are the last owner."))).toEqual({ status: "error", message: "You are the last owner.", fieldErrors: undefined });
    const result = failure(PublicError.field("slug_taken", "slug", "This URL is already taken."));
    expect(result).toEqual({ status: "error", message: "This URL is already taken.", fieldErrors: { slug: ["This URL is already taken."] } });
    expect(JSON.stringify(result)).not.toContain("slug_taken");
  });

  it("says no permission for a refusal, whatever its code", () => {
    expect(failure(new ForbiddenError("members.remove", "read_only_key"))).toEqual({ status: "error", message: "You do not have permission to do that." });
  });
});
