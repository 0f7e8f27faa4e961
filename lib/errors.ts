import type { ErrorCode } from "./error-codes";

export type { ErrorCode } from "./error-codes";

/**
 * An expected failure: a stable machine `code` (lib/error-codes.ts, returned by the API) and a
 * message meant for the person (shown by the screens, optionally next to one field).
 */
export class PublicError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "PublicError";
  }

  static field(code: ErrorCode, field: string, message: string) {
    return new PublicError(code, message, { [field]: [message] });
  }
}

/** PostgreSQL's unique_violation, optionally on a named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const pgError = cause as { code?: string; constraint?: string };
  return pgError?.code === "23505" && (!constraint || pgError.constraint === constraint);
}

/** PostgreSQL's foreign_key_violation, optionally on a named constraint. */
export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const pgError = cause as { code?: string; constraint?: string };
  return pgError?.code === "23503" && (!constraint || pgError.constraint === constraint);
}
