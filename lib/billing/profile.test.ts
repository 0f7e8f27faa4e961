import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { billingProfiles } from "@/db/schema";
import { ForbiddenError } from "@/lib/authz/can";
import { roles } from "@/lib/authz/roles";
import { contextFor, createOrganizationWith, createUser } from "@/test/factories";
import { getBillingProfile, saveBillingProfile } from "./profile";
import { billingProfileBody } from "./profile-schema";

const valid = {
  legalName: "Acme SAS",
  addressLine1: "1 rue de la Paix",
  postalCode: "75002",
  city: "Paris",
  country: "fr",
  taxId: "FR 40 303 265 045",
  billingEmail: "Billing@Acme.example",
};

describe("billingProfileBody", () => {
  it("normalises a valid profile", () => {
    expect(billingProfileBody.parse(valid)).toMatchObject({ country: "FR", taxId: "FR40303265045", billingEmail: "billing@acme.example", addressLine2: "" });
  });
  it("checks the VAT number against the chosen country", () => {
    const result = billingProfileBody.safeParse({ ...valid, country: "DE" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["taxId"] });
    expect(billingProfileBody.safeParse({ ...valid, taxId: "FR40303265046" }).error?.issues[0]?.message).toMatch(/check digits|not a valid/);
    expect(billingProfileBody.safeParse({ ...valid, country: "US", taxId: "12-3456789" }).success).toBe(true);
    expect(billingProfileBody.safeParse({ ...valid, taxId: "" }).success).toBe(true);
  });
  it("refuses unknown countries and missing fields with a message each", () => {
    const result = billingProfileBody.safeParse({ ...valid, country: "XX", city: "", billingEmail: "nope" });
    const fields = result.error?.issues.map((issue) => issue.path[0]).sort();
    expect(fields).toEqual(["billingEmail", "city", "country"]);
  });
});

describe("saveBillingProfile", () => {
  for (const role of roles) {
    const allowed = ["owner", "admin", "billing"].includes(role);
    it(`${allowed ? "lets" : "refuses"} a ${role}`, async () => {
      const user = await createUser();
      const organization = await createOrganizationWith([[user, role]]);
      const ctx = await contextFor(user, organization.slug);
      const attempt = saveBillingProfile(ctx, billingProfileBody.parse(valid));
      if (allowed) {
        await attempt;
        expect((await getBillingProfile(ctx))?.legalName).toBe("Acme SAS");
      } else {
        await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
        expect(await db.select().from(billingProfiles).where(eq(billingProfiles.accountId, organization.id))).toHaveLength(0);
        if (role === "developer" || role === "member") await expect(getBillingProfile(ctx)).rejects.toBeInstanceOf(ForbiddenError);
      }
    });
  }

  it("a personal space has a billing profile too, and saving twice updates it", async () => {
    const user = await createUser();
    const space = await db.query.accounts.findFirst({ where: (a, { eq }) => eq(a.personalOwnerId, user.id) });
    const ctx = await contextFor(user, space!.slug);
    await saveBillingProfile(ctx, billingProfileBody.parse(valid));
    await saveBillingProfile(ctx, billingProfileBody.parse({ ...valid, city: "Lyon", postalCode: "69001" }));
    expect(await getBillingProfile(ctx)).toMatchObject({ city: "Lyon", postalCode: "69001" });
  });
});
