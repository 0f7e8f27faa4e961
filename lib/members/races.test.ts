import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { mailOutbox, memberships } from "@/db/schema";
import { inviteMembers } from "@/lib/invitations/create";
import { respondToInvitation } from "@/lib/invitations/respond";
import { actorFor, contextFor, createOrganizationWith, createUser } from "@/test/factories";
import { changeMemberRole } from "./change-role";
import { leaveOrganization, removeMember } from "./remove-member";

const RUNS = 20;

async function owners(accountId: string) {
  return db.select().from(memberships).where(and(eq(memberships.accountId, accountId), eq(memberships.role, "owner")));
}

/** Races against real PostgreSQL, many times over: the organization never ends up without an owner. */
describe("races", () => {
  it("two owners demoting each other at the same moment", async () => {
    for (let run = 0; run < RUNS; run++) {
      const [a, b] = [await createUser(), await createUser()];
      const organization = await createOrganizationWith({ owner: a, admin: b });
      await db.update(memberships).set({ role: "owner" }).where(eq(memberships.userId, b.id));
      const [ctxA, ctxB] = [await contextFor(a, organization.slug), await contextFor(b, organization.slug)];
      const results = await Promise.allSettled([changeMemberRole(ctxA, b.id, "admin"), changeMemberRole(ctxB, a.id, "admin")]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await owners(organization.id)).toHaveLength(1);
    }
  });

  it("two owners removing each other at the same moment", async () => {
    for (let run = 0; run < RUNS; run++) {
      const [a, b] = [await createUser(), await createUser()];
      const organization = await createOrganizationWith([[a, "owner"], [b, "owner"]]);
      const [ctxA, ctxB] = [await contextFor(a, organization.slug), await contextFor(b, organization.slug)];
      await Promise.allSettled([removeMember(ctxA, b.id), removeMember(ctxB, a.id)]);
      expect(await owners(organization.id)).toHaveLength(1);
    }
  });

  it("the last owner leaving while another owner demotes them", async () => {
    for (let run = 0; run < RUNS; run++) {
      const [a, b] = [await createUser(), await createUser()];
      const organization = await createOrganizationWith([[a, "owner"], [b, "owner"]]);
      const [ctxA, ctxB] = [await contextFor(a, organization.slug), await contextFor(b, organization.slug)];
      // b leaves while a demotes b: whatever the order, someone is still an owner.
      await Promise.allSettled([leaveOrganization(ctxB), changeMemberRole(ctxA, b.id, "member"), leaveOrganization(ctxA)]);
      expect((await owners(organization.id)).length).toBeGreaterThanOrEqual(1);
    }
  });

  it("the same invitation accepted twice in parallel creates one membership", async () => {
    for (let run = 0; run < RUNS; run++) {
      const owner = await createUser();
      const organization = await createOrganizationWith({ owner });
      const invitee = await createUser();
      await inviteMembers(await contextFor(owner, organization.slug), { emails: [invitee.email], role: "developer" });
      const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.to, invitee.email.toLowerCase())).orderBy(desc(mailOutbox.createdAt)).limit(1);
      const token = /\/invite\/([\w-]+)/.exec(mail!.text)![1]!;
      const results = await Promise.allSettled([
        respondToInvitation(actorFor(invitee), { token }, "accept"),
        respondToInvitation(actorFor(invitee), { token }, "accept"),
      ]);
      expect(results.every((r) => r.status === "fulfilled")).toBe(true);
      const rows = await db.select().from(memberships).where(and(eq(memberships.accountId, organization.id), eq(memberships.userId, invitee.id)));
      expect(rows).toHaveLength(1);
      const notices = await db.select().from(mailOutbox).where(eq(mailOutbox.to, owner.email));
      expect(notices.filter((m) => /joined/.test(m.subject))).toHaveLength(1);
    }
  });

  it("the database itself refuses to leave an organization without an owner", async () => {
    const owner = await createUser();
    const organization = await createOrganizationWith({ owner });
    await expect(db.update(memberships).set({ role: "admin" }).where(eq(memberships.accountId, organization.id))).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/at least one owner/) },
    });
    await expect(db.delete(memberships).where(eq(memberships.accountId, organization.id))).rejects.toThrow();
    expect(await owners(organization.id)).toHaveLength(1);
  });
});
