/**
 * The Actions table (or the Performance table) as CSV: RFC 4180 (CRLF line ends, every text field quoted, quotes doubled), UTF-8 with a byte-order mark so Excel reads it as UTF-8, dates as dd/mm/yyyy and
 * formula-like text neutralised.
 */
import type { ProgressSummary } from '@ipt/shared/schemas';
import { boardRecordCsvRows } from './board-record.js';
import { csvRow } from './cells.js';
import { recordStatus, shortDate } from './format.js';
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

/**
 * A table, each row led by its plan's name and what the record is (Locked, Live or PROVISIONAL — not yet
 * locked), so rows from several files can be combined and none travels without it. A filtered export's rows
 * are only those in scope; its file name says "filtered". The board's record follows the actions as extra rows.
 */
function tableCsv(summary: ProgressSummary, table: DataTable, extraRows: TableValue[][] = []): Buffer {
  const record = recordStatus(summary);
  const lines = [csvRow(['Plan', 'Record', ...table.columns.map((c) => c.header)])];
  for (const row of [...table.rows, ...extraRows]) {
    lines.push(
      csvRow([
        summary.plan.title,
        record,
        ...row.map((v, i) => csvValue(table.columns[i]?.kind ?? 'text', v)),
      ]),
    );
  }
  return Buffer.from(BOM + lines.join(CRLF) + CRLF, 'utf8');
}

/** The Actions table: a row per action, then the board's record in the same columns (its section in Theme). */
export function buildCsv(summary: ProgressSummary): Buffer {
  const table = actionsTable(summary);
  const headers = table.columns.map((c) => c.header);
  return tableCsv(summary, table, boardRecordCsvRows(summary, headers));
}

/** The Performance table: a row per indicator, its figures as numbers in its unit, each with its period. */
export function buildPerformanceCsv(summary: ProgressSummary): Buffer {
  return tableCsv(summary, performanceTable(summary));
}
