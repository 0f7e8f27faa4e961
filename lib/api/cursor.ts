import { validationFailed } from "./problem";

/**
 * Opaque list cursors: the keyset position of the last item of a page (for example its exact
 * timestamp as PostgreSQL text and its id), base64url JSON tagged with the list it belongs to. Not
 * signed: a crafted cursor only moves within the same account's rows, which the key may read anyway.
 */
export function encodeCursor(list: string, position: (string | number)[]): string {
  return Buffer.from(JSON.stringify([list, ...position])).toString("base64url");
}

/** The position in a cursor of this list, checked by `shape`; a 422 on `cursor` for anything else. */
export function decodeCursor<T extends (string | number)[]>(list: string, cursor: string | undefined, shape: (position: unknown[]) => position is T): T | null {
  if (cursor === undefined) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    value = null;
  }
  if (Array.isArray(value) && value[0] === list) {
    const position = value.slice(1);
    if (shape(position)) return position;
  }
  throw validationFailed([{ path: ["cursor"], code: "invalid_cursor", message: "This cursor is not a nextCursor of this list." }]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// PostgreSQL's text form of a timestamptz, to the microsecond ("2026-11-03 10:00:00.123456+00").
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

export const isTimestampAndId = (position: unknown[]): position is [string, string] =>
  position.length === 2 && typeof position[0] === "string" && TIMESTAMP.test(position[0]) && typeof position[1] === "string" && UUID.test(position[1]);
