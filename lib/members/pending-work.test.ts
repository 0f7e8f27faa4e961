import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, invitations, mailOutbox, memberships, ownershipTransfers } from "@/db/schema";
import { billingContactEmails } from "@/lib/billing/contacts";
import { inviteMembers } from "@/lib/invitations/create";
import { setBillingProfile } from "@/lib/invoices/test-support";
import { deleteUser } from "@/lib/users/profile";
import { respondToInvitation } from "@/lib/invitations/respond";
import { actorFor, contextFor, createOrganizationWith, createUser, uniqueEmail } from "@/test/factories";
import { changeMemberRole } from "./change-role";
import { acceptOwnership, offerOwnership } from "./ownership-transfer";
import { leaveOrganization, removeMember } from "./remove-member";

async function tokenMailedTo(email: string) {
  const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.to, email)).orderBy(desc(mailOutbox.createdAt)).limit(1);
  const token = /\/invite\/([\w-]+)/.exec(mail?.text ?? "")?.[1];
  if (!token) throw new Error(`no invitation mailed to ${email}`);
  return token;
}

async function invitationFor(accountId: string, email: string) {
  const [row] = await db.select().from(invitations).where(and(eq(invitations.accountId, accountId), eq(invitations.email, email)));
  return row!;
}

async function membershipOf(accountId: string, userId: string) {
  const [row] = await db.select().from(memberships).where(and(eq(memberships.accountId, accountId), eq(memberships.userId, userId)));
  return row;
}

/** An organization whose admin has invited a future colleague as admin. */
async function adminWithOpenInvitation() {
  const [owner, admin] = [await createUser({ name: "Olga Owner" }), await createUser({ name: "Adam Admin" })];
  const organization = await createOrganizationWith({ owner, admin });
  const invitee = await createUser({ email: uniqueEmail("invitee") });
  await inviteMembers(await contextFor(admin, organization.slug), { emails: [invitee.email], role: "admin" });
  return { owner, admin, organization, invitee, token: await tokenMailedTo(invitee.email.toLowerCase()) };
}

describe("a departing member's pending work", () => {
  it("removing an admin revokes their invitations (audited): the link makes nobody an admin, and the removed admin hears nothing", async () => {
    const { owner, admin, organization, invitee, token } = await adminWithOpenInvitation();
    await removeMember(await contextFor(owner, organization.slug), admin.id);

    const invitation = await invitationFor(organization.id, invitee.email.toLowerCase());
    expect(invitation.status).toBe("revoked");
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.targetId, invitation.id), eq(auditEvents.action, "invitation.revoked")));
    expect(event).toMatchObject({ accountId: organization.id, actorId: owner.id, metadata: expect.objectContaining({ reason: "member_removed", inviter: admin.id }) });

    await expect(respondToInvitation(actorFor(invitee), { token }, "accept")).rejects.toThrow("revoked");
    expect(await membershipOf(organization.id, invitee.id)).toBeUndefined();
    const joinedMails = await db.select().from(mailOutbox).where(eq(mailOutbox.to, admin.email.toLowerCase()));
    expect(joinedMails.filter((mail) => mail.subject.includes("joined"))).toHaveLength(0);
  });

  it("leaving revokes one's invitations and cancels one's ownership offers", async () => {
    const [owner, coOwner, member] = [await createUser(), await createUser(), await createUser()];
    const organization = await createOrganizationWith([
      [owner, "owner"],
      [coOwner, "owner"],
      [member, "member"],
    ]);
    const email = uniqueEmail("invitee");
    const ctx = await contextFor(coOwner, organization.slug);
    await inviteMembers(ctx, { emails: [email], role: "developer" });
    await offerOwnership(ctx, member.id, undefined);
    await leaveOrganization(ctx);
    expect((await invitationFor(organization.id, email)).status).toBe("revoked");
    const offers = await db.select().from(ownershipTransfers).where(eq(ownershipTransfers.accountId, organization.id));
    expect(offers.map((offer) => offer.status)).toEqual(["cancelled"]);
  });

  it("a role that can no longer invite takes its invitations back; what it still may grant stays", async () => {
    const [owner, admin, keeper] = [await createUser(), await createUser(), await createUser()];
    const organization = await createOrganizationWith([
      [owner, "owner"],
      [admin, "admin"],
      [keeper, "owner"],
    ]);
    const [byAdmin, byKeeper] = [uniqueEmail("by-admin"), uniqueEmail("by-keeper")];
    await inviteMembers(await contextFor(admin, organization.slug), { emails: [byAdmin], role: "member" });
    await inviteMembers(await contextFor(keeper, organization.slug), { emails: [byKeeper], role: "member" });
    const ownerCtx = await contextFor(owner, organization.slug);
    await changeMemberRole(ownerCtx, admin.id, "developer");
    expect((await invitationFor(organization.id, byAdmin)).status).toBe("revoked");
    // An owner made admin may still invite members: that invitation stands.
    await changeMemberRole(ownerCtx, keeper.id, "admin");
    expect((await invitationFor(organization.id, byKeeper)).status).toBe("pending");
  });

  it("acceptance re-checks the inviter's current role: no more than they could grant now", async () => {
    const { organization, admin, invitee, token } = await adminWithOpenInvitation();
    // A role lowered behind the code's back (or by any future path): acceptance still refuses.
    await db.update(memberships).set({ role: "member" }).where(and(eq(memberships.accountId, organization.id), eq(memberships.userId, admin.id)));
    await expect(respondToInvitation(actorFor(invitee), { token }, "accept")).rejects.toThrow("no longer stands");
    expect(await membershipOf(organization.id, invitee.id)).toBeUndefined();
    expect((await invitationFor(organization.id, invitee.email.toLowerCase())).status).toBe("revoked");
  });

  it("an invitation whose sender has no membership any more cannot be accepted", async () => {
    const { organization, admin, invitee } = await adminWithOpenInvitation();
    await db.delete(memberships).where(and(eq(memberships.accountId, organization.id), eq(memberships.userId, admin.id)));
    const invitation = await invitationFor(organization.id, invitee.email.toLowerCase());
    await expect(respondToInvitation(actorFor(invitee), { invitationId: invitation.id }, "accept")).rejects.toThrow("no longer stands");
    expect(await membershipOf(organization.id, invitee.id)).toBeUndefined();
  });

  it("an accepted ownership transfer hands the sender the recipient's role, and invitations above it end", async () => {
    const [owner, developer] = [await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner, developer });
    const email = uniqueEmail("invitee");
    const ownerCtx = await contextFor(owner, organization.slug);
    await inviteMembers(ownerCtx, { emails: [email], role: "admin" });
    await offerOwnership(ownerCtx, developer.id, undefined);
    const [offer] = await db.select().from(ownershipTransfers).where(eq(ownershipTransfers.accountId, organization.id));
    await acceptOwnership(await contextFor(developer, organization.slug), offer!.id);
    expect((await membershipOf(organization.id, owner.id))?.role).toBe("developer");
    expect((await invitationFor(organization.id, email)).status).toBe("revoked");
    expect((await db.select().from(ownershipTransfers).where(eq(ownershipTransfers.id, offer!.id)))[0]?.status).toBe("accepted");
  });

  it("a removed member who had put in their own address as billing email gets no more billing mail", async () => {
    const [owner, billing] = [await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner, billing });
    await setBillingProfile(organization.id, { country: "DE", billingEmail: billing.email });
    expect(await billingContactEmails(db, organization.id)).toContain(billing.email.toLowerCase());
    await removeMember(await contextFor(owner, organization.slug), billing.id);
    expect(await billingContactEmails(db, organization.id)).toEqual([owner.email.toLowerCase()]);
  });

  it("deleting one's account revokes the invitations one sent", async () => {
    const { admin, organization, invitee, token } = await adminWithOpenInvitation();
    await deleteUser(actorFor(admin), { confirmEmail: admin.email });
    expect((await invitationFor(organization.id, invitee.email.toLowerCase())).status).toBe("revoked");
    await expect(respondToInvitation(actorFor(invitee), { token }, "accept")).rejects.toThrow("revoked");
    const [left] = await db.select().from(auditEvents).where(and(eq(auditEvents.accountId, organization.id), eq(auditEvents.action, "member.left")));
    expect(left).toMatchObject({ targetId: admin.id, actorEmail: admin.email, metadata: { role: "admin", reason: "user_deleted" } });
  });

  it("removal and acceptance racing: the invitee never ends up an admin of an organization whose inviter is gone", async () => {
    for (let round = 0; round < 3; round++) {
      const { owner, admin, organization, invitee, token } = await adminWithOpenInvitation();
      const ownerCtx = await contextFor(owner, organization.slug);
      const [removal] = await Promise.allSettled([removeMember(ownerCtx, admin.id), respondToInvitation(actorFor(invitee), { token }, "accept")]);
      expect(removal.status).toBe("fulfilled");
      const joined = await membershipOf(organization.id, invitee.id);
      const invitation = await invitationFor(organization.id, invitee.email.toLowerCase());
      // Either the acceptance came first (and then the removal left it be), or the invitation was revoked.
      if (joined) expect(invitation.status).toBe("accepted");
      else expect(invitation.status).toBe("revoked");
    }
  });
});
