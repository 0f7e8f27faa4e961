const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from URLs, forms and API paths: anything not shaped like a UUID matches no row and never reaches SQL. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && uuidShape.test(value);
}
