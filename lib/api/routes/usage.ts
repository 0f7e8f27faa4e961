import "server-only";
import { createRoute, z } from "@hono/zod-openapi";
import { usageAggregates } from "@/lib/consumption/aggregates";
import { reportUsage, UsageBatchRejected } from "@/lib/consumption/ingest";
import { MAX_USAGE_BATCH, usageAggregatesQuery, usageAggregatesResult, usageBatchResult, usageRecordInput } from "@/lib/consumption/usage-schemas";
import { accountContext } from "../authenticate";
import { ApiProblem } from "../problem";
import type { ApiRouter } from "../router";
import { accountNotFound, anyKey, commonErrors, forbidden, idempotencyHeader, invalid, platformOnly, problem, slugParam } from "../schemas";

/**
 * The batch's envelope. Each record is checked by reportUsage itself, not by this schema, so that a
 * refused batch names every failing record once (format, catalog, future, closed month, duplicate
 * key) with its index; the document still shows each record's schema (UsageRecord).
 */
const UsageBatchSchema = z
  .object({
    records: z
      .array(z.unknown())
      .min(1)
      .max(MAX_USAGE_BATCH)
      .openapi({ items: { $ref: "#/components/schemas/UsageRecord" }, description: `1 to ${MAX_USAGE_BATCH} records, accepted or refused together.` }),
  })
  .openapi("UsageBatch");

export const reportUsageRoute = createRoute({
  method: "post",
  path: "/accounts/{slug}/usage",
  operationId: "reportUsage",
  tags: ["Usage"],
  summary: "Report usage",
  description:
    "A batch of 1 to 1,000 usage records for the account, written together or not at all. A record whose `idempotencyKey` the account has seen before is counted once. " +
    "A refused batch answers 422 `validation_failed` with one `errors` entry per failing record (`path: [\"records\", index, field]`; codes `unknown_metric`, `invalid_quantity`, " +
    "`invalid_time`, `time_in_future`, `period_closed` (the month is already invoiced: late usage is refused, never moved to another invoice), `invalid_idempotency_key`, `duplicate_in_batch`). " +
    "Platform keys with `usage:write` only.",
  security: platformOnly,
  request: {
    params: slugParam,
    headers: idempotencyHeader,
    body: { required: true, content: { "application/json": { schema: UsageBatchSchema } } },
  },
  responses: {
    200: { description: "The batch was recorded.", content: { "application/json": { schema: usageBatchResult } } },
    ...commonErrors,
    403: forbidden,
    404: accountNotFound,
    409: problem("Another request with this Idempotency-Key is running (`idempotency_request_in_progress`)."),
    422: invalid,
  },
});

export const getUsageRoute = createRoute({
  method: "get",
  path: "/accounts/{slug}/usage",
  operationId: "getUsageAggregates",
  tags: ["Usage"],
  summary: "Usage by day or month",
  description:
    "The account's usage per metric and UTC day (`granularity=day`, up to 366 days) or month (`granularity=month`, up to 120 months), over `[from, to)`. " +
    "Exact decimal sums as text; periods without usage are left out. Members who may see consumption (owner, admin, billing, developer); platform keys with `usage:read`.",
  security: anyKey,
  request: { params: slugParam, query: usageAggregatesQuery },
  responses: {
    200: { description: "The aggregates.", content: { "application/json": { schema: usageAggregatesResult } } },
    ...commonErrors,
    403: forbidden,
    404: accountNotFound,
    422: invalid,
  },
});

export function registerUsage(app: ApiRouter) {
  app.openAPIRegistry.register("UsageRecord", usageRecordInput);

  app.openapi(reportUsageRoute, async (c) => {
    const ctx = await accountContext(c, c.req.valid("param").slug);
    try {
      return c.json(await reportUsage(ctx, c.req.valid("json").records), 200);
    } catch (error) {
      if (error instanceof UsageBatchRejected) {
        throw new ApiProblem(422, "validation_failed", error.message, { errors: error.errors.map(({ path, code, message }) => ({ path, code, message })) });
      }
      throw error;
    }
  });

  app.openapi(getUsageRoute, async (c) => {
    const ctx = await accountContext(c, c.req.valid("param").slug);
    return c.json(await usageAggregates(ctx, c.req.valid("query")), 200);
  });
}
