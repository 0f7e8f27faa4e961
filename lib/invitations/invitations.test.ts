import { and, desc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { invitations, mailOutbox, memberships } from "@/db/schema";
import { ForbiddenError } from "@/lib/authz/can";
import { roles } from "@/lib/authz/roles";
import { actorFor, contextFor, createOrganizationWith, createUser, uniqueEmail } from "@/test/factories";
import { inviteMembers } from "./create";
import { dismissInvitation, resendInvitation, revokeInvitation } from "./manage";
import { findInvitationByToken, listOpenInvitations, listPendingInvitationsForUser } from "./queries";
import { respondToInvitation } from "./respond";

async function tokenMailedTo(email: string) {
  const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.to, email)).orderBy(desc(mailOutbox.createdAt)).limit(1);
  return /\/invite\/([\w-]+)/.exec(mail?.text ?? "")?.[1];
}

async function invitationFor(accountId: string, email: string) {
  const [row] = await db.select().from(invitations).where(and(eq(invitations.accountId, accountId), eq(invitations.email, email)));
  return row!;
}

describe("inviteMembers", () => {
  it("checks each address on its own and still invites the valid ones", async () => {
    const [owner, member] = [await createUser(), await createUser()];
    const organization = await createOrganizationWith({ owner, member });
    const ctx = await contextFor(owner, organization.slug);
    const [fresh, again] = [uniqueEmail("fresh"), uniqueEmail("again")];
    await inviteMembers(ctx, { emails: [again], role: "member" });
    const outcomes = await inviteMembers(ctx, { emails: [fresh, "not-an-email", member.email.toUpperCase(), again, fresh.toUpperCase()], role: "developer" });
    expect(outcomes).toEqual([
      { email: fresh, ok: true, invitationId: expect.any(String), code: null, message: "Invited as Developer." },
      { email: "not-an-email", ok: false, invitationId: null, code: "invalid_email", message: "This is not a valid email address." },
      { email: member.email.toUpperCase(), ok: false, invitationId: null, code: "already_member", message: "Already a member of this organization." },
      { email: again, ok: false, invitationId: null, code: "already_invited", message: "Already invited: resend the invitation instead." },
      { email: fresh.toUpperCase(), ok: false, invitationId: null, code: "duplicate_email", message: "This address appears more than once in the list." },
    ]);
    const invitation = await invitationFor(organization.id, fresh);
    expect(invitation).toMatchObject({ role: "developer", status: "pending", invitedById: owner.id });
    expect(invitation.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    const token = await tokenMailedTo(fresh);
    expect(token).toBeTruthy();
    expect(invitation.tokenHash).not.toBe(token);
  });

  for (const role of roles) {
    const allowed = role === "owner" || role === "admin";
    it(`${allowed ? "lets" : "refuses"} a ${role} to invite`, async () => {
      const actor = await createUser();
      const organization = await createOrganizationWith([[actor, role]]);
      const email = uniqueEmail("invitee");
      const attempt = inviteMembers(await contextFor(actor, organization.slug), { emails: [email], role: "member" });
      if (allowed) expect((await attempt)[0]?.ok).toBe(true);
      else {
        await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
        expect(await db.select().from(invitations).where(eq(invitations.email, email))).toHaveLength(0);
      }
    });
  }

  it("never invites as owner, nor above the inviter's role", async () => {
    const admin = await createUser();
    const organization = await createOrganizationWith({ admin });
    const ctx = await contextFor(admin, organization.slug);
    await expect(inviteMembers(ctx, { emails: [uniqueEmail()], role: "owner" })).rejects.toMatchObject({ fieldErrors: { role: [expect.stringMatching(/transferring ownership/)] } });
    expect((await inviteMembers(ctx, { emails: [uniqueEmail()], role: "admin" }))[0]?.ok).toBe(true);
  });

  it("cannot invite into a personal space", async () => {
    const user = await createUser();
    const space = await db.query.accounts.findFirst({ where: (a, { eq }) => eq(a.personalOwnerId, user.id) });
    await expect(inviteMembers(await contextFor(user, space!.slug), { emails: [uniqueEmail()], role: "member" })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("managing invitations", () => {
  it("resending kills the old link and restarts the expiry; revoking kills it too", async () => {
    const owner = await createUser();
    const organization = await createOrganizationWith({ owner });
    const ctx = await contextFor(owner, organization.slug);
    const email = uniqueEmail("resend");
    await inviteMembers(ctx, { emails: [email], role: "member" });
    const oldToken = (await tokenMailedTo(email))!;
    const invitation = await invitationFor(organization.id, email);
    await db.update(invitations).set({ expiresAt: sql`now() - interval '1 day'` }).where(eq(invitations.id, invitation.id));
    expect((await listOpenInvitations(ctx, 1)).rows.find((r) => r.id === invitation.id)).toBeTruthy();

    await resendInvitation(ctx, invitation.id);
    const newToken = (await tokenMailedTo(email))!;
    expect(newToken).not.toBe(oldToken);
    expect(await findInvitationByToken(oldToken)).toBeUndefined();
    expect((await findInvitationByToken(newToken))?.expiresAt.getTime()).toBeGreaterThan(Date.now());
    await resendInvitation(ctx, invitation.id);
    await resendInvitation(ctx, invitation.id);
    await expect(resendInvitation(ctx, invitation.id)).rejects.toThrow(/resent too often/);

    await revokeInvitation(ctx, invitation.id);
    const invitee = await createUser({ email });
    await expect(respondToInvitation(actorFor(invitee), { token: (await tokenMailedTo(email))! }, "accept")).rejects.toThrow(/revoked/);
  });

  it("only expired invitations can be dismissed", async () => {
    const owner = await createUser();
    const organization = await createOrganizationWith({ owner });
    const ctx = await contextFor(owner, organization.slug);
    const email = uniqueEmail("dismiss");
    await inviteMembers(ctx, { emails: [email], role: "member" });
    const invitation = await invitationFor(organization.id, email);
    await expect(dismissInvitation(ctx, invitation.id)).rejects.toThrow(/Only expired/);
    await db.update(invitations).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(invitations.id, invitation.id));
    await dismissInvitation(ctx, invitation.id);
    expect((await listOpenInvitations(ctx, 1)).rows).toHaveLength(0);
  });

  it("refuses another organization's invitation ids and lower roles", async () => {
    const [owner, theirOwner, member] = [await createUser(), await createUser(), await createUser()];
    const mine = await createOrganizationWith({ owner, member });
    const theirs = await createOrganizationWith({ owner: theirOwner });
    const email = uniqueEmail("theirs");
    await inviteMembers(await contextFor(theirOwner, theirs.slug), { emails: [email], role: "member" });
    const theirInvitation = await invitationFor(theirs.id, email);
    const ctx = await contextFor(owner, mine.slug);
    await expect(revokeInvitation(ctx, theirInvitation.id)).rejects.toThrow(/does not exist in this organization/);
    await expect(resendInvitation(ctx, theirInvitation.id)).rejects.toThrow(/does not exist in this organization/);
    await expect(revokeInvitation(await contextFor(member, mine.slug), theirInvitation.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await invitationFor(theirs.id, email)).status).toBe("pending");
  });
});

describe("respondToInvitation", () => {
  it("accepts with the invited role, once, and tells the inviter", async () => {
    const owner = await createUser();
    const organization = await createOrganizationWith({ owner });
    const invitee = await createUser();
    await inviteMembers(await contextFor(owner, organization.slug), { emails: [invitee.email], role: "billing" });
    expect((await listPendingInvitationsForUser(invitee.email)).map((i) => i.organizationName)).toContain(organization.name);
    const token = (await tokenMailedTo(invitee.email))!;
    await respondToInvitation(actorFor(invitee), { token }, "accept");
    const [membership] = await db.select().from(memberships).where(and(eq(memberships.accountId, organization.id), eq(memberships.userId, invitee.id)));
    expect(membership?.role).toBe("billing");
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.to, owner.email)).orderBy(desc(mailOutbox.createdAt)).limit(1);
    expect(mail?.subject).toMatch(/joined/);
    await expect(respondToInvitation(actorFor(invitee), { token }, "accept")).resolves.toMatchObject({ slug: organization.slug });
  });

  it("refuses a user signed in with another email, and expired or declined invitations", async () => {
    const owner = await createUser();
    const organization = await createOrganizationWith({ owner });
    const ctx = await contextFor(owner, organization.slug);
    const [invitee, other] = [await createUser(), await createUser()];
    await inviteMembers(ctx, { emails: [invitee.email], role: "member" });
    const token = (await tokenMailedTo(invitee.email))!;
    await expect(respondToInvitation(actorFor(other), { token }, "accept")).rejects.toThrow(/another email address/);
    await expect(respondToInvitation(actorFor(invitee), { token: "nope" }, "accept")).rejects.toThrow(/not valid/);
    await db.update(invitations).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(invitations.email, invitee.email.toLowerCase()));
    await expect(respondToInvitation(actorFor(invitee), { token }, "accept")).rejects.toThrow(/expired/);

    const decliner = await createUser();
    await inviteMembers(ctx, { emails: [decliner.email], role: "member" });
    const invitation = await invitationFor(organization.id, decliner.email.toLowerCase());
    await respondToInvitation(actorFor(decliner), { invitationId: invitation.id }, "decline");
    await expect(respondToInvitation(actorFor(decliner), { invitationId: invitation.id }, "accept")).rejects.toThrow(/declined/);
  });
});

describe("wire input", () => {
  it("inviteMembers refuses a batch its wire schema refuses, inviting nobody", async () => {
    const owner = await createUser();
    const organization = await createOrganizationWith({ owner });
    const ctx = await contextFor(owner, organization.slug);
    const eleven = Array.from({ length: 11 }, () => uniqueEmail("batch"));
    await expect(inviteMembers(ctx, { emails: eleven, role: "member" })).rejects.toMatchObject({ code: "invalid_input", fieldErrors: { emails: [expect.stringMatching(/at most 10/)] } });
    await expect(inviteMembers(ctx, { emails: [uniqueEmail()], role: "boss" as never })).rejects.toMatchObject({ code: "invalid_input" });
    expect(await db.select().from(invitations).where(eq(invitations.accountId, organization.id))).toEqual([]);
  });
});
