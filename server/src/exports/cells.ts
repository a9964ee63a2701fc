/**
 * Spreadsheet cells that must not run. A spreadsheet reads text starting with =, +, -, @, a tab or a
 * carriage return as a formula (OWASP: CSV injection), so text taken from the plan is neutralised: in CSV
 * it gets a leading single quote; in XLSX it is written as a string cell with the Text number format.
 * Numbers stay numbers, and other text is left exactly as written.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** The text as a CSV field's value, neutralised if a spreadsheet would run it. */
export function csvText(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break, with quotes doubled. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = csvText(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly (string | number | null)[]): string {
  return values.map(csvField).join(',');
}
