import { z } from "zod";
import { PublicError } from "@/lib/errors";

/** One failing field of a wire input, as the API reports it (`errors: [{ path, code, message }]`). */
export interface InputIssue {
  path: (string | number)[];
  message: string;
}

/** A wire input that its schema refuses: `invalid_input`, with every failing field. */
export class InvalidInputError extends PublicError {
  constructor(readonly issues: InputIssue[]) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of issues) {
      const field = issue.path[0];
      if (field !== undefined) (fieldErrors[String(field)] ??= []).push(issue.message);
    }
    super("invalid_input", issues[0]?.message ?? "The input is not valid.", fieldErrors);
    this.name = "InvalidInputError";
  }
}

/**
 * How a lib function checks its input with its wire schema, whoever calls it (a screen through its
 * form adapter, the API, a script): the parsed value, or an InvalidInputError.
 */
export function parseWire<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new InvalidInputError(parsed.error.issues.map((issue) => ({ path: issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: issue.message })));
}
