import { z } from "zod";
import { auditChannels } from "./actors";

export const filterNames = ["actor", "action", "from", "to", "channel"] as const;
export type FilterName = (typeof filterNames)[number];

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const isCalendarDay = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

const day = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label} date as YYYY-MM-DD.`)
      .refine(isCalendarDay, `The ${label} date does not exist.`)
      .refine((value) => value >= "1970-01-01" && value <= "9999-12-31", `The ${label} date is out of range.`)
      .optional(),
  );

export const auditLogFilterSchema = z
  .object({
    actor: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(254, "Use at most 254 characters.")
        // PostgreSQL text cannot hold NUL, and no email address holds control characters.
        .regex(/^[^\u0000-\u001f\u007f]*$/, "Enter an email address or its beginning.")
        .transform((value) => value.toLowerCase())
        .optional(),
    ),
    action: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(100, "Choose an action from the list.")
        .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, "Choose an action from the list.")
        .optional(),
    ),
    from: day("start"),
    to: day("end"),
    /** How the change came in: the console, an API key, the platform, a job. */
    channel: z.preprocess(blankToUndefined, z.enum(auditChannels, { message: "Choose a channel from the list." }).optional()),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "The end date is before the start date." });

export type AuditLogFilters = z.infer<typeof auditLogFilterSchema>;

/** A position in the log: the events older (or newer) than the event with this id. */
export interface AuditLogCursor {
  direction: "older" | "newer";
  eventId: number;
}

export type AuditLogQuery =
  | { ok: true; filters: AuditLogFilters; cursor: AuditLogCursor | null }
  | { ok: false; fieldErrors: Partial<Record<FilterName, string>> };

function first(params: SearchParamsInput, name: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(name) ?? undefined;
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

/** What the user typed, to put back into the form (valid or not). */
export function rawFilterValues(params: SearchParamsInput): Record<FilterName, string> {
  return Object.fromEntries(filterNames.map((name) => [name, (first(params, name) ?? "").slice(0, 300)])) as Record<FilterName, string>;
}

function parseCursor(params: SearchParamsInput): AuditLogCursor | null {
  const before = first(params, "before");
  const after = first(params, "after");
  if (before !== undefined && after !== undefined) return null;
  const value = before ?? after;
  if (value === undefined || !/^[1-9]\d{0,14}$/.test(value)) return null;
  return { direction: before !== undefined ? "older" : "newer", eventId: Number(value) };
}

/** Parses the audit log's URL search params; never throws. A malformed cursor means the newest page. */
export function parseAuditLogQuery(params: SearchParamsInput): AuditLogQuery {
  const parsed = auditLogFilterSchema.safeParse(Object.fromEntries(filterNames.map((name) => [name, first(params, name)])));
  if (!parsed.success) {
    const fieldErrors: Partial<Record<FilterName, string>> = {};
    for (const issue of parsed.error.issues) {
      const name = filterNames.find((n) => n === issue.path[0]);
      if (name) fieldErrors[name] ??= issue.message;
    }
    return { ok: false, fieldErrors };
  }
  return { ok: true, filters: parsed.data, cursor: parseCursor(params) };
}

/** The query string (without "?") for these filters and cursor; empty filters are left out. */
export function auditLogSearch(filters: AuditLogFilters, cursor?: AuditLogCursor | null): string {
  const params = new URLSearchParams();
  for (const name of filterNames) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  if (cursor) params.set(cursor.direction === "older" ? "before" : "after", String(cursor.eventId));
  return params.toString();
}

export function hasFilters(filters: AuditLogFilters): boolean {
  return filterNames.some((name) => filters[name] !== undefined);
}
