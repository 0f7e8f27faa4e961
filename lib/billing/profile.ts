import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { billingProfiles } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import type { AccountContext } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/can";
import { parseWire } from "@/lib/validation/wire";
import { billingProfileBody, type BillingProfileInput } from "./profile-schema";

export async function getBillingProfile(ctx: AccountContext) {
  assertCan(ctx, "billing.view");
  const [profile] = await db.select().from(billingProfiles).where(eq(billingProfiles.accountId, ctx.account.id));
  return profile ?? null;
}

/** Creates or replaces the account's billing profile; the audit event lists the fields that changed. */
export async function saveBillingProfile(ctx: AccountContext, body: BillingProfileInput) {
  assertCan(ctx, "billing.manage");
  const input = parseWire(billingProfileBody, body);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(billingProfiles).where(eq(billingProfiles.accountId, ctx.account.id)).for("update");
    await tx
      .insert(billingProfiles)
      .values({ accountId: ctx.account.id, ...input })
      .onConflictDoUpdate({ target: billingProfiles.accountId, set: { ...input, updatedAt: new Date() } });
    const changed = (Object.keys(input) as (keyof BillingProfileInput)[]).filter((key) => before?.[key] !== input[key]);
    await recordAuditEvent(tx, ctx, {
      action: before ? "billing_profile.updated" : "billing_profile.created",
      targetType: "billing_profile",
      targetId: ctx.account.id,
      metadata: { fields: changed },
    });
  });
}
