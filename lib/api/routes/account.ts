import "server-only";
import { createRoute, z } from "@hono/zod-openapi";
import { accountStatus } from "@/lib/accounts/status";
import { accountContext } from "../authenticate";
import type { ApiRouter } from "../router";
import { accountNotFound, anyKey, commonErrors, dateTime, forbidden, slugParam } from "../schemas";

const MoneySchema = z.object({
  amountMinor: z.number().int().openapi({ description: "In the currency's minor unit (cents): never a float.", example: 12_550 }),
  currency: z.string().openapi({ example: "EUR" }),
});

export const AccountSchema = z
  .object({
    id: z.uuid(),
    slug: z.string().openapi({ example: "acme" }),
    name: z.string().openapi({ example: "Acme" }),
    kind: z.enum(["personal", "organization"]),
    description: z.string(),
    isCompany: z.boolean(),
    status: z.enum(["active", "suspended"]),
    statusReason: z
      .object({
        code: z.enum(["awaiting_first_payment", "unpaid_invoice"]),
        message: z.string(),
        invoiceNumber: z.string().nullable().openapi({ description: "The unpaid invoice, for `unpaid_invoice`." }),
      })
      .nullable()
      .openapi({ description: "Why the account is suspended; null while it is active." }),
    createdAt: dateTime(),
    balance: MoneySchema.nullable().openapi({ description: "The credit balance; null without billing.view (members: owner, admin, billing; platform: accounts:read)." }),
    monthToDateEstimate: MoneySchema.extend({ month: z.string().openapi({ example: "2026-12" }) })
      .nullable()
      .openapi({ description: "The current UTC month's usage priced as its invoice will be, before discounts and tax; null without billing.view." }),
  })
  .openapi("Account");

const reasonMessages = {
  awaiting_first_payment: "A new organization starts suspended until its first payment (a top-up or a card payment).",
  unpaid_invoice: "An invoice stayed unpaid after every payment attempt; paying it activates the account.",
} as const;

export const getAccountRoute = createRoute({
  method: "get",
  path: "/accounts/{slug}",
  operationId: "getAccount",
  tags: ["Accounts"],
  summary: "An account's status",
  description: "Name, slug, kind, status and why, and (with billing.view) balance and month-to-date estimate. Every member; platform keys with `accounts:read`.",
  security: anyKey,
  request: { params: slugParam },
  responses: {
    200: { description: "The account.", content: { "application/json": { schema: AccountSchema } } },
    ...commonErrors,
    403: forbidden,
    404: accountNotFound,
  },
});

export function registerAccount(app: ApiRouter) {
  app.openapi(getAccountRoute, async (c) => {
    const ctx = await accountContext(c, c.req.valid("param").slug);
    const { account, reason, billing } = await accountStatus(ctx);
    return c.json(
      {
        id: account.id,
        slug: account.slug,
        name: account.name,
        kind: account.kind,
        description: account.description,
        isCompany: account.isCompany,
        status: account.status,
        statusReason: reason ? { code: reason.code, message: reasonMessages[reason.code], invoiceNumber: reason.invoiceNumber } : null,
        createdAt: account.createdAt.toISOString(),
        balance: billing ? { amountMinor: billing.balanceMinor, currency: billing.currency } : null,
        monthToDateEstimate: billing ? { month: billing.estimate.month, amountMinor: billing.estimate.totalMinor, currency: billing.estimate.currency } : null,
      },
      200,
    );
  });
}
