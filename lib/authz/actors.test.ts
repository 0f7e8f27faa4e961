import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { accounts, auditEvents, memberships } from "@/db/schema";
import { createOrganization } from "@/lib/accounts/create-organization";
import { deleteOrganization } from "@/lib/accounts/delete-organization";
import { updateOrganization } from "@/lib/accounts/update-organization";
import { saveBillingProfile } from "@/lib/billing/profile";
import { activateAfterPayment } from "@/lib/billing/activation";
import { PublicError } from "@/lib/errors";
import { inviteMembers } from "@/lib/invitations/create";
import { changeMemberRole } from "@/lib/members/change-role";
import { listMembers } from "@/lib/members/queries";
import { leaveOrganization, removeMember } from "@/lib/members/remove-member";
import { updateProfile } from "@/lib/users/profile";
import { actorFor, contextFor, createOrganizationWith, createUser, uniqueEmail, uniqueSlug, type TestUser } from "@/test/factories";
import type { AccountContext, ActorContext, PlatformActor } from "./actor";
import { findAccountContext } from "./account-context";
import { ForbiddenError } from "./can";
import { jobAccountContext } from "./job-context";
import type { Scope } from "./scopes";

const apiRequest = { ip: "198.51.100.20", userAgent: "ci-runner/1.0" };
const listQuery = { sort: "joined", page: 1 } as const;

/** What the API-key resolver builds: the key's owner, acting with their current role, through this key. */
async function keyContext(user: TestUser, slug: string, readOnly: boolean): Promise<AccountContext> {
  const session = await contextFor(user, slug);
  return { ...session, request: apiRequest, actor: { kind: "member", channel: "api_key", userId: user.id, email: user.email, name: user.name, apiKey: { id: `key-${user.id.slice(0, 8)}`, name: "ci-deploy", readOnly } } };
}

function platformContext(scopes: Scope[]): ActorContext & { actor: PlatformActor } {
  return { actor: { kind: "platform", channel: "platform_key", platformKey: { id: "pk-test", name: "billing-agent" }, scopes }, request: apiRequest };
}

async function eventCount(accountId: string) {
  const [row] = await db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.accountId, accountId));
  return row?.n ?? 0;
}

async function refusal(attempt: Promise<unknown>) {
  const error = await attempt.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ForbiddenError);
  return (error as ForbiddenError).code;
}

describe("a member through an API key", () => {
  it("acts with the owner's current role, and the audit log names the key and the address", async () => {
    const [owner, admin] = [await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner, admin });
    const ctx = await keyContext(admin, organization.slug, false);
    const invitee = uniqueEmail("via-key");
    expect(await inviteMembers(ctx, { emails: [invitee], role: "member" })).toEqual([expect.objectContaining({ ok: true })]);
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, organization.id), eq(auditEvents.action, "member.invited")));
    expect(event).toMatchObject({
      actorId: admin.id,
      actorEmail: admin.email,
      actorChannel: "api_key",
      actorCredentialId: ctx.actor.kind === "member" ? ctx.actor.apiKey!.id : "",
      actorLabel: "ci-deploy",
      ip: apiRequest.ip,
      userAgent: apiRequest.userAgent,
    });
  });

  it("loses the rights its owner loses: a demoted admin's key can no longer change roles", async () => {
    const [owner, admin, member] = [await createUser(), await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner, admin, member });
    const stale = await keyContext(admin, organization.slug, false);
    await changeMemberRole(await contextFor(owner, organization.slug), admin.id, "member");
    expect(await refusal(changeMemberRole(stale, member.id, "developer"))).toBe("forbidden");
    const [row] = await db.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.accountId, organization.id), eq(memberships.userId, member.id)));
    expect(row?.role).toBe("member");
  });

  it("read-only: reads what the owner's role may, and every write is refused by the lib functions, changing nothing", async () => {
    const [owner, member] = [await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner, member });
    const ctx = await keyContext(owner, organization.slug, true);
    expect((await listMembers(ctx, listQuery)).total).toBe(2);
    const before = await eventCount(organization.id);
    const writes: Promise<unknown>[] = [
      inviteMembers(ctx, { emails: [uniqueEmail("ro")], role: "member" }),
      changeMemberRole(ctx, member.id, "admin"),
      removeMember(ctx, member.id),
      leaveOrganization(ctx),
      updateOrganization(ctx, { name: "Renamed", slug: organization.slug, description: "", isCompany: false }),
      saveBillingProfile(ctx, { legalName: "X", addressLine1: "Y", addressLine2: "", postalCode: "1", city: "Z", region: "", country: "DE", taxId: "", billingEmail: "b@example.test" }),
      deleteOrganization(ctx, { confirmName: organization.name }),
    ];
    for (const write of writes) expect(await refusal(write)).toBe("read_only_key");
    // What only a person does is refused to a read-only key as well.
    const personal: ActorContext = { actor: ctx.actor, request: apiRequest };
    expect(await refusal(createOrganization(personal, { name: "Via key", slug: uniqueSlug(), description: "", isCompany: false }))).toBe("read_only_key");
    expect(await refusal(updateProfile(personal, "Renamed by a key"))).toBe("read_only_key");
    expect(await eventCount(organization.id)).toBe(before);
    const [unchanged] = await db.select().from(accounts).where(eq(accounts.id, organization.id));
    expect(unchanged?.name).toBe(organization.name);
    expect((await listMembers(ctx, listQuery)).total).toBe(2);
  });

  it("cannot stand in for the person's password: re-authenticated actions need a browser session", async () => {
    const owner = await createUser();
    const organization = await createOrganizationWith({ owner });
    const ctx = await keyContext(owner, organization.slug, false);
    const error = await deleteOrganization(ctx, { confirmName: organization.name, password: "whatever-it-is" }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(PublicError);
    expect(error).toMatchObject({ code: "session_required" });
    expect(await db.select().from(accounts).where(eq(accounts.id, organization.id))).toHaveLength(1);
  });

  it("finds no context in an account its owner does not belong to", async () => {
    const [owner, stranger] = [await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner });
    const key = { actor: { kind: "member", channel: "api_key", userId: stranger.id, email: stranger.email, name: stranger.name, apiKey: { id: "k", name: "k", readOnly: false } }, request: apiRequest } as const;
    expect(await findAccountContext(key, organization.slug)).toBeNull();
  });
});

describe("the platform", () => {
  it("sees every account with no role, reads what its scopes grant and nothing else", async () => {
    const owner = await createUser();
    const organization = await createOrganizationWith({ owner });
    const reader = await findAccountContext(platformContext(["members:read"]), organization.slug);
    expect(reader).toMatchObject({ role: null, accountKind: "organization", account: { id: organization.id } });
    expect((await listMembers(reader!, listQuery)).total).toBe(1);
    const blind = await findAccountContext(platformContext(["usage:write"]), organization.slug);
    expect(await refusal(listMembers(blind!, listQuery))).toBe("insufficient_scope");
    expect(await refusal(inviteMembers(reader!, { emails: [uniqueEmail("platform")], role: "member" }))).toBe("insufficient_scope");
    expect(await findAccountContext(platformContext(["members:read"]), "no-such-account")).toBeNull();
  });

  it("is never a person: creating an organization or leaving one is refused", async () => {
    const platform = platformContext(["accounts:read", "members:read", "usage:read", "usage:write", "audit:read"]);
    expect(await refusal(createOrganization(platform, { name: "Platform org", slug: uniqueSlug(), description: "", isCompany: false }))).toBe("forbidden");
    expect(await refusal(updateProfile(platform, "The platform"))).toBe("forbidden");
  });

  it("is recorded as the platform, with its key's id and name", async () => {
    const owner = await createUser();
    const organization = await createOrganizationWith({ owner }, "suspended");
    await db.transaction((tx) => activateAfterPayment(tx, platformContext(["usage:write"]), organization.id));
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, organization.id), eq(auditEvents.action, "account.activated")));
    expect(event).toMatchObject({ actorId: null, actorEmail: null, actorChannel: "platform_key", actorCredentialId: "pk-test", actorLabel: "billing-agent", ip: apiRequest.ip });
  });
});

describe("a job", () => {
  it("acts in an account by trust, but what needs a person is refused", async () => {
    const [owner, member] = [await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner, member });
    const job = jobAccountContext("test-job", "the test job", organization);
    expect((await listMembers(job, listQuery)).total).toBe(2);
    expect(await refusal(inviteMembers(job, { emails: [uniqueEmail("job")], role: "member" }))).toBe("forbidden");
    expect(await refusal(removeMember(job, member.id))).toBe("forbidden");
  });

  it("is recorded with the job's name and label, and no address", async () => {
    const owner = await createUser();
    const organization = await createOrganizationWith({ owner }, "suspended");
    await db.transaction((tx) => activateAfterPayment(tx, jobAccountContext("test-job", "the test job", organization), organization.id));
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, organization.id), eq(auditEvents.action, "account.activated")));
    expect(event).toMatchObject({ actorId: null, actorChannel: "job", actorCredentialId: "test-job", actorLabel: "the test job", ip: null, userAgent: null });
  });
});

describe("a member in a browser session", () => {
  it("is recorded with the session channel", async () => {
    const user = await createUser();
    const organization = await createOrganization(actorFor(user), { name: "Mine", slug: uniqueSlug(), description: "", isCompany: false });
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, organization.id), eq(auditEvents.action, "organization.created")));
    expect(event).toMatchObject({ actorId: user.id, actorChannel: "session", actorCredentialId: null, actorLabel: null });
  });
});
