import "server-only";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { accounts, memberships, type Account } from "@/db/schema";
import { recordAuditEntry } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/user-sessions";
import { config } from "@/lib/config";
import { isUniqueViolation, PublicError } from "@/lib/errors";
import type { RequestInfo } from "@/lib/request-info";
import { assertUnderOrganizationCap } from "./organization-cap";
import type { OrganizationInput } from "./schemas";

export const slugTakenMessage = "This URL is already taken. Choose another.";

/** Creates an organization whose creator is its owner. Starts suspended unless the operator says otherwise. */
export async function createOrganization(user: SessionUser, input: OrganizationInput, request: RequestInfo): Promise<Account> {
  try {
    return await db.transaction(async (tx) => {
      await assertUnderOrganizationCap(tx, user.id);
      const [organization] = await tx
        .insert(accounts)
        .values({
          kind: "organization",
          name: input.name,
          slug: input.slug,
          description: input.description,
          isCompany: input.isCompany,
          status: config().NEW_ORGANIZATION_STATUS,
          createdById: user.id,
        })
        .returning();
      await tx.insert(memberships).values({ accountId: organization!.id, userId: user.id, role: "owner" });
      await recordAuditEntry(tx, {
        accountId: organization!.id,
        actor: user,
        action: "organization.created",
        targetType: "account",
        targetId: organization!.id,
        metadata: { name: input.name, slug: input.slug, status: organization!.status },
        request,
      });
      return organization!;
    });
  } catch (error) {
    if (isUniqueViolation(error, "accounts_slug_key")) throw PublicError.field("slug", slugTakenMessage);
    throw error;
  }
}

export async function isSlugAvailable(slug: string): Promise<boolean> {
  const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.slug, sql`lower(${slug})`));
  return !row;
}
