import { z } from "zod";
import { checkboxValue, formAdapter } from "@/lib/validation/form-adapters";
import { isUuid } from "@/lib/validation/ids";

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

const chooseExpiry = "Choose when the key expires.";

/** Wire (JSON): what creating a key takes, whatever the transport. */
export const createApiKeyBody = z.object({
  name: apiKeyNameSchema,
  /** Days until it expires; null: never (refused under an operator cap). */
  expiresInDays: z.number({ message: chooseExpiry }).int(chooseExpiry).min(1, chooseExpiry).max(36_500, chooseExpiry).nullable(),
  readOnly: z.boolean({ message: "Say whether the key is read-only (true or false)." }).default(false),
});
export type CreateApiKeyInput = z.input<typeof createApiKeyBody>;

/** The expiry select posts "30", "90", … or "never"; anything else is left for the wire schema to refuse. */
function expiryFieldValue(value: unknown): unknown {
  if (value === "never") return null;
  if (typeof value === "string" && /^[1-9]\d{0,4}$/.test(value)) return Number(value);
  return value;
}

/** Form adapter: the expiry select and the read-only checkbox, onto the wire shape. */
export const createApiKeyForm = formAdapter(createApiKeyBody, (fields) => ({ ...fields, expiresInDays: expiryFieldValue(fields.expiresInDays), readOnly: checkboxValue(fields.readOnly) }));

export const apiKeyIdSchema = z.object({ keyId: z.string().refine(isUuid, "Unknown API key.") });

/** A position in the key list: the keys older (after) or newer (before) than the key with this id. */
export interface ApiKeyCursor {
  direction: "older" | "newer";
  keyId: string;
}

/** `?after=<id>` (older keys) or `?before=<id>` (newer keys); anything else is the first page. */
export function parseApiKeyCursor(params: { after?: string; before?: string }): ApiKeyCursor | null {
  if (params.after !== undefined && params.before !== undefined) return null;
  if (isUuid(params.after)) return { direction: "older", keyId: params.after };
  if (isUuid(params.before)) return { direction: "newer", keyId: params.before };
  return null;
}
