import { describe, expect, it } from "vitest";
import { organizationBody, organizationForm } from "./schemas";

describe("organization: wire schema and form adapter", () => {
  it("the wire takes JSON: isCompany is a boolean (default false), description defaults to empty", () => {
    expect(organizationBody.parse({ name: " Acme ", slug: "Acme-Co" })).toEqual({ name: "Acme", slug: "acme-co", description: "", isCompany: false });
    expect(organizationBody.parse({ name: "Acme", slug: "acme", description: "Rockets", isCompany: true })).toMatchObject({ isCompany: true });
    expect(organizationBody.safeParse({ name: "Acme", slug: "acme", isCompany: "on" }).error?.issues[0]?.path).toEqual(["isCompany"]);
  });

  it("the form posts a checkbox: on, or nothing", () => {
    expect(organizationForm.parse({ name: "Acme", slug: "acme", description: "", isCompany: "on" })).toMatchObject({ isCompany: true });
    expect(organizationForm.parse({ name: "Acme", slug: "acme", description: "" })).toMatchObject({ isCompany: false });
    expect(organizationForm.safeParse({ name: "", slug: "acme", isCompany: "maybe" }).error?.issues.map((issue) => issue.path[0]).sort()).toEqual(["isCompany", "name"]);
  });

  it("what the form adapter produces is valid wire input, unchanged by a second parse", () => {
    const once = organizationForm.parse({ name: "  Acme  ", slug: "ACME", description: " x ", isCompany: "on" });
    expect(organizationBody.parse(once)).toEqual(once);
  });
});
