import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { ownershipTransfers } from "@/db/schema";
import { reauthenticationMessages, reauthenticationWindowMinutes } from "@/lib/auth/reauthentication";
import { hashPassword } from "@/lib/passwords";
import { contextFor, createOrganizationWith, createUser } from "@/test/factories";
import { offerOwnership } from "./ownership-transfer";

const password = "owner-password-123";

async function ownerWithStaleSession() {
  const [owner, admin] = [await createUser({ passwordHash: await hashPassword(password) }), await createUser()];
  const organization = await createOrganizationWith({ owner, admin });
  await db.execute(sql`update user_sessions set authenticated_at = now() - make_interval(mins => ${reauthenticationWindowMinutes + 1}) where id = ${owner.sessionId}`);
  return { owner, admin, organization, ctx: await contextFor(owner, organization.slug) };
}
const offers = (accountId: string) => db.select().from(ownershipTransfers).where(eq(ownershipTransfers.accountId, accountId));

describe("offering ownership asks for the password", () => {
  it("is refused without a password when the sign-in is not recent, and nothing is offered", async () => {
    const { admin, organization, ctx } = await ownerWithStaleSession();
    await expect(offerOwnership(ctx, admin.id, undefined)).rejects.toMatchObject({ fieldErrors: { password: [reauthenticationMessages.missing] } });
    expect(await offers(organization.id)).toHaveLength(0);
  });

  it("is refused with a wrong password", async () => {
    const { admin, organization, ctx } = await ownerWithStaleSession();
    await expect(offerOwnership(ctx, admin.id, "not-the-password")).rejects.toMatchObject({ fieldErrors: { password: [reauthenticationMessages.wrong] } });
    expect(await offers(organization.id)).toHaveLength(0);
  });

  it("is offered with the password", async () => {
    const { admin, organization, ctx } = await ownerWithStaleSession();
    await offerOwnership(ctx, admin.id, password);
    expect(await offers(organization.id)).toMatchObject([{ toUserId: admin.id, status: "pending" }]);
  });

  it("is offered without typing it again right after signing in", async () => {
    const [owner, admin] = [await createUser({ passwordHash: await hashPassword(password) }), await createUser()];
    const organization = await createOrganizationWith({ owner, admin });
    await offerOwnership(await contextFor(owner, organization.slug), admin.id, undefined);
    expect(await offers(organization.id)).toHaveLength(1);
  });
});
