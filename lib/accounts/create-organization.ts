import "server-only";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { accounts, memberships, type Account } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import type { ActorContext } from "@/lib/authz/actor";
import { actingMember } from "@/lib/authz/member-actor";
import { config } from "@/lib/config";
import { isUniqueViolation, PublicError } from "@/lib/errors";
import { assertUnderOrganizationCap } from "./organization-cap";
import { parseWire } from "@/lib/validation/wire";
import { organizationBody, type OrganizationInput } from "./schemas";

export const slugTakenMessage = "This URL is already taken. Choose another.";

/** Creates an organization whose creator (a person, never the platform or a job) is its owner. Starts suspended unless the operator says otherwise. */
export async function createOrganization(ctx: ActorContext, body: OrganizationInput): Promise<Account> {
  const user = actingMember(ctx);
  const input = parseWire(organizationBody, body);
  try {
    return await db.transaction(async (tx) => {
      await assertUnderOrganizationCap(tx, user.userId);
      const [organization] = await tx
        .insert(accounts)
        .values({
          kind: "organization",
          name: input.name,
          slug: input.slug,
          description: input.description,
          isCompany: input.isCompany,
          status: config().NEW_ORGANIZATION_STATUS,
          createdById: user.userId,
        })
        .returning();
      await tx.insert(memberships).values({ accountId: organization!.id, userId: user.userId, role: "owner" });
      await recordAuditEvent(tx, ctx, {
        accountId: organization!.id,
        action: "organization.created",
        targetType: "account",
        targetId: organization!.id,
        metadata: { name: input.name, slug: input.slug, status: organization!.status },
      });
      return organization!;
    });
  } catch (error) {
    if (isUniqueViolation(error, "accounts_slug_key")) throw PublicError.field("slug_taken", "slug", slugTakenMessage);
    throw error;
  }
}

export async function isSlugAvailable(slug: string): Promise<boolean> {
  const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.slug, sql`lower(${slug})`));
  return !row;
}
