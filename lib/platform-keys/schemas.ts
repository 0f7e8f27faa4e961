import { z } from "zod";
import { isScope, scopeNames, type Scope } from "@/lib/authz/scopes";

export const platformKeyNameSchema = z
  .string()
  .trim()
  .min(1, "Give the key a name.")
  .max(100, "Use at most 100 characters.")
  .regex(/^[^\u0000-\u001f\u007f]*$/, "The name cannot hold control characters.");

/** Scopes as written on a command line ("usage:write,accounts:read"): each must be known, none repeated. */
export const scopeListSchema = z
  .array(z.string().trim())
  .transform((values) => values.filter((value) => value !== ""))
  .superRefine((values, ctx) => {
    const unknown = values.filter((value) => !isScope(value));
    if (unknown.length > 0) ctx.addIssue({ code: "custom", message: `Unknown scope${unknown.length === 1 ? "" : "s"}: ${unknown.join(", ")}. Valid scopes: ${scopeNames.join(", ")}.` });
    else if (values.length === 0) ctx.addIssue({ code: "custom", message: `Give at least one scope. Valid scopes: ${scopeNames.join(", ")}.` });
  })
  .transform((values) => [...new Set(values)] as Scope[]);

export const createPlatformKeySchema = z.object({
  name: platformKeyNameSchema,
  scopes: scopeListSchema,
  /** Days until it expires; null or absent: never. */
  expiresInDays: z.number().int().min(1, "The expiry is at least 1 day.").max(3650, "The expiry is at most 3650 days.").nullable().default(null),
});
export type CreatePlatformKeyInput = z.input<typeof createPlatformKeySchema>;
