/**
 * The data as an Excel workbook: one sheet per section, real date cells shown dd/mm/yyyy, a frozen bold
 * header row with a filter on it, and RAG cells shaded in their colour beside their word. Text from the plan
 * is always written as a string cell, never a formula; formula-like text also gets the Text format, so that
 * editing the cell in Excel does not turn it into one.
 */
import ExcelJS from 'exceljs';
import { RAG_COLOURS, type Rag } from '@ipt/shared';
import type { ProgressSummary } from '@ipt/shared/schemas';
import { looksLikeFormula } from './cells.js';
import { documentTitle, excelDate } from './format.js';
import { dataTables, ragText, type ColumnKind, type DataTable, type TableValue } from './tables.js';

const DATE_FORMAT = 'dd/mm/yyyy';
/** A percentage is a real percent cell (0.62 shown as 62%), with a decimal place when it has one. */
const percentFormat = (percent: number) => (Number.isInteger(percent) ? '0%' : '0.0#%');
const HEADER_FILL = 'FFF3F2F1';
const BORDER_COLOUR = 'FFB1B4B6';
/** Text columns at least this wide wrap their text. */
const WRAP_FROM_WIDTH = 24;

const FONT = { name: 'Calibri', size: 11 };
/** Points per line of 11pt text, and the tallest row Excel allows. */
const LINE_POINTS = 15;
const MAX_ROW_POINTS = 409;

const argb = (colour: string) => `FF${colour.replace('#', '').toUpperCase()}`;

/**
 * Lines a wrapped cell needs at a column width (in characters). Rows get an explicit height, since
 * LibreOffice does not size rows to wrapped text on opening and Excel does so only on an edit. A character
 * per unit of width is generous for Calibri and right for DejaVu Sans, LibreOffice's stand-in for it where
 * Calibri is not installed: better a little space to spare in Excel than text cut off elsewhere.
 */
function linesNeeded(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width));
  return text.split(/\r\n|\r|\n/).reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
}

function setValue(cell: ExcelJS.Cell, kind: ColumnKind, value: TableValue): void {
  if (value === null || value === '') return;
  switch (kind) {
    case 'date':
      cell.value = excelDate(String(value));
      cell.numFmt = DATE_FORMAT;
      return;
    case 'number':
      cell.value = typeof value === 'number' ? value : Number(value);
      return;
    case 'percent': {
      const percent = typeof value === 'number' ? value : Number(value);
      // Whole percentages divided by 100 in binary floating point are not always the nearest double to
      // the fraction (e.g. 57 / 100): round to what the percentage says.
      cell.value = Number((percent / 100).toPrecision(12));
      cell.numFmt = percentFormat(percent);
      return;
    }
    case 'rag': {
      const rag = value as Rag;
      cell.value = ragText(rag);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(RAG_COLOURS[rag].fill) } };
      cell.font = { ...FONT, bold: true, color: { argb: argb(RAG_COLOURS[rag].text) } };
      return;
    }
    case 'text': {
      const text = String(value);
      // exceljs writes a string value as a string cell (only { formula } makes a formula); the Text format
      // keeps it text if someone edits the cell.
      cell.value = text;
      if (looksLikeFormula(text)) cell.numFmt = '@';
      return;
    }
  }
}

function addSheet(wb: ExcelJS.Workbook, table: DataTable): void {
  const ws = wb.addWorksheet(table.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `&L${table.name.replace(/&/g, '&&')}&RPage &P of &N` },
  });
  ws.columns = table.columns.map((c) => ({
    width: c.width,
    style: {
      font: FONT,
      alignment: {
        vertical: 'top',
        horizontal: table.rowKinds ? 'left' : undefined,
        wrapText: c.kind === 'text' && c.width >= WRAP_FROM_WIDTH,
      },
    },
  }));

  const header = ws.getRow(1);
  table.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { ...FONT, bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = { bottom: { style: 'thin', color: { argb: BORDER_COLOUR } } };
    cell.alignment = { vertical: 'top', wrapText: true };
  });
  // Bold headings are wider than body text.
  header.height = LINE_POINTS * Math.max(...table.columns.map((c) => linesNeeded(c.header, c.width - 2)));

  const wraps = table.columns.map((c) => c.kind === 'text' && c.width >= WRAP_FROM_WIDTH);
  table.rows.forEach((values, r) => {
    const row = ws.getRow(r + 2);
    const rowKind = table.rowKinds?.[r] ?? null;
    let lines = 1;
    values.forEach((value, i) => {
      const column = table.columns[i];
      if (!column) return;
      const kind = table.cellKinds?.[r]?.[i] ?? (i > 0 && rowKind ? rowKind : column.kind);
      setValue(row.getCell(i + 1), kind, value);
      if (wraps[i] && typeof value === 'string') lines = Math.max(lines, linesNeeded(value, column.width));
    });
    if (lines > 1) row.height = Math.min(MAX_ROW_POINTS, lines * LINE_POINTS);
  });

  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
}

export async function buildXlsx(summary: ProgressSummary): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const produced = new Date(summary.producedAt);
  wb.creator = summary.producedBy.name;
  wb.lastModifiedBy = summary.producedBy.name;
  wb.created = produced;
  wb.modified = produced;
  wb.title = documentTitle(summary);
  wb.subject = summary.meeting ? summary.meeting.title : 'Live';
  wb.company = summary.councilName;
  for (const table of dataTables(summary)) addSheet(wb, table);
  const data = await wb.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
