import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { verifyCredentials } from "@/lib/auth/credentials";
import { signUp } from "@/lib/users/sign-up";
import { contextFor, createOrganizationWith, createUser, noRequest, uniqueEmail } from "@/test/factories";
import { inviteMembers } from "./create";
import { countPendingInvitationsForUser, listPendingInvitationsForUser } from "./queries";

describe("the in-console invitations inbox", () => {
  it("shows an address's invitations only once a user proved that mailbox", async () => {
    const owner = await createUser();
    const organization = await createOrganizationWith({ owner });
    const victim = uniqueEmail("victim");
    // Someone registers another person's address with their own password and never confirms it.
    await signUp({ name: "Squatter", email: victim, password: "squatters-own-secret" }, { ip: "2001:db8::inbox", userAgent: "vitest" });
    await inviteMembers(await contextFor(owner, organization.slug), { emails: [victim], role: "admin" });

    expect((await verifyCredentials(victim, "squatters-own-secret", noRequest)).status).toBe("unverified");
    expect(await listPendingInvitationsForUser(victim)).toEqual([]);
    expect(await countPendingInvitationsForUser(victim)).toBe(0);

    await db.update(users).set({ emailVerified: new Date() }).where(eq(users.email, victim));
    expect((await listPendingInvitationsForUser(victim)).map((i) => i.organizationName)).toEqual([organization.name]);
    expect(await countPendingInvitationsForUser(victim)).toBe(1);
  });
});
