import { z } from "@hono/zod-openapi";

/** The problem+json body of every error (RFC 9457). */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: "urn:organization-console:problem:validation_failed" }),
    title: z.string().openapi({ example: "Unprocessable Content" }),
    status: z.number().int().openapi({ example: 422 }),
    detail: z.string(),
    code: z.string().openapi({ description: "Stable machine code: see the list of codes in the document's description.", example: "validation_failed" }),
    errors: z
      .array(
        z.object({
          path: z.array(z.union([z.string(), z.number().int()])).openapi({ description: "Where the field is, inside the body, query or path.", example: ["records", 3, "quantity"] }),
          code: z.string().openapi({ example: "invalid_quantity" }),
          message: z.string(),
        }),
      )
      .optional(),
  })
  .openapi("Problem");

const problemContent = { "application/problem+json": { schema: ProblemSchema } } as const;

export const problem = (description: string) => ({ description, content: problemContent });

/** The error answers every authenticated operation may give. */
export const commonErrors = {
  401: problem("No key, or a key that is unknown, malformed, revoked or expired (`unauthenticated`, `invalid_api_key`, `api_key_revoked`, `api_key_expired`, `credentials_in_query`)."),
  429: problem("Too many requests for this key, or too many failed keys from this address (`rate_limited`). See `Retry-After`."),
} as const;

export const forbidden = problem("The key may not do this: its owner's role (`forbidden`), a read-only key (`read_only_key`) or a platform key without the scope (`insufficient_scope`).");
export const accountNotFound = problem("No such account, or not the key's account (`not_found`): the two cannot be told apart.");
export const invalid = problem("Invalid input (`validation_failed`, with `errors`).");

export const slugParam = z.object({
  slug: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/)
    .openapi({ param: { name: "slug", in: "path" }, description: "The account's URL slug.", example: "acme" }),
});

/** Lists: `?limit=` (1..100, default 20) and an opaque `?cursor=` from the previous page's `nextCursor`. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ param: { name: "limit", in: "query" }, example: 20 }),
  cursor: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .openapi({ param: { name: "cursor", in: "query" }, description: "The `nextCursor` of the previous page." }),
});

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    nextCursor: z.string().nullable().openapi({ description: "Pass as `?cursor=` for the next page; null on the last page." }),
  });

export const dateTime = () => z.string().openapi({ format: "date-time", example: "2026-12-01T10:00:00.000Z" });

/** The `Idempotency-Key` header every POST accepts. */
export const idempotencyHeader = z.object({
  "Idempotency-Key": z
    .string()
    .min(1)
    .max(255)
    .optional()
    .openapi({
      description: "Makes a retry safe: for 24 hours, the same key with the same request returns the first answer (`Idempotent-Replayed: true`).",
      example: "9f1c2d8e-batch-2026-12-01",
    }),
});

/** Who may call an operation, as the document says it (what they may do there is the lib's `can`). */
export const anyKey: { [scheme: string]: string[] }[] = [{ memberKey: [] }, { platformKey: [] }];
export const platformOnly: { [scheme: string]: string[] }[] = [{ platformKey: [] }];
