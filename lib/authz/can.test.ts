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
  "apiKeys.manageAll": ["owner", "admin"],
  "usage.report": [],
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
  "apiKeys.manageAll",
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
    it(`the owner of a personal space ${organizationOnly.has(permission) || !expected[permission].includes("owner") ? "may not" : "may"} ${permission}`, () => {
      expect(can({ role: "owner", accountKind: "personal" }, permission)).toBe(!organizationOnly.has(permission) && expected[permission].includes("owner"));
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

describe("who acts", () => {
  const member = (readOnly: boolean) => ({ kind: "member", channel: "api_key", userId: "u", email: "u@example.com", name: null, apiKey: { id: "k", name: "ci", readOnly } }) as const;
  it("a read-only key may read what its owner's role may, and write nothing", () => {
    expect(can({ role: "owner", accountKind: "organization", actor: member(true) }, "members.view")).toBe(true);
    expect(can({ role: "owner", accountKind: "organization", actor: member(true) }, "members.remove")).toBe(false);
    expect(can({ role: "owner", accountKind: "organization", actor: member(false) }, "members.remove")).toBe(true);
  });
  it("a read-only key does not widen its owner's role", () => {
    expect(can({ role: "member", accountKind: "organization", actor: member(true) }, "audit.view")).toBe(false);
  });
  it("the platform acts by its scopes, never by a role", () => {
    const platform = { kind: "platform", channel: "platform_key", platformKey: { id: "p", name: "billing-agent" }, scopes: ["usage:write"] } as const;
    expect(can({ role: null, accountKind: "organization", actor: platform }, "usage.report")).toBe(true);
    expect(can({ role: null, accountKind: "organization", actor: platform }, "account.view")).toBe(false);
    expect(can({ role: null, accountKind: "organization", actor: { ...platform, scopes: ["accounts:read"] } }, "account.view")).toBe(true);
    expect(can({ role: null, accountKind: "organization", actor: { ...platform, scopes: ["accounts:read"] } }, "members.remove")).toBe(false);
  });
  it("no member role reports usage", () => {
    for (const role of roles) expect(can({ role, accountKind: "organization" }, "usage.report")).toBe(false);
  });
  it("a job may do anything, but organization-only rules still hold", () => {
    const job = { kind: "system", channel: "job", job: "monthly-billing-run", label: "the monthly billing run" } as const;
    expect(can({ role: null, accountKind: "organization", actor: job }, "billing.manage")).toBe(true);
    expect(can({ role: null, accountKind: "personal", actor: job }, "members.invite")).toBe(false);
  });
  it("no role and no actor may do nothing", () => {
    expect(can({ role: null, accountKind: "organization" }, "account.view")).toBe(false);
  });
});
