/**
 * The demo's plan as other councils keep it, built in the tests: an Excel sheet and a Word table with other
 * column names, merged theme cells, hyphens for dashes and two leads in one cell.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, VerticalMergeType } from 'docx';
import ExcelJS from 'exceljs';
import { readCsvGrid } from '../../server/src/imports/readers.js';

const DEMO_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../server/demo');
export const DEMO_PLAN_CSV = fs.readFileSync(path.join(DEMO_DIR, 'improvement-plan-phase2.csv'));
export const DEMO_RECOMMENDATIONS_CSV = fs.readFileSync(path.join(DEMO_DIR, 'recommendations.csv'));

/** The demo plan's rows: Theme, Area, Number, Sources, What we want to achieve, Action, Lead, Timeframe. */
export function demoRows(): string[][] {
  return readCsvGrid(DEMO_PLAN_CSV.toString('utf8')).slice(1);
}

/** Other headings for the same eight columns, as another council writes them. */
export const OTHER_HEADINGS = [
  'Priority',
  'Service area',
  'Ref.',
  'Links to\nOfsted recommendations / DfE direction',
  'Outcome (what we want to achieve)',
  'Actions (incl. Ofsted recommendations)',
  'Lead officer(s)',
  'Timescale',
];

/** A cell as another council types it: hyphens for dashes, several leads on separate lines. */
function retyped(row: string[]): string[] {
  const out = [...row];
  out[6] = (out[6] ?? '').split(' / ').join('\n');
  out[7] = (out[7] ?? '').replace(/ – /g, ' - ');
  return out;
}

/** Runs of the same theme, for merging: [first index, last index]. */
function themeRuns(rows: string[][]): [number, number][] {
  const runs: [number, number][] = [];
  rows.forEach((r, i) => {
    const last = runs[runs.length - 1];
    if (last && rows[last[0]]?.[0] === r[0]) last[1] = i;
    else runs.push([i, i]);
  });
  return runs;
}

/** The demo plan as an .xlsx: a title row, other headings, theme cells merged down each theme. */
export async function demoPlanXlsx(
  rows = demoRows(),
  extraColumn?: { heading: string; value: string },
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Improvement plan');
  sheet.addRow(["Children's Services Improvement Plan – Phase 2"]);
  sheet.addRow([...OTHER_HEADINGS, ...(extraColumn ? [extraColumn.heading] : [])]);
  for (const r of rows) sheet.addRow([...retyped(r), ...(extraColumn ? [extraColumn.value] : [])]);
  for (const [a, b] of themeRuns(rows)) if (b > a) sheet.mergeCells(a + 3, 1, b + 3, 1);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The demo plan as a .docx: a paragraph, then the plan's table with theme cells merged down each theme. */
export async function demoPlanDocx(rows = demoRows()): Promise<Buffer> {
  const runs = themeRuns(rows);
  const cell = (text: string) =>
    new TableCell({ children: text.split('\n').map((line) => new Paragraph(line)) });
  const header = new TableRow({ children: OTHER_HEADINGS.map((h) => cell(h)) });
  const body = rows.map((r, i) => {
    const run = runs.find(([a, b]) => i >= a && i <= b)!;
    const cells = retyped(r).map((text, c) => {
      if (c !== 0 || run[0] === run[1]) return cell(text);
      return new TableCell({
        children: [new Paragraph(i === run[0] ? text : '')],
        verticalMerge: i === run[0] ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE,
      });
    });
    return new TableRow({ children: cells });
  });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph('Appendix A: the improvement plan'),
          new Table({ rows: [new TableRow({ children: [cell('Key'), cell('RAG')] })] }),
          new Table({ rows: [header, ...body] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A CSV of these rows under the demo's own headings. */
export function planCsv(rows: string[][]): Buffer {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const header = 'Theme,Area,Number,Sources,What we want to achieve,Action,Lead,Timeframe';
  return Buffer.from([header, ...rows.map((r) => r.map(quote).join(','))].join('\n') + '\n');
}
