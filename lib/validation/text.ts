import { z } from "zod";

/**
 * Characters no form field or search parameter of the console may hold: NUL (PostgreSQL refuses it in
 * text, which used to surface as "Something went wrong"), the other C0 controls except tab, line feed
 * and carriage return (textareas send those), DEL and the C1 controls.
 */
const DISALLOWED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const DISALLOWED_GLOBAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

export const DISALLOWED_CHARACTERS_MESSAGE = "This field contains characters that are not allowed.";

export function hasDisallowedCharacters(value: string): boolean {
  return DISALLOWED.test(value);
}

export function stripDisallowedCharacters(value: string): string {
  return value.replace(DISALLOWED_GLOBAL, "");
}

/** The refinement the form parser applies to every text field before the field's own schema. */
export const allowedText = z.string().refine((value) => !hasDisallowedCharacters(value), DISALLOWED_CHARACTERS_MESSAGE);
