export interface DetailLine {
  label: string;
  value: string;
}

const maxValueLength = 120;

function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase()
    .trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : key;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "(none)";
  if (value === "") return "(empty)";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > maxValueLength ? `${text.slice(0, maxValueLength - 1)}…` : text;
}

function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return typeof value === "object" && value !== null && "from" in value && "to" in value;
}

const line = (key: string, value: unknown): DetailLine => ({
  label: humanize(key),
  value: isChange(value) ? `${show(value.from)} → ${show(value.to)}` : show(value),
});

/** An event's metadata as short lines; { from, to } pairs, alone or in a `changes` map, read "from → to". */
export function describeMetadata(metadata: Record<string, unknown> | null | undefined): DetailLine[] {
  const lines: DetailLine[] = [];
  for (const [key, value] of Object.entries(metadata ?? {})) {
    if (key === "changes" && typeof value === "object" && value !== null && !Array.isArray(value)) {
      for (const [field, change] of Object.entries(value)) lines.push(line(field, change));
    } else {
      lines.push(line(key, value));
    }
  }
  return lines;
}
