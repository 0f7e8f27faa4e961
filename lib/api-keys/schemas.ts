import { z } from "zod";

/** The lifetimes a member chooses from, in days; null is "never expires". */
export const standardExpiryDays = [30, 90, 365] as const;
export type ExpiryChoice = number | null;

/**
 * What may be chosen under the operator's cap (API_KEY_MAX_EXPIRY_DAYS): without one, the standard
 * lifetimes and "never"; with one, the standard lifetimes up to it, plus the cap itself when it is
 * not one of them (so a cap of 180 offers 30, 90 and 180 days, and a cap of 7 offers 7 days).
 */
export function expiryChoices(maxDays: number | undefined): ExpiryChoice[] {
  if (maxDays === undefined) return [...standardExpiryDays, null];
  const within: number[] = standardExpiryDays.filter((days) => days <= maxDays);
  return within.includes(maxDays) ? within : [...within, maxDays];
}

/** The choice a new key form starts on: 90 days when allowed, else the longest allowed below it, else the shortest. */
export function defaultExpiryChoice(choices: ExpiryChoice[]): ExpiryChoice {
  if (choices.includes(90)) return 90;
  const numbers = choices.filter((choice): choice is number => choice !== null);
  const below = numbers.filter((days) => days < 90);
  return below.length > 0 ? Math.max(...below) : (numbers[0] ?? null);
}

export function expiryLabel(choice: ExpiryChoice): string {
  if (choice === null) return "Never expires";
  if (choice === 365) return "1 year";
  return `${choice} day${choice === 1 ? "" : "s"}`;
}

/** The select's value for a choice ("30", "never"), and back. */
export const expiryValue = (choice: ExpiryChoice) => (choice === null ? "never" : String(choice));

export const apiKeyNameSchema = z.string().trim().min(1, "Give the key a name.").max(100, "Use at most 100 characters.");

/** The wire shape (JSON): what creating a key takes, whatever the transport. */
export const createApiKeyInputSchema = z.object({
  name: apiKeyNameSchema,
  /** Days until it expires; null: never (refused under an operator cap). */
  expiresInDays: z.number().int().min(1).max(36_500).nullable(),
  readOnly: z.boolean().default(false),
});
export type CreateApiKeyInput = z.input<typeof createApiKeyInputSchema>;

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((value) => value === "on" || value === "true");

/** The form adapter: the expiry select's value ("30", "never") and the read-only checkbox, onto the wire shape. */
export const createApiKeyFormSchema = z
  .object({
    name: apiKeyNameSchema,
    expiresIn: z
      .string({ message: "Choose when the key expires." })
      .regex(/^(never|[1-9]\d{0,4})$/, "Choose when the key expires."),
    readOnly: checkbox,
  })
  .transform(({ name, expiresIn, readOnly }) => ({ name, readOnly, expiresInDays: expiresIn === "never" ? null : Number(expiresIn) }));

export const apiKeyIdSchema = z.object({ keyId: z.uuid("Unknown API key.") });

/** A position in the key list: the keys older (after) or newer (before) than the key with this id. */
export interface ApiKeyCursor {
  direction: "older" | "newer";
  keyId: string;
}

const uuid = z.uuid();

/** `?after=<id>` (older keys) or `?before=<id>` (newer keys); anything else is the first page. */
export function parseApiKeyCursor(params: { after?: string; before?: string }): ApiKeyCursor | null {
  if (params.after !== undefined && params.before !== undefined) return null;
  if (params.after !== undefined && uuid.safeParse(params.after).success) return { direction: "older", keyId: params.after };
  if (params.before !== undefined && uuid.safeParse(params.before).success) return { direction: "newer", keyId: params.before };
  return null;
}
