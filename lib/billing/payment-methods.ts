import "server-only";
import { and, count, desc, eq } from "drizzle-orm";
import { db, type Executor, type Transaction } from "@/db/client";
import { paymentMethods } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import type { AccountContext } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/can";
import { actorUserId } from "@/lib/authz/member-actor";
import { PublicError } from "@/lib/errors";
import { paymentProvider } from "@/lib/payments";
import { lockAccountForBilling } from "./ledger";
import { isUuid } from "@/lib/validation/ids";
import { parseWire } from "@/lib/validation/wire";
import { addPaymentMethodBody, MAX_PAYMENT_METHODS, type AddPaymentMethodInput } from "./payment-methods-schema";

/**
 * The account's cards, as the console knows them: the provider's reusable token and what may be
 * shown. The card number and CVC never reach this module (the provider's component tokenizes
 * them in the browser), so they can be neither stored nor logged.
 */
export const unknownPaymentMethod = "This payment method does not exist in this account.";

const displayColumns = {
  id: paymentMethods.id,
  provider: paymentMethods.provider,
  holderName: paymentMethods.holderName,
  brand: paymentMethods.brand,
  last4: paymentMethods.last4,
  expMonth: paymentMethods.expMonth,
  expYear: paymentMethods.expYear,
  isDefault: paymentMethods.isDefault,
  createdAt: paymentMethods.createdAt,
};

export type PaymentMethodView = { id: string; provider: string; holderName: string; brand: string; last4: string; expMonth: number; expYear: number; isDefault: boolean; createdAt: Date };

/** Default first, then the most recent. The provider token stays on the server. */
export async function listPaymentMethods(ctx: AccountContext): Promise<PaymentMethodView[]> {
  assertCan(ctx, "billing.view");
  return db
    .select(displayColumns)
    .from(paymentMethods)
    .where(eq(paymentMethods.accountId, ctx.account.id))
    .orderBy(desc(paymentMethods.isDefault), desc(paymentMethods.createdAt), desc(paymentMethods.id));
}

/** The card, only if it belongs to this account; locked for the caller's transaction. */
export async function findPaymentMethod(tx: Transaction, accountId: string, paymentMethodId: string) {
  if (!isUuid(paymentMethodId)) return null;
  const [method] = await tx
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.id, paymentMethodId), eq(paymentMethods.accountId, accountId)))
    .for("update");
  return method ?? null;
}

async function cardCount(executor: Executor, accountId: string) {
  const [row] = await executor.select({ n: count() }).from(paymentMethods).where(eq(paymentMethods.accountId, accountId));
  return row?.n ?? 0;
}

const tooManyCards = `An account keeps at most ${MAX_PAYMENT_METHODS} cards. Remove one first.`;

/** Attaches a one-time token from the provider's component as a saved card. The first card becomes the default. */
export async function addPaymentMethod(ctx: AccountContext, body: AddPaymentMethodInput) {
  assertCan(ctx, "billing.manage");
  const input = parseWire(addPaymentMethodBody, body);
  if ((await cardCount(db, ctx.account.id)) >= MAX_PAYMENT_METHODS) throw new PublicError("payment_method_limit", tooManyCards);
  const provider = paymentProvider();
  // A call to the processor: outside any transaction.
  const attached = await provider.attachCard(input.token);
  if (!attached.ok) throw new PublicError("card_rejected", attached.message);
  const { card } = attached;
  try {
    return await db.transaction(async (tx) => {
      await lockAccountForBilling(tx, ctx.account.id);
      if ((await cardCount(tx, ctx.account.id)) >= MAX_PAYMENT_METHODS) throw new PublicError("payment_method_limit", tooManyCards);
      const [existingDefault] = await tx
        .select({ id: paymentMethods.id })
        .from(paymentMethods)
        .where(and(eq(paymentMethods.accountId, ctx.account.id), eq(paymentMethods.isDefault, true)));
      const [method] = await tx
        .insert(paymentMethods)
        .values({
          accountId: ctx.account.id,
          provider: provider.id,
          providerToken: attached.reusableToken,
          holderName: (card.holderName || input.holderName || "").trim().slice(0, 100) || "Card holder",
          brand: card.brand,
          last4: card.last4,
          expMonth: card.expMonth,
          expYear: card.expYear,
          isDefault: !existingDefault,
          createdById: actorUserId(ctx),
        })
        .returning(displayColumns);
      await recordAuditEvent(tx, ctx, {
        action: "payment_method.added",
        targetType: "payment_method",
        targetId: method!.id,
        metadata: { brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear, isDefault: method!.isDefault },
      });
      return method!;
    });
  } catch (error) {
    // The processor holds a card the console does not: let it go.
    await provider.detachCard(attached.reusableToken).catch(() => undefined);
    throw error;
  }
}

export async function setDefaultPaymentMethod(ctx: AccountContext, paymentMethodId: string) {
  assertCan(ctx, "billing.manage");
  await db.transaction(async (tx) => {
    await lockAccountForBilling(tx, ctx.account.id);
    const method = await findPaymentMethod(tx, ctx.account.id, paymentMethodId);
    if (!method) throw new PublicError("payment_method_not_found", unknownPaymentMethod);
    if (method.isDefault) return;
    // Unset first: the partial unique index payment_methods_one_default allows one default per account.
    await tx
      .update(paymentMethods)
      .set({ isDefault: false })
      .where(and(eq(paymentMethods.accountId, ctx.account.id), eq(paymentMethods.isDefault, true)));
    await tx.update(paymentMethods).set({ isDefault: true }).where(eq(paymentMethods.id, method.id));
    await recordAuditEvent(tx, ctx, {
      action: "payment_method.default_set",
      targetType: "payment_method",
      targetId: method.id,
      metadata: { brand: method.brand, last4: method.last4 },
    });
  });
}

/** Removes a card; when it was the default, the most recently added remaining card takes its place. */
export async function removePaymentMethod(ctx: AccountContext, paymentMethodId: string) {
  assertCan(ctx, "billing.manage");
  const removed = await db.transaction(async (tx) => {
    await lockAccountForBilling(tx, ctx.account.id);
    const method = await findPaymentMethod(tx, ctx.account.id, paymentMethodId);
    if (!method) throw new PublicError("payment_method_not_found", unknownPaymentMethod);
    await tx.delete(paymentMethods).where(eq(paymentMethods.id, method.id));
    let promotedId: string | null = null;
    if (method.isDefault) {
      const [next] = await tx
        .select({ id: paymentMethods.id })
        .from(paymentMethods)
        .where(eq(paymentMethods.accountId, ctx.account.id))
        .orderBy(desc(paymentMethods.createdAt), desc(paymentMethods.id))
        .limit(1);
      if (next) {
        await tx.update(paymentMethods).set({ isDefault: true }).where(eq(paymentMethods.id, next.id));
        promotedId = next.id;
      }
    }
    await recordAuditEvent(tx, ctx, {
      action: "payment_method.removed",
      targetType: "payment_method",
      targetId: method.id,
      metadata: { brand: method.brand, last4: method.last4, wasDefault: method.isDefault, newDefaultId: promotedId },
    });
    return method;
  });
  // After the commit, and best effort: the card is already gone from the console.
  if (removed.provider === paymentProvider().id) {
    await paymentProvider()
      .detachCard(removed.providerToken)
      .catch((error: unknown) => console.error("[payments] could not detach a removed card at the provider", (error as Error)?.name ?? "error"));
  }
}
