import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { invitations, mailOutbox } from "@/db/schema";
import { contextFor, createOrganizationWith, createUser, uniqueEmail } from "@/test/factories";
import { inviteMembers } from "./create";
import { invitationMailboxRules } from "./mailbox-limit";
import { resendInvitation } from "./manage";

const hourly = invitationMailboxRules[0]!.rule.limit;

async function ownerOfNewOrganization() {
  const owner = await createUser();
  const organization = await createOrganizationWith({ owner });
  return { organization, ctx: await contextFor(owner, organization.slug) };
}

describe("one mailbox cannot be flooded with invitations", () => {
  it(`caps invitation mails to one address across organizations (${hourly} an hour), reporting it for that address only`, async () => {
    const target = uniqueEmail("flooded");
    for (let i = 0; i < hourly; i++) {
      const { ctx } = await ownerOfNewOrganization();
      expect((await inviteMembers(ctx, { emails: [target], role: "member" }))[0]?.ok).toBe(true);
    }
    const { ctx, organization } = await ownerOfNewOrganization();
    const bystander = uniqueEmail("bystander");
    const outcomes = await inviteMembers(ctx, { emails: [target.toUpperCase(), bystander], role: "member" });
    expect(outcomes).toEqual([
      { email: target.toUpperCase(), ok: false, invitationId: null, code: "mailbox_limit", message: expect.stringMatching(/^This address has received too many invitations in the last hour\. Try again in \d+ minutes?\.$/) },
      { email: bystander, ok: true, invitationId: expect.any(String), code: null, message: "Invited as Member." },
    ]);
    expect(await db.select().from(invitations).where(and(eq(invitations.accountId, organization.id), eq(invitations.email, target)))).toHaveLength(0);
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.to, target))).toHaveLength(hourly);
  });

  it("counts resends too", async () => {
    const target = uniqueEmail("resent");
    const { ctx, organization } = await ownerOfNewOrganization();
    await inviteMembers(ctx, { emails: [target], role: "member" });
    const [invitation] = await db.select().from(invitations).where(and(eq(invitations.accountId, organization.id), eq(invitations.email, target)));
    for (let i = 0; i < hourly - 2; i++) await inviteMembers((await ownerOfNewOrganization()).ctx, { emails: [target], role: "member" });
    await resendInvitation(ctx, invitation!.id);
    await expect(resendInvitation(ctx, invitation!.id)).rejects.toThrow("too many invitations");
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.to, target))).toHaveLength(hourly);
  });
});
