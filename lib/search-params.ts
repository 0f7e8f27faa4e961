import { stripDisallowedCharacters } from "./validation/text";

/** What Next hands a page as `searchParams`: a key may be missing, given once, or repeated. */
export type SearchParams = Record<string, string | string[] | undefined>;

const MAX_LENGTH = 2000;

/**
 * One search parameter as a plain string: the first value when repeated, control characters (NUL…)
 * dropped, length bounded, and only the object's own keys (`?constructor` is no parameter of ours).
 */
export function searchParam(params: SearchParams | undefined, name: string): string | undefined {
  if (!params || !Object.hasOwn(params, name)) return undefined;
  const raw = params[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string") return undefined;
  return stripDisallowedCharacters(value).slice(0, MAX_LENGTH);
}

/** Every parameter read through `searchParam`, e.g. to carry filters along in pagination links. */
export function cleanSearchParams(params: SearchParams | undefined): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const name of Object.keys(params ?? {})) {
    const value = searchParam(params, name);
    if (value !== undefined) clean[name] = value;
  }
  return clean;
}

/** A message picked by a key from input (`?flash=…`, `?notice=…`): own entries only, so `toString` is no key. */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
