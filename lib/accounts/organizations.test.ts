import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { accounts, auditEvents, memberships } from "@/db/schema";
import { ForbiddenError } from "@/lib/authz/can";
import { findAccountContext } from "@/lib/authz/account-context";
import { roles, type Role } from "@/lib/authz/roles";
import { PublicError } from "@/lib/errors";
import { actorFor, contextFor, createOrganizationWith, createUser, uniqueSlug } from "@/test/factories";
import { createOrganization } from "./create-organization";
import { organizationForm } from "./schemas";
import { updateOrganization } from "./update-organization";

const input = (slug = uniqueSlug()) => organizationForm.parse({ name: "Acme", slug, description: "Rockets", isCompany: "on" });

describe("createOrganization", () => {
  it("makes the creator its owner, starts suspended and records an audit event", async () => {
    const user = await createUser();
    const organization = await createOrganization(actorFor(user), input());
    expect(organization).toMatchObject({ kind: "organization", status: "suspended", isCompany: true, createdById: user.id });
    const [membership] = await db.select().from(memberships).where(eq(memberships.accountId, organization.id));
    expect(membership).toMatchObject({ userId: user.id, role: "owner" });
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, organization.id), eq(auditEvents.action, "organization.created")));
    expect(events).toHaveLength(1);
  });

  it("refuses a taken slug on the slug field, and changes nothing", async () => {
    const user = await createUser();
    const slug = uniqueSlug();
    await createOrganization(actorFor(user), input(slug));
    const error = await createOrganization(actorFor(user), input(slug)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublicError);
    expect((error as PublicError).fieldErrors?.slug?.[0]).toMatch(/already taken/);
    expect(await db.select().from(accounts).where(eq(accounts.slug, slug))).toHaveLength(1);
  });

  it("lets only one of two simultaneous creations with the same slug win", async () => {
    const [a, b] = [await createUser(), await createUser()];
    const slug = uniqueSlug();
    const results = await Promise.allSettled([createOrganization(actorFor(a), input(slug)), createOrganization(actorFor(b), input(slug))]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.select().from(accounts).where(eq(accounts.slug, slug))).toHaveLength(1);
  });
});

describe("updateOrganization", () => {
  const allowed: Role[] = ["owner", "admin"];
  for (const role of roles) {
    it(`${allowed.includes(role) ? "lets" : "refuses"} a ${role}`, async () => {
      const user = await createUser();
      const organization = await createOrganizationWith({ [role]: user });
      const ctx = await contextFor(user, organization.slug);
      const newSlug = uniqueSlug("renamed");
      const attempt = updateOrganization(ctx, input(newSlug));
      if (allowed.includes(role)) {
        await expect(attempt).resolves.toMatchObject({ slug: newSlug, name: "Acme" });
        const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, organization.id), eq(auditEvents.action, "organization.updated")));
        expect(event?.metadata).toMatchObject({ changes: { slug: { from: organization.slug, to: newSlug } } });
      } else {
        await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
        const [unchanged] = await db.select().from(accounts).where(eq(accounts.id, organization.id));
        expect(unchanged?.slug).toBe(organization.slug);
      }
    });
  }

  it("gives a non-member no context at all for another organization's slug", async () => {
    const owner = await createUser();
    const stranger = await createUser();
    const organization = await createOrganizationWith({ owner });
    expect(await findAccountContext(actorFor(stranger), organization.slug)).toBeNull();
    expect(await findAccountContext(actorFor(stranger), "no-such-organization")).toBeNull();
  });

  it("cannot edit a personal space as an organization", async () => {
    const user = await createUser();
    const [space] = await db.select().from(accounts).where(eq(accounts.personalOwnerId, user.id));
    const ctx = await contextFor(user, space!.slug);
    await expect(updateOrganization(ctx, input())).rejects.toBeInstanceOf(PublicError);
  });

  it("refuses a slug taken by another account", async () => {
    const owner = await createUser();
    const mine = await createOrganizationWith({ owner });
    const theirs = await createOrganizationWith({});
    const ctx = await contextFor(owner, mine.slug);
    await expect(updateOrganization(ctx, input(theirs.slug))).rejects.toMatchObject({ fieldErrors: { slug: [expect.stringMatching(/taken/)] } });
  });
});

describe("wire input", () => {
  it("createOrganization and updateOrganization validate what they are given with the wire schema, whoever calls", async () => {
    const user = await createUser();
    const slug = uniqueSlug();
    const refused = await createOrganization(actorFor(user), { name: "", slug, description: "", isCompany: "on" } as never).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "invalid_input", fieldErrors: { name: [expect.any(String)], isCompany: [expect.any(String)] } });
    expect(await db.select().from(accounts).where(eq(accounts.slug, slug))).toEqual([]);
    const organization = await createOrganization(actorFor(user), { name: "Wired", slug, description: "", isCompany: true });
    const ctx = await contextFor(user, organization.slug);
    await expect(updateOrganization(ctx, { name: "Wired", slug: "Not A Slug!", description: "", isCompany: false })).rejects.toMatchObject({ code: "invalid_input" });
    expect((await updateOrganization(ctx, { name: "Rewired", slug, description: "", isCompany: false })).name).toBe("Rewired");
  });
});
