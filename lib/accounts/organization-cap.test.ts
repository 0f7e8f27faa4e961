import { afterEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { inviteMembers } from "@/lib/invitations/create";
import { respondToInvitation } from "@/lib/invitations/respond";
import { actorFor, contextFor, createOrganizationWith, createUser, uniqueSlug } from "@/test/factories";
import { db } from "@/db/client";
import { invitations } from "@/db/schema";
import { eq } from "drizzle-orm";
import { createOrganization } from "./create-organization";
import { organizationForm } from "./schemas";

const input = () => organizationForm.parse({ name: "Capped", slug: uniqueSlug() });

describe("MAX_ORGANIZATIONS_PER_USER", () => {
  afterEach(() => {
    delete process.env.MAX_ORGANIZATIONS_PER_USER;
    resetConfigForTests();
  });

  it("with a cap of 1, a second organization can be neither created nor joined, even concurrently", async () => {
    process.env.MAX_ORGANIZATIONS_PER_USER = "1";
    resetConfigForTests();
    const user = await createUser();
    const results = await Promise.allSettled([createOrganization(actorFor(user), input()), createOrganization(actorFor(user), input())]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    await expect(createOrganization(actorFor(user), input())).rejects.toThrow(/at most 1 organization/);

    const owner = await createUser();
    const other = await createOrganizationWith({ owner });
    await inviteMembers(await contextFor(owner, other.slug), { emails: [user.email], role: "member" });
    const [invitation] = await db.select().from(invitations).where(eq(invitations.email, user.email.toLowerCase()));
    await expect(respondToInvitation(actorFor(user), { invitationId: invitation!.id }, "accept")).rejects.toThrow(/at most 1 organization/);
  });

  it("has no cap by default", async () => {
    const user = await createUser();
    for (let i = 0; i < 3; i++) await createOrganization(actorFor(user), input());
  });
});
