import { stringify } from "csv-stringify/sync";

/**
 * A cell a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return) gets a leading apostrophe, so opening an export never runs what a key's name or description
 * holds (OWASP "CSV injection"). Everything else is left as it is.
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** CSV lines (RFC 4180 quoting by csv-stringify, CRLF endings), every cell neutralized first. */
export function csvLines(rows: readonly (readonly string[])[]): string {
  return stringify(
    rows.map((row) => row.map(neutralizeFormula)),
    { record_delimiter: "windows" },
  );
}
