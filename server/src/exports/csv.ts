/**
 * The Actions table as CSV: RFC 4180 (CRLF line ends, every text field quoted, quotes doubled), UTF-8 with a byte-order mark so Excel reads it as UTF-8, dates as dd/mm/yyyy and
 * formula-like text neutralised.
 */
import type { ProgressSummary } from '@ipt/shared/schemas';
import { boardRecordCsvRows } from './board-record.js';
import { csvRow } from './cells.js';
import { shortDate } from './format.js';
import { actionsTable, ragText, type ColumnKind, type TableValue } from './tables.js';

const BOM = '\uFEFF';
const CRLF = '\r\n';

function csvValue(kind: ColumnKind, value: TableValue): string | number | null {
  if (value === null) return null;
  switch (kind) {
    case 'date':
      return shortDate(String(value));
    case 'rag':
      return ragText(value);
    default:
      return value;
  }
}

/** The Actions table, each row led by its plan's name, so rows from several plans' files can be combined. */
export function buildCsv(summary: ProgressSummary): Buffer {
  const table = actionsTable(summary);
  const lines = [csvRow(['Plan', ...table.columns.map((c) => c.header)])];
  for (const row of table.rows) {
    lines.push(
      csvRow([summary.plan.title, ...row.map((v, i) => csvValue(table.columns[i]?.kind ?? 'text', v))]),
    );
  }
  // Then the board's record, in the same columns (its section in Theme).
  const headers = table.columns.map((c) => c.header);
  for (const row of boardRecordCsvRows(summary, headers)) {
    lines.push(
      csvRow([summary.plan.title, ...row.map((v, i) => csvValue(table.columns[i]?.kind ?? 'text', v))]),
    );
  }
  return Buffer.from(BOM + lines.join(CRLF) + CRLF, 'utf8');
}
