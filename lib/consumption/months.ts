/**
 * Calendar months in UTC, as "YYYY-MM". Usage is bucketed and invoiced by UTC month and day, so a
 * record at 23:30 on the 31st in Paris belongs to the next day's (and maybe month's) bucket.
 */
export type Month = `${number}-${number}`;

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The first month the console accepts: usage older than this is not browsable. */
export const EARLIEST_MONTH = "2000-01";

export function currentMonth(now: Date = new Date()): string {
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
}

export function isMonth(value: unknown): value is string {
  return typeof value === "string" && monthPattern.test(value);
}

/** The half-open interval [start, end) of a month, in UTC. */
export function monthBounds(month: string): { start: Date; end: Date } {
  const match = monthPattern.exec(month);
  if (!match) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  return { start: new Date(Date.UTC(year, index, 1)), end: new Date(Date.UTC(year, index + 1, 1)) };
}

export function shiftMonth(month: string, delta: number): string {
  const { start } = monthBounds(month);
  return currentMonth(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + delta, 1)));
}

/** Every day of the month as "YYYY-MM-DD". */
export function daysOfMonth(month: string): string[] {
  const { start, end } = monthBounds(month);
  const count = Math.round((end.getTime() - start.getTime()) / 86_400_000);
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`);
}

const labelFormat = new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" });

export function monthLabel(month: string): string {
  return labelFormat.format(monthBounds(month).start);
}

export type MonthChoice = { month: string; problem?: string };

/**
 * The month a visitor asked for in `?month=`, or the current month with a reason when the value
 * is missing, malformed, too old or in the future. Never throws: any query string gets a page.
 */
export function chooseMonth(raw: unknown, now: Date = new Date()): MonthChoice {
  const current = currentMonth(now);
  if (raw === undefined || raw === "") return { month: current };
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!isMonth(value)) return { month: current, problem: "That is not a month (expected YYYY-MM). Showing the current month." };
  if (value < EARLIEST_MONTH) return { month: current, problem: "That month is too far back. Showing the current month." };
  if (value > current) return { month: current, problem: "That month has not started yet. Showing the current month." };
  return { month: value };
}
