import { z } from "zod";

/**
 * Form adapters turn what an HTML form posts (every value a string, a repeated field an array, a
 * checkbox "on" or nothing, amounts typed the way people write them) into the JSON wire input the
 * lib functions and the API validate with their wire schemas. Only the screens use them.
 */

/** The values of a field that may have been sent once or several times. */
export function formValues(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * A checkbox: checked when any value sent is "on" (what browsers send) or "true"; unchecked when
 * absent, empty or "false" (a hidden fallback). Anything else is left for the wire schema to refuse.
 */
export function checkboxValue(value: unknown): unknown {
  const values = formValues(value);
  if (!values.every((v) => v === "" || v === "on" || v === "true" || v === "false")) return value;
  return values.some((v) => v === "on" || v === "true");
}

/** A list typed in one textarea (or sent as repeated fields): split on commas, semicolons, spaces and new lines. */
export function listValue(value: unknown, split: (text: string) => string[]): unknown {
  if (value === undefined) return undefined;
  const values = formValues(value);
  if (!values.every((v) => typeof v === "string")) return value;
  return (values as string[]).flatMap(split);
}

/**
 * Wraps a wire schema with an adapter for form fields: `adapt` rewrites the raw fields, the wire
 * schema validates the result, and its field errors keep the wire field names (which the forms use).
 */
export function formAdapter<Wire extends z.ZodType>(wire: Wire, adapt: (fields: Record<string, unknown>) => Record<string, unknown>) {
  return z.preprocess((raw) => (raw && typeof raw === "object" && !Array.isArray(raw) ? adapt({ ...(raw as Record<string, unknown>) }) : raw), wire);
}
