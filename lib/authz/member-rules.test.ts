import { describe, expect, it } from "vitest";
import { invitableRoles, removalRefusal, roleChangeRefusal } from "./member-rules";
import type { Role } from "./roles";

const me = (role: Role) => ({ userId: "me", role });
const them = (role: Role) => ({ userId: "them", role });

describe("roleChangeRefusal", () => {
  it("nobody changes their own role, not even an owner", () => {
    expect(roleChangeRefusal(me("owner"), me("owner"), "admin")).toEqual({ code: "own_role", message: expect.stringMatching(/your own role/) });
  });
  it.each<[Role, Role, Role, boolean]>([
    ["owner", "owner", "admin", true],
    ["owner", "member", "owner", true],
    ["owner", "admin", "member", true],
    ["admin", "owner", "admin", false],
    ["admin", "member", "owner", false],
    ["admin", "member", "admin", true],
    ["admin", "admin", "member", true],
    ["admin", "billing", "developer", true],
    ["billing", "member", "developer", false],
    ["developer", "member", "billing", false],
  ])("%s changing a %s to %s → %s", (actor, target, newRole, allowed) => {
    expect(roleChangeRefusal(me(actor), them(target), newRole) === null).toBe(allowed);
  });
});

describe("removalRefusal", () => {
  it.each<[Role, Role, boolean]>([
    ["owner", "owner", true],
    ["owner", "admin", true],
    ["admin", "owner", false],
    ["admin", "admin", true],
    ["admin", "member", true],
  ])("%s removing a %s → %s", (actor, target, allowed) => {
    expect(removalRefusal(me(actor), them(target)) === null).toBe(allowed);
  });
  it("nobody removes themselves", () => expect(removalRefusal(me("owner"), me("owner"))).toEqual({ code: "remove_self", message: expect.stringMatching(/leave/) }));
});

describe("invitableRoles", () => {
  it("never offers owner, and nothing above the inviter", () => {
    expect(invitableRoles("owner")).toEqual(["admin", "billing", "developer", "member"]);
    expect(invitableRoles("admin")).toEqual(["admin", "billing", "developer", "member"]);
    expect(invitableRoles("member")).toEqual(["member"]);
  });
});
