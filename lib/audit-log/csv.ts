/** Cells a spreadsheet would read as a formula (or that hide one behind a tab or a carriage return). */
const formulaStart = /^[=+\-@\t\r]/;

/** One CSV cell (RFC 4180), defused against formula injection by a leading single quote. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: (string | number | null | undefined)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
