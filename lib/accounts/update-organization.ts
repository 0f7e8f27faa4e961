import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { accounts, type Account } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import type { AccountContext } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/can";
import { isUniqueViolation, PublicError } from "@/lib/errors";
import { slugTakenMessage } from "./create-organization";
import { parseWire } from "@/lib/validation/wire";
import { organizationBody, type OrganizationInput } from "./schemas";

/** Updates an organization's settings; the audit event records each changed field's old and new value. */
export async function updateOrganization(ctx: AccountContext, body: OrganizationInput): Promise<Account> {
  assertCan(ctx, "account.update");
  const input = parseWire(organizationBody, body);
  if (ctx.account.kind !== "organization") throw new PublicError("personal_space_not_editable", "A personal space is edited through your profile.");
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(accounts).where(eq(accounts.id, ctx.account.id)).for("update");
      if (!before) throw new PublicError("account_not_found", "This organization no longer exists.");
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of ["name", "slug", "description", "isCompany"] as const) {
        if (before[key] !== input[key]) changes[key] = { from: before[key], to: input[key] };
      }
      if (Object.keys(changes).length === 0) return before;
      const [after] = await tx
        .update(accounts)
        .set({ name: input.name, slug: input.slug, description: input.description, isCompany: input.isCompany, updatedAt: new Date() })
        .where(eq(accounts.id, ctx.account.id))
        .returning();
      await recordAuditEvent(tx, ctx, { action: "organization.updated", targetType: "account", targetId: ctx.account.id, metadata: { changes } });
      return after!;
    });
  } catch (error) {
    if (isUniqueViolation(error, "accounts_slug_key")) throw PublicError.field("slug_taken", "slug", slugTakenMessage);
    throw error;
  }
}
