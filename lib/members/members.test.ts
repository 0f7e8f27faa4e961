import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, memberships } from "@/db/schema";
import { findAccountContext } from "@/lib/authz/account-context";
import { ForbiddenError } from "@/lib/authz/can";
import { roles, type Role } from "@/lib/authz/roles";
import { actorFor, contextFor, createOrganizationWith, createUser } from "@/test/factories";
import { changeMemberRole } from "./change-role";
import { acceptOwnership, cancelOwnershipTransfer, declineOwnership, offerOwnership, pendingTransfer } from "./ownership-transfer";
import { listMembers } from "./queries";
import { leaveOrganization, removeMember } from "./remove-member";

async function roleOf(accountId: string, userId: string) {
  const [row] = await db.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.accountId, accountId), eq(memberships.userId, userId)));
  return row?.role;
}

describe("changeMemberRole", () => {
  for (const actorRole of roles) {
    const allowed = actorRole === "owner" || actorRole === "admin";
    it(`${allowed ? "lets" : "refuses"} a ${actorRole} to change a member's role`, async () => {
      const [actor, target] = [await createUser(), await createUser()];
      const owner = actorRole === "owner" ? actor : await createUser();
      const organization = await createOrganizationWith([...(actorRole === "owner" ? [] : [[owner, "owner"] as [typeof owner, Role]]), [actor, actorRole], [target, "member"]]);
      const ctx = await contextFor(actor, organization.slug);
      const attempt = changeMemberRole(ctx, target.id, "developer");
      if (allowed) {
        await attempt;
        expect(await roleOf(organization.id, target.id)).toBe("developer");
        const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, organization.id), eq(auditEvents.action, "member.role_changed")));
        expect(event?.metadata).toEqual({ from: "member", to: "developer" });
      } else {
        await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
        expect(await roleOf(organization.id, target.id)).toBe("member");
      }
    });
  }

  it("refuses another organization's member id and changes nothing", async () => {
    const [owner, outsider, theirOwner] = [await createUser(), await createUser(), await createUser()];
    const mine = await createOrganizationWith({ owner });
    const theirs = await createOrganizationWith({ owner: theirOwner, member: outsider });
    await expect(changeMemberRole(await contextFor(owner, mine.slug), outsider.id, "admin")).rejects.toThrow(/not a member/);
    expect(await roleOf(theirs.id, outsider.id)).toBe("member");
  });

  it("applies the rules: not yourself, not above your role, only owners touch owners", async () => {
    const [owner, admin, member] = [await createUser(), await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner, admin, member });
    const adminCtx = await contextFor(admin, organization.slug);
    await expect(changeMemberRole(adminCtx, admin.id, "member")).rejects.toThrow(/your own role/);
    await expect(changeMemberRole(adminCtx, owner.id, "member")).rejects.toThrow(/Only owners/);
    await expect(changeMemberRole(adminCtx, member.id, "owner")).rejects.toThrow(/Only owners/);
    await changeMemberRole(await contextFor(owner, organization.slug), member.id, "owner");
    expect(await roleOf(organization.id, member.id)).toBe("owner");
  });

  it("uses the actor's role from the database, not the one in a stale context", async () => {
    const [owner, admin, member] = [await createUser(), await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner, admin, member });
    const staleAdminCtx = await contextFor(admin, organization.slug);
    await changeMemberRole(await contextFor(owner, organization.slug), admin.id, "member");
    await expect(changeMemberRole(staleAdminCtx, member.id, "billing")).rejects.toBeInstanceOf(ForbiddenError);
    expect(await roleOf(organization.id, member.id)).toBe("member");
  });
});

describe("removeMember and leaveOrganization", () => {
  const allowedRemovers: Role[] = ["owner", "admin"];
  for (const actorRole of roles) {
    it(`${allowedRemovers.includes(actorRole) ? "lets" : "refuses"} a ${actorRole} to remove a member`, async () => {
      const [actor, target] = [await createUser(), await createUser()];
      const owner = actorRole === "owner" ? actor : await createUser();
      const organization = await createOrganizationWith([...(actorRole === "owner" ? [] : [[owner, "owner"] as [typeof owner, Role]]), [actor, actorRole], [target, "member"]]);
      const attempt = removeMember(await contextFor(actor, organization.slug), target.id);
      if (allowedRemovers.includes(actorRole)) {
        await attempt;
        // Access ends at once: the removed user's next request finds no membership.
        expect(await findAccountContext(actorFor(target), organization.slug)).toBeNull();
      } else {
        await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
        expect(await roleOf(organization.id, target.id)).toBe("member");
      }
    });
  }

  it("admins cannot remove owners; nobody removes another organization's member", async () => {
    const [owner, admin, stranger, theirOwner] = [await createUser(), await createUser(), await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner, admin });
    await createOrganizationWith({ owner: theirOwner, member: stranger });
    await expect(removeMember(await contextFor(admin, organization.slug), owner.id)).rejects.toThrow(/Only owners/);
    await expect(removeMember(await contextFor(owner, organization.slug), stranger.id)).rejects.toThrow(/not a member/);
  });

  it("the last owner cannot leave; a member can", async () => {
    const [owner, member] = [await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner, member });
    await expect(leaveOrganization(await contextFor(owner, organization.slug))).rejects.toThrow(/last owner/);
    await leaveOrganization(await contextFor(member, organization.slug));
    expect(await roleOf(organization.id, member.id)).toBeUndefined();
  });

  it("a personal space cannot be left", async () => {
    const user = await createUser();
    const { account } = await contextFor(user, (await db.query.accounts.findFirst({ where: (a, { eq }) => eq(a.personalOwnerId, user.id) }))!.slug);
    await expect(leaveOrganization(await contextFor(user, account.slug))).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("ownership transfer", () => {
  it("is offered by an owner, accepted by the recipient, and swaps the roles", async () => {
    const [owner, admin] = [await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner, admin });
    await offerOwnership(await contextFor(owner, organization.slug), admin.id, undefined);
    const offer = await pendingTransfer(await contextFor(owner, organization.slug));
    expect(offer).toMatchObject({ fromUserId: owner.id, toUserId: admin.id });
    await expect(offerOwnership(await contextFor(owner, organization.slug), admin.id, undefined)).rejects.toThrow(/already pending/);
    await expect(acceptOwnership(await contextFor(owner, organization.slug), offer!.id)).rejects.toThrow(/Only the member/);
    await acceptOwnership(await contextFor(admin, organization.slug), offer!.id);
    expect(await roleOf(organization.id, admin.id)).toBe("owner");
    expect(await roleOf(organization.id, owner.id)).toBe("admin");
  });

  it("can be declined or cancelled, and only owners offer it", async () => {
    const [owner, member] = [await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner, member });
    await expect(offerOwnership(await contextFor(member, organization.slug), owner.id, undefined)).rejects.toBeInstanceOf(ForbiddenError);
    await offerOwnership(await contextFor(owner, organization.slug), member.id, undefined);
    const first = await pendingTransfer(await contextFor(owner, organization.slug));
    await declineOwnership(await contextFor(member, organization.slug), first!.id);
    await offerOwnership(await contextFor(owner, organization.slug), member.id, undefined);
    const second = await pendingTransfer(await contextFor(owner, organization.slug));
    await cancelOwnershipTransfer(await contextFor(owner, organization.slug), second!.id);
    expect(await pendingTransfer(await contextFor(owner, organization.slug))).toBeNull();
    expect(await roleOf(organization.id, member.id)).toBe("member");
  });

  it("a removed recipient's pending offer is cancelled with the membership", async () => {
    const [owner, member] = [await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner, member });
    await offerOwnership(await contextFor(owner, organization.slug), member.id, undefined);
    await removeMember(await contextFor(owner, organization.slug), member.id);
    expect(await pendingTransfer(await contextFor(owner, organization.slug))).toBeNull();
  });
});

describe("listMembers", () => {
  it("searches, filters by role, sorts and paginates in SQL", async () => {
    const owner = await createUser({ name: "Zed Owner" });
    const people = await Promise.all(Array.from({ length: 30 }, (_, i) => createUser({ name: `Person ${String(i).padStart(2, "0")}` })));
    const organization = await createOrganizationWith({ owner });
    await db.insert(memberships).values(people.map((p, i) => ({ accountId: organization.id, userId: p.id, role: (i % 3 === 0 ? "developer" : "member") as Role })));
    const ctx = await contextFor(owner, organization.slug);

    const first = await listMembers(ctx, { sort: "name", page: 1 });
    expect(first.total).toBe(31);
    expect(first.pageCount).toBe(2);
    expect(first.rows).toHaveLength(25);
    expect(first.rows[0]?.name).toBe("Person 00");
    const second = await listMembers(ctx, { sort: "name", page: 2 });
    expect(second.rows.map((r) => r.name)).toContain("Zed Owner");

    const developers = await listMembers(ctx, { role: "developer", sort: "joined", page: 1 });
    expect(developers.total).toBe(10);
    const search = await listMembers(ctx, { q: "person 1", sort: "name", page: 1 });
    expect(search.rows.map((r) => r.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Person 1${i}`));
    const wildcard = await listMembers(ctx, { q: "%", sort: "name", page: 1 });
    expect(wildcard.total).toBe(0);
    const pastTheEnd = await listMembers(ctx, { sort: "name", page: 9 });
    expect(pastTheEnd).toMatchObject({ rows: [], total: 31 });
  });

  it("is refused in a personal space", async () => {
    const user = await createUser();
    const space = await db.query.accounts.findFirst({ where: (a, { eq }) => eq(a.personalOwnerId, user.id) });
    await expect(listMembers(await contextFor(user, space!.slug), { sort: "joined", page: 1 })).rejects.toBeInstanceOf(ForbiddenError);
  });
});


describe("machine codes", () => {
  it("each refusal carries its own stable code for the API", async () => {
    const [owner, admin, member, stranger, theirOwner] = [await createUser(), await createUser(), await createUser(), await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner, admin, member });
    await createOrganizationWith({ owner: theirOwner, member: stranger });
    const [ownerCtx, adminCtx] = [await contextFor(owner, organization.slug), await contextFor(admin, organization.slug)];
    const code = (attempt: Promise<unknown>) => attempt.then(() => "no error", (error: { code?: string }) => error.code);
    expect(await code(changeMemberRole(ownerCtx, stranger.id, "admin"))).toBe("member_not_found");
    expect(await code(changeMemberRole(adminCtx, admin.id, "member"))).toBe("own_role");
    expect(await code(changeMemberRole(adminCtx, owner.id, "member"))).toBe("owner_only");
    expect(await code(removeMember(adminCtx, admin.id))).toBe("remove_self");
    expect(await code(leaveOrganization(ownerCtx))).toBe("last_owner");
    expect(await code(offerOwnership(ownerCtx, owner.id, undefined))).toBe("already_owner");
    expect(await code(acceptOwnership(adminCtx, "00000000-0000-4000-8000-000000000000"))).toBe("transfer_not_pending");
  });
});
