// RFC 4180 CSV: CRLF line endings, a header row, fields quoted when they hold a quote, a comma or
// a line break (quotes doubled).

export type CsvCell = string | number | boolean | null | undefined;

/**
 * Spreadsheets run a cell starting with = + - @ (or a tab / CR) as a formula: text cells that
 * start so get a leading apostrophe (OWASP "CSV injection"). Numbers are written as they are.
 */
function neutralize(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "string" ? neutralize(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The whole document. `bom` prefixes U+FEFF so Excel opens UTF-8 (accented names) correctly
 * on a double click.
 */
export function toCsv(header: string[], rows: CsvCell[][], options: { bom?: boolean } = {}): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(","));
  return (options.bom ? "\uFEFF" : "") + lines.join("\r\n") + "\r\n";
}
