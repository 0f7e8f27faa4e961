import { describe, expect, it } from "vitest";
import { assertCan, can, ForbiddenError } from "./can";
import { permissionNames, type Permission } from "./permissions";
import { canGrantRole, roles, type Role } from "./roles";

/** The matrix from product.md, written out independently of permissions.ts so that a typo in either fails. */
const expected: Record<Permission, Role[]> = {
  "account.view": ["owner", "admin", "billing", "developer", "member"],
  "account.update": ["owner", "admin"],
  "account.delete": ["owner"],
  "members.view": ["owner", "admin", "billing", "developer", "member"],
  "members.invite": ["owner", "admin"],
  "members.updateRole": ["owner", "admin"],
  "members.remove": ["owner", "admin"],
  "members.leave": ["owner", "admin", "billing", "developer", "member"],
  "ownership.transfer": ["owner"],
  "audit.view": ["owner", "admin"],
  "billing.view": ["owner", "admin", "billing"],
  "billing.manage": ["owner", "admin", "billing"],
  "consumption.view": ["owner", "admin", "billing", "developer"],
  "apiKeys.manageOwn": ["owner", "admin", "developer"],
  "notifications.manageOwn": ["owner", "admin", "billing", "developer", "member"],
  "webhooks.manage": ["owner", "admin"],
};
const organizationOnly = new Set<Permission>([
  "account.delete",
  "members.view",
  "members.invite",
  "members.updateRole",
  "members.remove",
  "members.leave",
  "ownership.transfer",
  "webhooks.manage",
]);

describe("permission matrix", () => {
  it("covers exactly the expected permissions", () => {
    expect([...permissionNames].sort()).toEqual(Object.keys(expected).sort());
  });

  for (const permission of permissionNames) {
    for (const role of roles) {
      const allowed = expected[permission].includes(role);
      it(`${role} ${allowed ? "may" : "may not"} ${permission} in an organization`, () => {
        expect(can({ role, accountKind: "organization" }, permission)).toBe(allowed);
        if (allowed) expect(() => assertCan({ role, accountKind: "organization" }, permission)).not.toThrow();
        else expect(() => assertCan({ role, accountKind: "organization" }, permission)).toThrow(ForbiddenError);
      });
    }
    it(`the owner of a personal space ${organizationOnly.has(permission) ? "may not" : "may"} ${permission}`, () => {
      expect(can({ role: "owner", accountKind: "personal" }, permission)).toBe(!organizationOnly.has(permission));
    });
  }
});

describe("canGrantRole", () => {
  const table: [Role, Role, boolean][] = [
    ["owner", "owner", true],
    ["owner", "admin", true],
    ["admin", "owner", false],
    ["admin", "admin", true],
    ["admin", "billing", true],
    ["admin", "member", true],
    ["billing", "developer", false],
    ["developer", "billing", false],
    ["billing", "billing", true],
    ["billing", "member", true],
    ["member", "member", true],
    ["member", "developer", false],
  ];
  it.each(table)("%s granting %s → %s", (granter, target, result) => {
    expect(canGrantRole(granter, target)).toBe(result);
  });
});
