import { describe, expect, it } from "vitest";
import { inviteMembersBody, inviteMembersForm } from "./schemas";

describe("invitations: wire schema and form adapter", () => {
  it("the wire takes 1 to 10 addresses as an array, and a role", () => {
    expect(inviteMembersBody.parse({ emails: ["a@example.test", "not-an-email"], role: "developer" })).toEqual({ emails: ["a@example.test", "not-an-email"], role: "developer" });
    expect(inviteMembersBody.safeParse({ emails: [], role: "member" }).error?.issues[0]).toMatchObject({ path: ["emails"], message: "Enter at least one email address." });
    expect(inviteMembersBody.safeParse({ emails: Array.from({ length: 11 }, (_, i) => `u${i}@example.test`), role: "member" }).success).toBe(false);
    expect(inviteMembersBody.safeParse({ emails: "a@example.test", role: "member" }).success).toBe(false);
    expect(inviteMembersBody.safeParse({ emails: ["a@example.test"], role: "owner" }).success).toBe(true);
    expect(inviteMembersBody.safeParse({ emails: ["a@example.test"], role: "boss" }).error?.issues[0]?.path).toEqual(["role"]);
  });

  it("the form splits its textarea on commas, semicolons, spaces and new lines (repeated fields too)", () => {
    expect(inviteMembersForm.parse({ emails: "a@example.test, b@example.test;\nc@example.test  d@example.test", role: "member" }).emails).toEqual([
      "a@example.test",
      "b@example.test",
      "c@example.test",
      "d@example.test",
    ]);
    expect(inviteMembersForm.parse({ emails: ["a@example.test", "b@example.test c@example.test"], role: "member" }).emails).toHaveLength(3);
    expect(inviteMembersForm.safeParse({ emails: " \n ", role: "member" }).error?.issues[0]).toMatchObject({ path: ["emails"], message: "Enter at least one email address." });
    expect(inviteMembersForm.safeParse({ emails: Array(11).fill("x@example.test").join(" "), role: "member" }).error?.issues[0]?.message).toMatch(/at most 10/);
  });
});
