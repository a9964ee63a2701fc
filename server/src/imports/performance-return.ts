/**
 * Reads a council's performance return (its cells as readers.ts reads a CSV or .xlsx) in either of its usual layouts: one row per
 * indicator per period (columns Indicator, Period, Value, and optionally Status and Note), or one row per
 * indicator with the periods across the columns. Checking the cells against the plan is the service's job;
 * this only reads what the file says and where.
 */
import { endOfMonth, isIsoDate, MONTH_ABBREVIATIONS, MONTH_NAMES, parseIsoDate } from '@ipt/shared';

export type Cell = string | number | Date | null;

export interface ReadSheet {
  /** Row 1 is the heading row. */
  rows: Cell[][];
}

/** The first table readers.ts found in the file, blank cells as null. */
export function sheetOf(tables: { grid: string[][] }[]): ReadSheet {
  const grid = tables[0]?.grid ?? [];
  return { rows: grid.map((r) => r.map((c) => (c.trim() === '' ? null : c))) };
}

export interface ReturnProblem {
  row: number;
  column: string;
  message: string;
}

export interface ReturnEntry {
  row: number;
  /** The columns, for problems: where the indicator, period and value were read. */
  indicatorColumn: string;
  valueColumn: string;
  indicatorName: string;
  /** The period's last day, or null when it cannot be read (a problem says so). */
  periodEnd: string | null;
  value: number | null;
  rawValue: string;
  status: 'provisional' | 'validated' | null;
  rawStatus: string;
  note: string;
}

export class ReturnReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReturnReadError';
  }
}

const HEADINGS = {
  indicator: ['indicator', 'measure', 'indicator name', 'kpi', 'performance indicator'],
  period: ['period', 'month', 'period ending', 'period end', 'date'],
  value: ['value', 'result', 'actual', 'figure'],
  status: ['status', 'provisional or validated', 'validated'],
  note: ['note', 'notes', 'comment', 'commentary'],
} as const;

function normalise(h: string): string {
  return h
    .replace(/\u00a0/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

/** A, B, … Z, AA: the column's letter as a spreadsheet shows it. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function text(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell)
    .replace(/\u00a0/g, ' ')
    .trim();
}

/**
 * The last day of the month a period heading or cell names: `2024-04-30`, `2024-04`, `April 2024`,
 * `Apr 2024`, `Apr-24`, `30/04/2024`, or a spreadsheet date. Null when it names no month.
 */
export function readPeriod(cell: Cell): string | null {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    return endOfMonth(cell.getUTCFullYear(), cell.getUTCMonth() + 1);
  }
  const s = text(cell);
  if (!s) return null;
  if (isIsoDate(s)) {
    const d = parseIsoDate(s);
    return endOfMonth(d.year, d.month);
  }
  let m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? endOfMonth(Number(m[1]), month) : null;
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) {
    const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
    if (!isIsoDate(iso)) return null;
    return endOfMonth(Number(m[3]), Number(m[2]));
  }
  m = /^([A-Za-z]+)[\s-]+(\d{2}|\d{4})$/.exec(s);
  if (m) {
    const word = m[1]!.toLowerCase();
    const i = MONTH_NAMES.findIndex(
      (name, k) =>
        name.toLowerCase() === word ||
        MONTH_ABBREVIATIONS[k]!.toLowerCase() === word ||
        (word === 'sept' && k === 8),
    );
    if (i < 0) return null;
    const year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
    return endOfMonth(year, i + 1);
  }
  return null;
}

/** A number as a return writes it: `12.5`, `12.5%`, `1,234`. Null when it is not one. */
export function readNumber(cell: Cell): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  const s = text(cell).replace(/,/g, '').replace(/%$/, '').trim();
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

function readStatus(cell: Cell): 'provisional' | 'validated' | null {
  const s = normalise(text(cell));
  if (s === '' || s === 'provisional' || s === 'p') return 'provisional';
  if (s === 'validated' || s === 'v' || s === 'final') return 'validated';
  return null;
}

/** Reads either layout into entries, and the problems of reading (a period heading that names no month…). */
export function readReturn(sheet: ReadSheet): {
  layout: 'rows' | 'columns';
  entries: ReturnEntry[];
  problems: ReturnProblem[];
} {
  const [header, ...body] = sheet.rows;
  if (!header || header.every((c) => text(c) === ''))
    throw new ReturnReadError('The file is empty: the first row should hold the column headings.');
  const names = header.map((c) => normalise(text(c)));
  const find = (options: readonly string[]) => names.findIndex((n) => options.includes(n));
  const col = {
    indicator: find(HEADINGS.indicator),
    period: find(HEADINGS.period),
    value: find(HEADINGS.value),
    status: find(HEADINGS.status),
    note: find(HEADINGS.note),
  };
  const label = (i: number) => `${columnLetter(i)} (${text(header[i] ?? null) || 'no heading'})`;
  if (col.indicator < 0) {
    throw new ReturnReadError(
      `No column for the indicator: head one column "Indicator" (looked for: ${HEADINGS.indicator.join(', ')}).`,
    );
  }
  const problems: ReturnProblem[] = [];
  const entries: ReturnEntry[] = [];
  const blank = (r: Cell[]) => r.every((c) => text(c) === '');

  if (col.period >= 0 && col.value >= 0) {
    body.forEach((r, k) => {
      const row = k + 2;
      if (blank(r)) return;
      const periodCell = r[col.period] ?? null;
      const periodEnd = readPeriod(periodCell);
      if (!periodEnd)
        problems.push({
          row,
          column: label(col.period),
          message: text(periodCell)
            ? `"${text(periodCell)}" is not a month: write it as 2024-04, April 2024 or 30/04/2024.`
            : 'The period is missing.',
        });
      const statusCell = col.status >= 0 ? (r[col.status] ?? null) : null;
      entries.push({
        row,
        indicatorColumn: label(col.indicator),
        valueColumn: label(col.value),
        indicatorName: text(r[col.indicator] ?? null),
        periodEnd,
        value: readNumber(r[col.value] ?? null),
        rawValue: text(r[col.value] ?? null),
        status: readStatus(statusCell),
        rawStatus: text(statusCell),
        note: col.note >= 0 ? text(r[col.note] ?? null) : '',
      });
    });
    return { layout: 'rows', entries, problems };
  }

  // Periods across the columns: every other column with a heading must name a month.
  const periodColumns: { index: number; periodEnd: string }[] = [];
  header.forEach((h, i) => {
    if (i === col.indicator || i === col.status || i === col.note || text(h) === '') return;
    const periodEnd = readPeriod(h);
    if (periodEnd) periodColumns.push({ index: i, periodEnd });
    else
      problems.push({
        row: 1,
        column: label(i),
        message: `The heading "${text(h)}" is not a month: head each period column as 2024-04, April 2024 or Apr-24, or use the columns Indicator, Period and Value.`,
      });
  });
  if (periodColumns.length === 0 && problems.length === 0) {
    throw new ReturnReadError(
      'No period columns: head them with months (e.g. Apr-24), or use the columns Indicator, Period and Value.',
    );
  }
  body.forEach((r, k) => {
    const row = k + 2;
    if (blank(r)) return;
    const statusCell = col.status >= 0 ? (r[col.status] ?? null) : null;
    for (const pc of periodColumns) {
      const cell = r[pc.index] ?? null;
      if (text(cell) === '') continue; // no figure for that period yet
      entries.push({
        row,
        indicatorColumn: label(col.indicator),
        valueColumn: label(pc.index),
        indicatorName: text(r[col.indicator] ?? null),
        periodEnd: pc.periodEnd,
        value: readNumber(cell),
        rawValue: text(cell),
        status: readStatus(statusCell),
        rawStatus: text(statusCell),
        note: col.note >= 0 ? text(r[col.note] ?? null) : '',
      });
    }
  });
  return { layout: 'columns', entries, problems };
}
