/**
 * The Actions table (or the Performance table) as CSV: RFC 4180 (CRLF line ends, every text field quoted, quotes doubled), UTF-8 with a byte-order mark so Excel reads it as UTF-8, dates as dd/mm/yyyy and
 * formula-like text neutralised.
 */
import type { ProgressSummary } from '@ipt/shared/schemas';
import { csvRow } from './cells.js';
import { shortDate } from './format.js';
import { performanceTable } from './performance.js';
import { actionsTable, ragText, type ColumnKind, type DataTable, type TableValue } from './tables.js';

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

/** A table, each row led by its plan's name, so rows from several plans' files can be combined. */
function tableCsv(summary: ProgressSummary, table: DataTable): Buffer {
  const lines = [csvRow(['Plan', ...table.columns.map((c) => c.header)])];
  for (const row of table.rows) {
    lines.push(
      csvRow([summary.plan.title, ...row.map((v, i) => csvValue(table.columns[i]?.kind ?? 'text', v))]),
    );
  }
  return Buffer.from(BOM + lines.join(CRLF) + CRLF, 'utf8');
}

/** The Actions table: a row per action. */
export function buildCsv(summary: ProgressSummary): Buffer {
  return tableCsv(summary, actionsTable(summary));
}

/** The Performance table: a row per indicator, its figures as numbers in its unit, each with its period. */
export function buildPerformanceCsv(summary: ProgressSummary): Buffer {
  return tableCsv(summary, performanceTable(summary));
}
