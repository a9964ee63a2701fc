/**
 * Reads an uploaded plan into tables of cell text, whatever its format: `.csv` (csv-parse), `.xlsx` (exceljs,
 * one table per worksheet) and `.docx` (the tables of word/document.xml, read with jszip). A merged cell
 * holds its text in its first cell only; the cells it covers read as blank, as in a CSV saved from Excel.
 */
import { parse } from 'csv-parse/sync';
import { toIsoDate } from '@ipt/shared';

/** Rows of cells; `grid[r][c]` is the text of row r + 1, column c + 1 as the person sees it. */
export type Grid = string[][];

export interface SourceTable {
  /** "Sheet Plan", "Table 2": how the preview names it. */
  name: string;
  grid: Grid;
}

export type ImportFormat = 'csv' | 'xlsx' | 'docx';

export class UnreadableFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableFileError';
  }
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** The format, by the file's name and first bytes; null when it is none of the three. */
export function formatOf(fileName: string, bytes: Uint8Array): ImportFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  const zip = ZIP.every((b, i) => bytes[i] === b);
  if (ext === 'xlsx' && zip) return 'xlsx';
  if (ext === 'docx' && zip) return 'docx';
  if ((ext === 'csv' || ext === 'txt') && !zip && !bytes.subarray(0, 4096).includes(0)) return 'csv';
  return null;
}

export async function readTables(fileName: string, bytes: Uint8Array): Promise<SourceTable[]> {
  const format = formatOf(fileName, bytes);
  if (format === null) {
    throw new UnreadableFileError(
      `"${fileName}" is not a CSV, Excel (.xlsx) or Word (.docx) file. Save the plan in one of those formats.`,
    );
  }
  try {
    if (format === 'csv') return [{ name: 'CSV', grid: readCsvGrid(Buffer.from(bytes).toString('utf8')) }];
    if (format === 'xlsx') return await readXlsx(bytes);
    return await readDocx(bytes);
  } catch (err) {
    if (err instanceof UnreadableFileError) throw err;
    throw new UnreadableFileError(
      `"${fileName}" could not be read as ${format.toUpperCase()} (${(err as Error).message}). Save it again and retry.`,
    );
  }
}

export function readCsvGrid(text: string): Grid {
  return parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, relax_quotes: true }) as Grid;
}

async function readXlsx(bytes: Uint8Array): Promise<SourceTable[]> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const tables: SourceTable[] = [];
  book.eachSheet((sheet) => {
    const grid: Grid = [];
    sheet.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        // A merged cell's text is in its master; the others read blank.
        const covered = cell.isMerged && cell.master.address !== cell.address;
        cells[c - 1] = covered ? '' : cellText(cell.value, cell.text, cell.numFmt);
      });
      grid[r - 1] = Array.from(cells, (v) => v ?? '');
    });
    tables.push({ name: `Sheet "${sheet.name}"`, grid: Array.from(grid, (row) => row ?? []) });
  });
  return tables;
}

/** A number format that shows the value as a percentage: a `%` outside quoted text (`0%`, not `0"%"`). */
function isPercentFormat(numFmt: string | undefined): boolean {
  return (
    !!numFmt &&
    numFmt
      .replace(/"[^"]*"/g, '')
      .replace(/\\./g, '')
      .includes('%')
  );
}

function cellText(value: unknown, text: string, numFmt?: string): string {
  // A percentage cell holds its fraction (0.85 shown as 85%): read it as the figure it shows.
  if (typeof value === 'number' && isPercentFormat(numFmt))
    return `${Number((value * 100).toPrecision(12))}%`;
  // A date typed into Excel reads as the ISO date the timeframe parser accepts.
  if (value instanceof Date) {
    return toIsoDate({
      year: value.getUTCFullYear(),
      month: value.getUTCMonth() + 1,
      day: value.getUTCDate(),
    });
  }
  if (value && typeof value === 'object' && 'result' in value)
    return String((value as { result: unknown }).result ?? '');
  return text ?? '';
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(
        e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)),
      );
    return ENTITIES[e] ?? whole;
  });
}

/**
 * The tables of a Word document, top level only (a table inside a cell is read as that cell's text).
 * Paragraphs in a cell are lines; a horizontally merged cell (gridSpan) fills its columns with blanks after
 * its text; a vertically merged cell that continues the one above (vMerge without "restart") reads blank.
 */
async function readDocx(bytes: Uint8Array): Promise<SourceTable[]> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (xml === undefined) throw new UnreadableFileError('The Word file has no document in it.');
  const tokens = xml.match(/<\/?w:(?:tbl|tr|tc|p|t|tab|br|gridSpan|vMerge)\b[^>]*>|[^<]+|<[^>]*>/g) ?? [];
  const tables: SourceTable[] = [];
  let depth = 0; // table nesting
  let grid: Grid = [];
  let row: string[] = [];
  let cell = '';
  let inText = false;
  let span = 1;
  let continued = false;
  for (const tok of tokens) {
    if (tok[0] !== '<') {
      if (inText && depth >= 1) cell += decode(tok);
      continue;
    }
    const m = /^<(\/?)w:(tbl|tr|tc|p|t|tab|br|gridSpan|vMerge)\b([^>]*?)(\/?)>$/.exec(tok);
    if (!m) continue;
    const [, close, name, attrs, selfClose] = m;
    if (name === 'tbl') {
      if (!close) {
        depth++;
        if (depth === 1) grid = [];
      } else {
        if (depth === 1) tables.push({ name: `Table ${tables.length + 1}`, grid });
        depth--;
      }
      continue;
    }
    if (depth !== 1) {
      // Inside a nested table: keep its words in the outer cell.
      if (name === 't') inText = !close && !selfClose;
      if (name === 'p' && close) cell += '\n';
      continue;
    }
    switch (name) {
      case 'tr':
        if (!close) row = [];
        else grid.push(row);
        break;
      case 'tc':
        if (!close) {
          cell = '';
          span = 1;
          continued = false;
        } else {
          const text = continued ? '' : cell.replace(/\n+$/, '').replace(/[ \t]+\n/g, '\n');
          row.push(text, ...Array<string>(Math.max(0, span - 1)).fill(''));
        }
        break;
      case 'p':
        if (close) cell += '\n';
        break;
      case 't':
        inText = !close && !selfClose;
        break;
      case 'tab':
        cell += ' ';
        break;
      case 'br':
        cell += '\n';
        break;
      case 'gridSpan':
        span = Number(/w:val="(\d+)"/.exec(attrs ?? '')?.[1] ?? '1');
        break;
      case 'vMerge':
        continued = !/w:val="restart"/.test(attrs ?? '');
        break;
    }
  }
  return tables;
}
