/**
 * Spreadsheet cells that must not run. A spreadsheet reads text starting with =, +, -, @, a tab or a
 * carriage return as a formula (OWASP: CSV injection), so text taken from the plan is neutralised: in CSV
 * it gets a leading single quote (and every CSV text field is quoted); in XLSX it is written as a string cell with the Text number format.
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

/**
 * One RFC 4180 field. Every text field is quoted (quotes doubled), whatever it holds: a spreadsheet set to
 * split on `;` or a tab would otherwise split an unquoted field there, and the piece after could start a
 * formula. Numbers stay bare.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return `"${csvText(value).replace(/"/g, '""')}"`;
}

export function csvRow(values: readonly (string | number | null)[]): string {
  return values.map(csvField).join(',');
}
