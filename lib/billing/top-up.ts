import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { paymentMethods, payments } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit";
import type { AccountContext } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/can";
import { actorUserId } from "@/lib/authz/member-actor";
import { config } from "@/lib/config";
import { PublicError } from "@/lib/errors";
import { paymentProvider, type ChargeOutcome } from "@/lib/payments";
import { parseWire } from "@/lib/validation/wire";
import { activateAfterPayment } from "./activation";
import { accountBalanceMinor, appendLedgerEntry, lockAccountForBilling } from "./ledger";
import { unknownPaymentMethod } from "./payment-methods";
import { topUpBody, type TopUpInput } from "./top-up-schema";

type FailureCode = Extract<ChargeOutcome, { status: "failed" }>["code"];

/** What people read when a charge fails; the provider's own words only where they say more. */
const failureMessages: Record<FailureCode, string | null> = {
  card_declined: "Your card was declined.",
  insufficient_funds: "Insufficient funds on this card.",
  expired_card: "This card has expired.",
  invalid_token: null,
  processing_error: "The payment could not be processed. Please try again.",
};

export interface TopUpResult {
  amountMinor: number;
  currency: string;
  balanceMinor: number;
  /** The account was suspended and this payment made it active. */
  activated: boolean;
}

async function charge(...args: Parameters<ReturnType<typeof paymentProvider>["charge"]>): Promise<ChargeOutcome> {
  try {
    return await paymentProvider().charge(...args);
  } catch (error) {
    console.error("[payments] charge failed unexpectedly", (error as Error)?.name ?? "error");
    return { status: "failed", code: "processing_error", message: "The payment could not be processed." };
  }
}

/**
 * Buys credits with one of the account's cards. The charge is a call to the processor, so it runs
 * outside any transaction; its outcome is then written in one transaction: the payment record and,
 * on success, the ledger credit, the activation of a suspended account and the audit event. A failed
 * charge records the failed payment and its audit event, and changes nothing else.
 *
 * Known limit (acceptable for the sandbox): two concurrent top-ups are two charges; nothing holds a
 * "pending charge" between the processor call and the transaction. A retried submission with the
 * same idempotency key charges once and credits once.
 */
export async function topUp(ctx: AccountContext, body: TopUpInput): Promise<TopUpResult> {
  assertCan(ctx, "billing.manage");
  const input = parseWire(topUpBody, body);
  const provider = paymentProvider();
  const currency = config().CURRENCY;
  const [method] = await db
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.id, input.paymentMethodId), eq(paymentMethods.accountId, ctx.account.id)));
  if (!method) throw PublicError.field("payment_method_not_found", "paymentMethodId", unknownPaymentMethod);
  if (method.provider !== provider.id) throw PublicError.field("payment_method_other_provider", "paymentMethodId", "This card was saved with another payment provider. Add it again.");

  const idempotencyKey = `top-up:${ctx.account.id}:${method.id}:${input.amountMinor}:${input.idempotencyKey ?? randomUUID()}`;
  const card = `${method.brand} •••• ${method.last4}`;
  const outcome = await charge({
    reusableToken: method.providerToken,
    amountMinor: input.amountMinor,
    currency,
    idempotencyKey,
    description: `Credits for ${ctx.account.name}`,
  });

  const result = await db.transaction(async (tx) => {
    await lockAccountForBilling(tx, ctx.account.id);
    if (outcome.status === "succeeded") {
      // The same charge answered twice (a retried submission): it was credited the first time.
      const [already] = await tx
        .select({ id: payments.id })
        .from(payments)
        .where(and(eq(payments.accountId, ctx.account.id), eq(payments.providerReference, outcome.reference)));
      if (already) return { ok: true as const, activated: false, balanceMinor: await accountBalanceMinor(ctx.account.id, tx) };
    }
    // The card may have been removed while the processor answered: the payment then keeps no link to it.
    const [stillSaved] = await tx
      .select({ id: paymentMethods.id })
      .from(paymentMethods)
      .where(and(eq(paymentMethods.id, method.id), eq(paymentMethods.accountId, ctx.account.id)));
    const failureMessage = outcome.status === "failed" ? (failureMessages[outcome.code] ?? outcome.message) : null;
    const [payment] = await tx
      .insert(payments)
      .values({
        accountId: ctx.account.id,
        paymentMethodId: stillSaved?.id ?? null,
        purpose: "top_up",
        amountMinor: input.amountMinor,
        currency,
        status: outcome.status,
        providerReference: outcome.status === "succeeded" ? outcome.reference : null,
        failureCode: outcome.status === "failed" ? outcome.code : null,
        failureMessage,
      })
      .returning({ id: payments.id });
    const metadata = { amountMinor: input.amountMinor, currency, paymentId: payment!.id, paymentMethodId: method.id, card };
    if (outcome.status === "failed") {
      await recordAuditEvent(tx, ctx, { action: "payment.failed", targetType: "payment", targetId: payment!.id, metadata: { ...metadata, purpose: "top_up", code: outcome.code } });
      return { ok: false as const, failure: failureMessage ?? "The payment could not be processed." };
    }
    await appendLedgerEntry(tx, {
      accountId: ctx.account.id,
      kind: "top_up",
      amountMinor: input.amountMinor,
      currency,
      description: `Top-up with ${card}`,
      reference: { type: "payment", id: payment!.id },
      createdById: actorUserId(ctx),
    });
    const activated = await activateAfterPayment(tx, ctx, ctx.account.id);
    await recordAuditEvent(tx, ctx, { action: "credits.topped_up", targetType: "payment", targetId: payment!.id, metadata });
    return { ok: true as const, activated, balanceMinor: await accountBalanceMinor(ctx.account.id, tx) };
  });

  if (!result.ok) throw new PublicError("payment_failed", result.failure);
  return { amountMinor: input.amountMinor, currency, balanceMinor: result.balanceMinor, activated: result.activated };
}
