/**
 * Progress summary exports: every file format, fetched through the real route and read back, says what the
 * JSON summary says — the same actions, RAG words and dates — and nothing in a spreadsheet can run.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse } from 'csv-parse/sync';
import type supertest from 'supertest';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, formatPeriod, formatShortDate, RAG_LABELS, RISK_MOVEMENT_LABELS } from '@ipt/shared';
import type { ProgressSummary, SummaryAction } from '@ipt/shared/schemas';
import { csvField } from '../../server/src/exports/cells.js';
import { buildExport } from '../../server/src/exports/index.js';
import { MISSING_GLYPH, pdfSafe } from '../../server/src/exports/pdf.js';
import { performanceGroups } from '../../server/src/exports/performance.js';
import { buildTestApp, expectProblem, signIn, type SignedIn, type TestApp } from '../helpers/app.js';
import { demoIds, post, type DemoIds } from '../helpers/demo.js';

type FileFormat = 'docx' | 'pdf' | 'xlsx' | 'csv';
const FORMATS: FileFormat[] = ['docx', 'pdf', 'xlsx', 'csv'];
const CONTENT_TYPES: Record<FileFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};
const FORMULA = '=HYPERLINK("http://example.org","x")';
const MULTILINE = 'Line one, with a comma;\nline "two" in quotes';
const WELSH_POLISH = 'Gwŷr ŵyn, Łódź, Żywiec';

let t: TestApp;
let ids: DemoIds;
let admin: SignedIn;
let adviser: SignedIn;
let lead: SignedIn;
let meetingId: number;
let meetingDate: string;
let summary: ProgressSummary;

// ---- reading files back ---------------------------------------------------------------------------------

function binary(res: supertest.Response, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

function exportUrl(query: Record<string, string | number>): string {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  return `/api/plans/${ids.planId}/export?${qs.toString()}`;
}

async function fetchSummary(query: Record<string, string | number> = {}): Promise<ProgressSummary> {
  const res = await adviser.agent.get(exportUrl({ format: 'json', ...query }));
  expect(res.status).toBe(200);
  return res.body as ProgressSummary;
}

async function fetchFile(format: FileFormat, query: Record<string, string | number> = {}) {
  const res = await adviser.agent
    .get(exportUrl({ format, ...query }))
    .buffer(true)
    .parse(binary);
  expect(res.status).toBe(200);
  return { body: res.body as Buffer, headers: res.headers as Record<string, string> };
}

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The document's text, a line per paragraph (table cells are paragraphs too). */
async function docxText(body: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(body);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map(([p]) =>
      [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
        .map((m) => (m[1] === undefined ? '\n' : decodeXml(m[1])))
        .join(''),
    )
    .join('\n');
}

async function pdfText(body: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(body));
  const { text } = await extractText(pdf, { mergePages: true });
  return text;
}

async function workbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

/** A sheet as header names and rows of cells, by header. */
function sheetRows(wb: ExcelJS.Workbook, name: string): Record<string, ExcelJS.Cell>[] {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, ExcelJS.Cell>[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1)])));
  }
  return rows;
}

function csvAllRecords(body: Buffer): Record<string, string>[] {
  return parse(body.toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
}

/** The CSV's action rows: the board's record follows them, its rows led by one of these refs. */
const BOARD_RECORD_REFS = /^(Narrative|Risk \d+|Decision|Board action)$/;
function csvRecords(body: Buffer): Record<string, string>[] {
  return csvAllRecords(body).filter((r) => !BOARD_RECORD_REFS.test(r.Ref ?? ''));
}

/** Whitespace as single spaces, so text wrapped in a table cell reads as written. */
const flat = (text: string) => text.replace(/\s+/g, ' ');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const hasRef = (text: string, ref: string) => new RegExp(`(^|\\s)${escape(ref)}(\\s|$)`).test(text);
const ragWords = (a: SummaryAction) =>
  a.agreedRag && a.agreedRag !== a.rag
    ? `${RAG_LABELS[a.rag]} (board agreed ${RAG_LABELS[a.agreedRag]})`
    : RAG_LABELS[a.rag];
const utcDate = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
/** The cover's produced-at line, the one thing that differs between two exports of a locked meeting. */
const withoutProducedLine = (text: string) =>
  flat(text).replace(
    /Produced by .*? on \d{1,2} [A-Z][a-z]+ \d{4} at (\d{1,2}(:\d{2})?[ap]m|midday|midnight)/,
    '',
  );

async function paperText(format: 'docx' | 'pdf', body: Buffer): Promise<string> {
  return format === 'docx' ? docxText(body) : pdfText(body);
}

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin@example.org');
  adviser = await signIn(t.app, 'adviser@example.org');
  lead = await signIn(t.app, 'head.of.first.response@example.org');
  ids = await demoIds(admin);
  const meetings = (await adviser.agent.get(`/api/plans/${ids.planId}/meetings`)).body.items as {
    id: number;
    status: string;
    meetingDate: string;
  }[];
  const locked = meetings.filter((m) => m.status === 'locked').at(-1)!;
  meetingId = locked.id;
  meetingDate = locked.meetingDate;
  summary = await fetchSummary({ meeting: meetingId });
});
afterAll(async () => {
  await t.close();
});

describe('the summary the files are written from', () => {
  it('is the locked meeting as it recorded it, with every demo action', () => {
    expect(summary.frozen).toBe(true);
    expect(summary.meeting?.id).toBe(meetingId);
    expect(summary.actions).toHaveLength(21);
    expect(summary.recommendations.length).toBeGreaterThan(0);
    expect(summary.overdue.length).toBeGreaterThan(0);
    expect(summary.actions.some((a) => a.agreedRag && a.agreedRag !== a.rag)).toBe(true);
  });
});

describe('each format through the route', () => {
  it.each(FORMATS)('%s comes with its content type and a dated attachment name', async (format) => {
    const { headers, body } = await fetchFile(format, { meeting: meetingId });
    expect(headers['content-type']).toBe(CONTENT_TYPES[format]);
    const name = `northshire-county-council-childrens-services-improvement-plan-progress-summary-${meetingDate}.${format}`;
    expect(headers['content-disposition']).toBe(`attachment; filename="${name}"; filename*=UTF-8''${name}`);
    expect(headers['cache-control']).toBe('private, no-store');
    expect(body.length).toBeGreaterThan(500);
  });

  it.each(['docx', 'pdf'] as const)(
    'the %s paper has the cover, every action, its RAG words and dates, and the recommendations',
    async (format) => {
      const text = flat(await paperText(format, (await fetchFile(format, { meeting: meetingId })).body));
      expect(text).toContain(summary.councilName);
      expect(text).toContain(summary.plan.title);
      expect(text).toContain(summary.plan.phase);
      expect(text).toContain(
        `Progress summary as of ${summary.meeting!.title} (papers cut-off ${formatDate(summary.meeting!.papersCutoff)})`,
      );
      expect(text).toMatch(/Produced by Ruth Kendall, DfE Improvement Adviser, on \d{1,2} [A-Z][a-z]+ \d{4}/);
      for (const heading of [
        'Headline',
        'Progress against each recommendation',
        'Overdue actions',
        'Changes since the previous meeting',
        'Timeframe changes',
        'Evidence',
      ]) {
        expect(text).toContain(heading);
      }
      for (const a of summary.actions) {
        expect(hasRef(text, a.ref), `ref ${a.ref}`).toBe(true);
        expect(text).toContain(flat(a.objective));
        expect(text).toContain(ragWords(a));
        if (a.dueDate) expect(text).toContain(formatDate(a.dueDate));
      }
      for (const r of summary.recommendations) {
        expect(text).toContain(r.label);
        expect(text).toContain(flat(r.text));
        if (r.noLiveAction) expect(text).toContain('No live action answers this recommendation');
        if (r.allBlueNoImpactEvidence) {
          expect(text).toContain('All actions complete but no accepted evidence of impact');
        }
      }
      for (const a of summary.overdue) expect(text).toContain(`${a.daysOverdue}`);
      for (const tc of summary.timeframeChanges) {
        for (const c of tc.changes) {
          expect(text).toContain(formatDate(c.toDate));
          expect(text).toContain(flat(c.reason));
        }
      }
      for (const e of summary.evidence) {
        for (const i of e.items) expect(text).toContain(flat(i.title));
      }
      // Counts by RAG, now and before: a row per RAG with its word.
      for (const rag of ['red', 'amber', 'green', 'blue', 'not_started'] as const) {
        const prev = summary.headline.previousCounts![rag];
        expect(text).toContain(`${RAG_LABELS[rag]} ${summary.headline.counts[rag]} ${prev}`);
      }
      expect(text).toContain(`${summary.headline.percentComplete}% complete`);
    },
  );

  it('the DOCX uses Heading 1 and 2, repeats table headers, is in British English and titled', async () => {
    const zip = await JSZip.loadAsync((await fetchFile('docx', { meeting: meetingId })).body);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
    expect(xml).toContain('<w:tblHeader/>');
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toContain('w:lang w:val="en-GB"');
    expect(styles).toMatch(/w:styleId="Heading1"[\s\S]*?<w:outlineLvl w:val="0"\/>/);
    const core = decodeXml(await zip.file('docProps/core.xml')!.async('string'));
    expect(core).toContain(
      `<dc:title>${summary.plan.title}: progress summary as of ${summary.meeting!.title}<`,
    );
    // RAG shading beside the word
    expect(xml).toMatch(/w:fill="D4351C"[\s\S]{0,800}?Red \(board agreed Amber\)/);
    // Count tables mark their first column as row headers (Word's table look); other tables do not.
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map(([tbl]) => tbl);
    const marked = tables.filter((tbl) => tbl.includes('w:firstColumn="true"'));
    expect(marked.length).toBeGreaterThanOrEqual(2);
    expect(marked.length).toBeLessThan(tables.length);
    expect(
      marked.some((tbl) => tbl.includes('>RAG<')),
      'the RAG count table',
    ).toBe(true);
    // Row names that are not a RAG shade ("Got worse"…) take the table heading style, as column headers do:
    // more heading-styled cells than the two column headers.
    const movement = marked.find((tbl) => tbl.includes('>Movement since the previous meeting<'))!;
    expect(movement.split('<w:pStyle w:val="TableHeading"/>').length - 1).toBeGreaterThan(2);
  });

  it('the PDF is tagged, in British English, with headings, table header cells and its title', async () => {
    const body = (await fetchFile('pdf', { meeting: meetingId })).body;
    const raw = body.toString('latin1');
    expect(raw).toContain('/Marked true');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toContain('/Lang (en-GB)');
    expect(raw).toContain('/DisplayDocTitle true');
    for (const tag of ['/S /H1', '/S /H2', '/S /P', '/S /Table', '/S /TR', '/S /TH', '/S /TD']) {
      expect(raw).toContain(tag);
    }
    expect(raw).toContain('/Scope /Column');
    // The count tables name their rows: "Red", "Amber"… are row headers.
    expect(raw).toContain('/Scope /Row');
    const pdf = await getDocumentProxy(new Uint8Array(body));
    const { info } = (await pdf.getMetadata()) as { info: { Title?: string } };
    expect(info.Title).toBe(`${summary.plan.title}: progress summary as of ${summary.meeting!.title}`);
    expect(pdf.numPages).toBeGreaterThan(2);
    const page = await pdf.getPage(1);
    const [, , width, height] = page.view;
    expect([Math.round(width!), Math.round(height!)]).toEqual([595, 842]); // A4
    expect(flat(await pdfText(body))).toMatch(new RegExp(`Page 1 of ${pdf.numPages}`));
  });

  it('the XLSX has a sheet per section, with the same actions, RAG words and real date cells', async () => {
    const wb = await workbook((await fetchFile('xlsx', { meeting: meetingId })).body);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'RAG counts',
      'Recommendations',
      'Actions',
      'Overdue',
      'Changes',
      'Timeframe changes',
      'Evidence',
      'Performance',
      'RAG history',
      'Narrative',
      'Risks',
      'Decisions and actions',
    ]);
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter).toBeTruthy();
      expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    }
    const actions = sheetRows(wb, 'Actions');
    expect(actions.map((r) => r.Ref!.value)).toEqual(summary.actions.map((a) => a.ref));
    summary.actions.forEach((a, i) => {
      const row = actions[i]!;
      expect(row['What we want to achieve']!.value).toBe(a.objective);
      expect(row.RAG!.value).toBe(RAG_LABELS[a.rag]);
      expect(row['Agreed RAG']!.value ?? null).toBe(a.agreedRag ? RAG_LABELS[a.agreedRag] : null);
      if (a.dueDate) {
        expect(row['Due date']!.value).toEqual(utcDate(a.dueDate));
        expect(row['Due date']!.numFmt).toBe('dd/mm/yyyy');
      } else expect(row['Due date']!.value).toBeNull();
      expect(row['Days overdue']!.value ?? null).toBe(a.daysOverdue);
    });
    const red = actions.find((r) => r.RAG!.value === 'Red')!.RAG!;
    expect(red.fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFD4351C' } });

    const overdue = sheetRows(wb, 'Overdue');
    expect(overdue.map((r) => [r.Ref!.value, r['Days overdue']!.value])).toEqual(
      summary.overdue.map((a) => [a.ref, a.daysOverdue]),
    );
    const recs = sheetRows(wb, 'Recommendations');
    expect(recs).toHaveLength(summary.recommendations.reduce((n, r) => n + Math.max(1, r.actions.length), 0));
    const counts = sheetRows(wb, 'RAG counts');
    const atMeeting = `At the meeting (${formatDate(meetingDate)})`;
    expect(counts.map((r) => [r.RAG!.value, r[atMeeting]!.value, r['At previous meeting']!.value])).toEqual(
      (['red', 'amber', 'green', 'blue', 'not_started'] as const).map((rag) => [
        RAG_LABELS[rag],
        summary.headline.counts[rag],
        summary.headline.previousCounts![rag],
      ]),
    );
    const changes = sheetRows(wb, 'Timeframe changes');
    expect(changes.map((r) => r.To!.value)).toEqual(
      summary.timeframeChanges.flatMap((tc) => tc.changes.map((c) => utcDate(c.toDate))),
    );
    const evidence = sheetRows(wb, 'Evidence');
    expect(evidence.map((r) => r.Evidence!.value)).toEqual(
      summary.evidence.flatMap((e) => e.items.map((i) => i.title)),
    );
  });

  it('the CSV is UTF-8 with a BOM and CRLF lines, a row per action with dd/mm/yyyy dates', async () => {
    const body = (await fetchFile('csv', { meeting: meetingId })).body;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = body.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false); // no bare line ends in the demo data
    const rows = csvRecords(body);
    expect(Object.keys(rows[0]!)).toEqual([
      'Plan',
      'Record',
      'Ref',
      'Theme',
      'Area',
      'What we want to achieve',
      'Timeframe',
      'Start date',
      'Leads',
      'Status',
      'RAG',
      'Agreed RAG',
      'Flags',
      'Evidence',
      'Previous RAG',
      'Movement',
      'Original due date',
      'Due date',
      'Days overdue',
      'Recommendations',
      'Latest commentary',
      'Commentary date',
      'Commentary by',
    ]);
    expect(rows.map((r) => r.Ref)).toEqual(summary.actions.map((a) => a.ref));
    summary.actions.forEach((a, i) => {
      const row = rows[i]!;
      expect(row['What we want to achieve']).toBe(a.objective);
      expect(row.Leads).toBe(a.leads.join('; '));
      expect(row.RAG).toBe(RAG_LABELS[a.rag]);
      expect(row['Agreed RAG']).toBe(a.agreedRag ? RAG_LABELS[a.agreedRag] : '');
      expect(row['Previous RAG']).toBe(a.previousRag ? RAG_LABELS[a.previousRag] : '');
      expect(row['Due date']).toBe(a.dueDate ? formatShortDate(a.dueDate) : '');
      expect(row['Original due date']).toBe(a.originalDueDate ? formatShortDate(a.originalDueDate) : '');
      expect(row['Days overdue']).toBe(a.daysOverdue === null ? '' : String(a.daysOverdue));
      expect(row['Latest commentary']).toBe(a.latestCommentary ?? '');
      expect(row['Commentary date']).toMatch(a.latestCommentaryAt ? /^\d{2}\/\d{2}\/\d{4}$/ : /^$/);
    });
    const answering = summary.recommendations.filter((r) => r.actions.some((a) => a.ref === '1.1'));
    expect(rows[0]!.Recommendations).toBe(answering.map((r) => r.label).join('; '));
  });

  it('every format carries each action’s timeframe, start, flags, evidence and the commentary’s real author', async () => {
    const onBehalf = summary.actions.find((a) => a.latestCommentaryBy?.includes(', recorded by '));
    expect(onBehalf?.latestCommentaryBy, 'an update recorded on a lead’s behalf').toMatch(
      /^Senior Management Team, recorded by Sam Taylor$/,
    );
    expect(summary.actions.every((a) => a.timeframeText.length > 0)).toBe(true);
    expect(summary.actions.some((a) => a.startDate !== null)).toBe(true);
    expect(summary.actions.some((a) => a.impactEvidence === 0)).toBe(true);
    const flagsOf = (a: SummaryAction) =>
      [
        a.flags.noUpdate ? 'No update' : a.flags.stale ? 'Not updated since the last meeting' : null,
        a.flags.dueSoon ? 'Due soon' : null,
        a.daysOverdue !== null ? `Overdue by ${a.daysOverdue} day${a.daysOverdue === 1 ? '' : 's'}` : null,
      ]
        .filter(Boolean)
        .join('; ');
    const rows = csvRecords((await fetchFile('csv', { meeting: meetingId })).body);
    const wb = await workbook((await fetchFile('xlsx', { meeting: meetingId })).body);
    const sheet = sheetRows(wb, 'Actions');
    summary.actions.forEach((a, i) => {
      const row = rows[i]!;
      expect(row.Record).toBe('Locked');
      expect(row.Timeframe).toBe(a.timeframeText);
      expect(row['Start date']).toBe(a.startDate ? formatShortDate(a.startDate) : '');
      expect(row.Flags).toBe(flagsOf(a));
      expect(sheet[i]!.Flags!.value ?? '').toBe(flagsOf(a));
      expect(row.Evidence).toContain(a.impactEvidence === 0 ? 'No impact evidence' : 'of impact accepted');
      if (a.evidenceAwaitingReview > 0)
        expect(row.Evidence).toContain(`${a.evidenceAwaitingReview} awaiting review`);
      expect(row['Commentary by']).toBe(a.latestCommentaryBy ?? '');
    });
    for (const format of ['docx', 'pdf'] as const) {
      const text = flat(await paperText(format, (await fetchFile(format, { meeting: meetingId })).body));
      expect(text).toContain('RAG computed');
      expect(text).toContain('RAG agreed');
      expect(text).toContain('No impact evidence');
      expect(text).toContain(onBehalf!.latestCommentaryBy!);
      expect(text).toMatch(
        /Counts use the RAG computed from each action’s record as of the cut-off, not the RAG the board agreed/,
      );
      for (const a of summary.actions)
        expect(text, `${format} ${a.ref}`).toContain(flat(`Timeframe: ${a.timeframeText}`));
    }
  });

  it('the XLSX has the RAG of every action at every meeting up to this one', async () => {
    const wb = await workbook((await fetchFile('xlsx', { meeting: meetingId })).body);
    const history = sheetRows(wb, 'RAG history');
    expect(history.map((r) => r.Ref!.value)).toEqual(summary.actions.map((a) => a.ref));
    const headers = (wb.getWorksheet('RAG history')!.getRow(1).values as unknown[]).slice(3).map(String);
    expect(headers).toHaveLength(4); // the four locked meetings; the one still ahead is not in a locked pack
    expect(headers.at(-1)).toContain(formatDate(meetingDate));
    expect(headers.at(-1)).toContain(summary.meeting!.title);
    const a13 = history.find((r) => r.Ref!.value === '1.3')!;
    expect(a13[headers.at(-1)!]!.value).toBe('Red (board agreed Amber)');
  });
});

describe('an export of a meeting not yet locked', () => {
  const MARK = 'PROVISIONAL — not yet locked';
  let scheduledId: number;
  beforeAll(async () => {
    const meetings = (await adviser.agent.get(`/api/plans/${ids.planId}/meetings`)).body.items as {
      id: number;
      status: string;
    }[];
    scheduledId = meetings.find((m) => m.status === 'scheduled')!.id;
  });

  it('says PROVISIONAL in its title, every page footer, the file name and a CSV column', async () => {
    const provisional = await fetchSummary({ meeting: scheduledId });
    expect(provisional.provisional).toBe(true);
    for (const format of FORMATS) {
      const { headers } = await fetchFile(format, { meeting: scheduledId });
      expect(headers['content-disposition']).toMatch(/-PROVISIONAL-not-yet-locked\.(docx|pdf|xlsx|csv)"/);
    }
    const pdfBody = (await fetchFile('pdf', { meeting: scheduledId })).body;
    const pdf = await getDocumentProxy(new Uint8Array(pdfBody));
    const { info } = (await pdf.getMetadata()) as { info: { Title?: string } };
    expect(info.Title).toMatch(new RegExp(`^${MARK}: `));
    const { text: pages } = await extractText(pdf, { mergePages: false });
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((p, i) =>
      expect(flat(p), `page ${i + 1}`).toContain(`${MARK} – ${provisional.councilName}`),
    );
    const zip = await JSZip.loadAsync((await fetchFile('docx', { meeting: scheduledId })).body);
    const core = decodeXml(await zip.file('docProps/core.xml')!.async('string'));
    expect(core).toContain(`<dc:title>${MARK}: `);
    const footers = zip.file(/^word\/footer\d*\.xml$/);
    expect(footers.length).toBeGreaterThan(0);
    for (const f of footers) expect(decodeXml(await f.async('string'))).toContain(MARK);
    const docText = flat(await docxText((await fetchFile('docx', { meeting: scheduledId })).body));
    expect(docText).toContain(MARK);
    // The headline says what its ratings are, not "Now (meeting date)".
    expect(docText).not.toMatch(/Now \(/);
    expect(docText).toContain('Provisional, as of');
    const csv = csvRecords((await fetchFile('csv', { meeting: scheduledId })).body);
    expect(csv.length).toBeGreaterThan(0);
    expect(csv.every((r) => r.Record === MARK)).toBe(true);
  });

  it('a filtered export says so in its file name as well as in the paper', async () => {
    const { headers } = await fetchFile('csv', { meeting: meetingId, theme: 1 });
    expect(headers['content-disposition']).toMatch(/-progress-summary-\d{4}-\d{2}-\d{2}-filtered\.csv"/);
  });
});

describe('the same locked meeting exported twice', () => {
  it.each(['docx', 'pdf'] as const)(
    'gives the same %s text apart from the produced-at line',
    async (format) => {
      const first = await paperText(format, (await fetchFile(format, { meeting: meetingId })).body);
      t.clock.advance(5 * 60 * 1000);
      const second = await paperText(format, (await fetchFile(format, { meeting: meetingId })).body);
      expect(withoutProducedLine(second)).toBe(withoutProducedLine(first));
      expect(withoutProducedLine(first)).not.toContain('Produced by');
    },
  );

  it('gives the same XLSX cells apart from the produced-at row, and the same CSV bytes', async () => {
    const cells = async () => {
      const wb = await workbook((await fetchFile('xlsx', { meeting: meetingId })).body);
      const out: unknown[] = [];
      wb.eachSheet((ws) =>
        ws.eachRow((row) => {
          if (row.getCell(1).value !== 'Produced') out.push(ws.name, row.values);
        }),
      );
      return JSON.stringify(out);
    };
    const a = await cells();
    const csvA = (await fetchFile('csv', { meeting: meetingId })).body;
    t.clock.advance(5 * 60 * 1000);
    expect(await cells()).toBe(a);
    expect((await fetchFile('csv', { meeting: meetingId })).body.equals(csvA)).toBe(true);
  });
});

describe('text that a spreadsheet would run', () => {
  let formulaRef: string;
  let multilineRef: string;

  beforeAll(async () => {
    const areaId = (await admin.agent.get(`/api/plans/${ids.planId}/themes`)).body.items[0].areas[0]
      .id as number;
    const leadId = ids.leadId('Head of First Response');
    const create = async (ref: string, objective: string) => {
      const res = await post(admin, `/api/plans/${ids.planId}/actions`, {
        ref,
        areaId,
        objective,
        leadIds: [leadId],
        timeframe: 'Mar 2027',
      });
      expect(res.status).toBe(201);
      return ref;
    };
    formulaRef = await create('9.1', FORMULA);
    multilineRef = await create('9.2', MULTILINE);
    await create('9.3', `${WELSH_POLISH} 👍`);
  });

  it('keeps Welsh and Polish letters in the PDF, and says what stands for an emoji', async () => {
    const text = flat(await paperText('pdf', (await fetchFile('pdf')).body));
    expect(text).toContain(`${WELSH_POLISH} ${MISSING_GLYPH}`);
    expect(text).toContain(`such as emoji, appear as ${MISSING_GLYPH}`);
  });

  it('appears only in a live summary: a locked meeting is frozen', async () => {
    expect((await fetchSummary({ meeting: meetingId })).actions.some((a) => a.ref === formulaRef)).toBe(
      false,
    );
    expect((await fetchSummary()).actions.some((a) => a.ref === formulaRef)).toBe(true);
  });

  it('is a string cell in the XLSX, never a formula', async () => {
    const body = (await fetchFile('xlsx')).body;
    const wb = await workbook(body);
    const row = sheetRows(wb, 'Actions').find((r) => r.Ref!.value === formulaRef)!;
    const cell = row['What we want to achieve']!;
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(FORMULA);
    expect(cell.formula).toBeUndefined();
    expect(cell.numFmt).toBe('@');
    // Nowhere in the workbook is there a formula element.
    const zip = await JSZip.loadAsync(body);
    const sheets = zip.file(/^xl\/worksheets\/sheet\d+\.xml$/);
    expect(sheets).toHaveLength(13);
    for (const sheet of sheets) expect(await sheet.async('string')).not.toMatch(/<f[ >]/);
    const multiline = sheetRows(wb, 'Actions').find((r) => r.Ref!.value === multilineRef)!;
    expect(multiline['What we want to achieve']!.value).toBe(MULTILINE);
  });

  it('is neutralised in the CSV with a leading quote, and other text round-trips as written', async () => {
    const body = (await fetchFile('csv')).body;
    const rows = csvRecords(body);
    expect(rows.find((r) => r.Ref === formulaRef)!['What we want to achieve']).toBe(`'${FORMULA}`);
    expect(rows.find((r) => r.Ref === multilineRef)!['What we want to achieve']).toBe(MULTILINE);
    expect(body.toString('utf8')).toContain('"Line one, with a comma;\nline ""two"" in quotes"');
    // Every text field is quoted, so a `;` list separator cannot split one.
    expect(body.toString('utf8').split('\r\n')[0]).toMatch(/^\uFEFF"Plan","Record","Ref","/);
  });

  it('follows the rule exactly: formula starts get a quote, numbers and other text do not', () => {
    expect(csvField('=1+1')).toBe(`"'=1+1"`);
    expect(csvField('+44 20 7946 0000')).toBe(`"'+44 20 7946 0000"`);
    expect(csvField('- bullet')).toBe(`"'- bullet"`);
    expect(csvField('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvField('\tcmd')).toBe(`"'\tcmd"`);
    expect(csvField('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvField('a - b = c')).toBe('"a - b = c"');
    expect(csvField('=a,b')).toBe(`"'=a,b"`);
    // Quoted whatever it holds: where `;` is the list separator, `x;=cmd` must stay one field.
    expect(csvField('x;=HYPERLINK("http://evil")')).toBe('"x;=HYPERLINK(""http://evil"")"');
    expect(csvField(-5)).toBe('-5');
    expect(csvField(null)).toBe('');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
  });

  it('the PDF keeps Welsh and Polish letters, and stands a stated placeholder for what its font lacks', () => {
    expect(pdfSafe('Gwŷr ŵyn, Łódź, Żywiec – “café” ≥ 5\t£10')).toBe(
      'Gwŷr ŵyn, Łódź, Żywiec – “café” ≥ 5 £10',
    );
    expect(pdfSafe('done 👍🏽 and 🇬🇧')).toBe(`done ${MISSING_GLYPH} and ${MISSING_GLYPH}`);
  });

  it('reads as text in the papers too', async () => {
    for (const format of ['docx', 'pdf'] as const) {
      const text = flat(await paperText(format, (await fetchFile(format)).body));
      // A PDF column narrower than the formula breaks it inside the word, which a reader shows as a space.
      expect(format === 'pdf' ? text.replace(/\s+/g, '') : text).toContain(FORMULA);
      expect(text).toContain(flat(MULTILINE)); // the line break kept, not run together
      expect(text).toContain('(live)');
    }
  });
});

describe('the Performance section', () => {
  /** The figure as the XLSX holds it: a percentage as a fraction (62% is 0.62), other units as they are. */
  const xlsxFigure = (value: number | undefined | null, unit: string) =>
    value === undefined || value === null
      ? null
      : unit === 'percent'
        ? Number((value / 100).toPrecision(12))
        : value;
  const csvFigure = (value: number | undefined | null) =>
    value === undefined || value === null ? '' : String(value);

  it('carries the same indicator figures in the JSON, the XLSX, the CSV and both papers, grouped by movement', async () => {
    const rows = summary.performance ?? [];
    expect(rows.length).toBeGreaterThanOrEqual(12);
    const lines = performanceGroups(rows).flatMap((g) => g.lines.map((l) => ({ group: g.title, ...l })));
    expect(lines).toHaveLength(rows.length);
    const byName = new Map(rows.map((r) => [r.name, r]));
    const wb = await workbook((await fetchFile('xlsx', { meeting: meetingId })).body);
    const sheet = sheetRows(wb, 'Performance');
    expect(
      sheet.map((r) => [r.Group!.value, r.Indicator!.value, r.Direction!.value, r.RAG!.value ?? null]),
    ).toEqual(lines.map((l) => [l.group, l.indicator, l.direction, l.rag ? RAG_LABELS[l.rag] : null]));
    for (const cells of sheet) {
      const r = byName.get(String(cells.Indicator!.value))!;
      const name = r.name;
      expect(cells.Baseline!.value ?? null, name).toBe(xlsxFigure(r.baseline?.value, r.unit));
      expect(cells.Previous!.value ?? null, name).toBe(xlsxFigure(r.previous?.value, r.unit));
      expect(cells.Latest!.value ?? null, name).toBe(xlsxFigure(r.latest?.value, r.unit));
      expect(cells['Latest period']!.value ?? null, name).toBe(
        r.latest ? formatPeriod(r.latest.periodEnd, r.frequency) : null,
      );
      expect(cells.Target!.value ?? null, name).toBe(xlsxFigure(r.target?.value, r.unit));
      const england = r.comparators.find((c) => c.kind === 'england');
      expect(cells.England!.value ?? null, name).toBe(xlsxFigure(england?.value, r.unit));
      expect(cells['England period']!.value ?? null, name).toBe(england?.periodLabel ?? null);
    }

    // A percentage is a real number shown as a percentage: 0.62 in a 0% format, never 62 or "62%".
    const percent = rows.find((r) => r.unit === 'percent' && r.latest && Number.isInteger(r.latest.value))!;
    const latest = sheet.find((r) => r.Indicator!.value === percent.name)!.Latest!;
    expect(latest.type).toBe(ExcelJS.ValueType.Number);
    expect(latest.value).toBeCloseTo(percent.latest!.value / 100, 12);
    expect(latest.numFmt).toBe('0%');
    const count = rows.find((r) => r.unit !== 'percent' && r.latest)!;
    const countCell = sheet.find((r) => r.Indicator!.value === count.name)!.Latest!;
    expect(countCell.value).toBe(count.latest!.value);
    expect(countCell.numFmt ?? 'General').not.toMatch(/%/);

    // The performance CSV: the same rows, the figures as numbers in the indicator's unit.
    const csv = await fetchFile('csv', { meeting: meetingId, table: 'performance' });
    expect(csv.headers['content-disposition']).toMatch(/-performance-\d{4}-\d{2}-\d{2}\.csv"?$/);
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = csvRecords(csv.body);
    expect(records.map((r) => [r.Plan, r.Group, r.Indicator, r.Direction, r.RAG])).toEqual(
      lines.map((l) => [
        summary.plan.title,
        l.group,
        l.indicator,
        l.direction,
        l.rag ? RAG_LABELS[l.rag] : '',
      ]),
    );
    for (const rec of records) {
      const r = byName.get(rec.Indicator!)!;
      expect(
        [rec.Baseline, rec.Previous, rec.Latest, rec.Target, rec['Amber tolerance'], rec['Latest period']],
        r.name,
      ).toEqual([
        csvFigure(r.baseline?.value),
        csvFigure(r.previous?.value),
        csvFigure(r.latest?.value),
        csvFigure(r.target?.value),
        csvFigure(r.target?.tolerance),
        r.latest ? formatPeriod(r.latest.periodEnd, r.frequency) : '',
      ]);
    }

    for (const format of ['docx', 'pdf'] as const) {
      const text = flat(await paperText(format, (await fetchFile(format, { meeting: meetingId })).body));
      expect(text).toContain('Performance');
      for (const l of lines) {
        expect(text, `${format}: ${l.indicator}`).toContain(flat(l.indicator));
        expect(text, `${format}: ${l.indicator} latest`).toContain(flat(l.latest));
        expect(text, `${format}: ${l.indicator} baseline`).toContain(flat(l.baseline));
        expect(text, `${format}: ${l.indicator} target`).toContain(flat(l.target));
      }
    }
  });

  it('the actions stay the CSV by default; table is for the CSV only', async () => {
    const actions = csvRecords((await fetchFile('csv', { meeting: meetingId })).body);
    expect(actions.map((r) => r.Ref)).toEqual(summary.actions.map((a) => a.ref));
    const res = await adviser.agent.get(exportUrl({ format: 'pdf', table: 'performance' }));
    await expectProblem(res, 400);
    expect(res.body.detail).toMatch(/table/);
  });

  it('a value corrected after the meeting leaves its exported figures and files unchanged', async () => {
    const before = (await fetchSummary({ meeting: meetingId })).performance;
    const csvBefore = (await fetchFile('csv', { meeting: meetingId, table: 'performance' })).body;
    const pdfBefore = flat(await pdfText((await fetchFile('pdf', { meeting: meetingId })).body));
    const first = (before ?? []).find((r) => r.latest)!;
    const res = await post(admin, `/api/indicators/${first.indicatorId}/values`, {
      periodEnd: first.latest!.periodEnd,
      value: first.latest!.value === 1 ? 2 : 1,
      status: 'validated',
      note: 'Corrected after the meeting',
    });
    expect(res.status).toBe(201);
    expect((await fetchSummary({ meeting: meetingId })).performance).toEqual(before);
    expect(
      (await fetchFile('csv', { meeting: meetingId, table: 'performance' })).body.equals(csvBefore),
    ).toBe(true);
    const pdfAfter = flat(await pdfText((await fetchFile('pdf', { meeting: meetingId })).body));
    expect(withoutProducedLine(pdfAfter)).toBe(withoutProducedLine(pdfBefore));
    // The live summary (the next meeting's figures) carries the correction.
    const live = (await fetchSummary()).performance!.find((r) => r.indicatorId === first.indicatorId)!;
    expect(live.latest!.periodEnd >= first.latest!.periodEnd).toBe(true);
    const liveCsv = csvRecords((await fetchFile('csv', { table: 'performance' })).body);
    if (live.latest!.periodEnd === first.latest!.periodEnd)
      expect(liveCsv.find((r) => r.Indicator === first.name)!.Latest).toBe(String(live.latest!.value));
  });
});

describe('filters narrow every format', () => {
  const cases: [string, () => Record<string, number>][] = [
    ['theme', () => ({ theme: 1 })],
    ['lead', () => ({ lead: ids.leadId('Head of Safeguarding') })],
    ['recommendation', () => ({ recommendation: 3 })],
  ];
  it.each(cases)('by %s', async (_name, filter) => {
    const query = { meeting: meetingId, ...filter() };
    const narrowed = await fetchSummary(query);
    const inScope = narrowed.actions.map((a) => a.ref);
    const outOfScope = summary.actions.map((a) => a.ref).filter((r) => !inScope.includes(r));
    expect(inScope.length).toBeGreaterThan(0);
    expect(outOfScope.length).toBeGreaterThan(0);

    const csv = csvRecords((await fetchFile('csv', query)).body);
    expect(csv.map((r) => r.Ref)).toEqual(inScope);
    const wb = await workbook((await fetchFile('xlsx', query)).body);
    expect(sheetRows(wb, 'Actions').map((r) => r.Ref!.value)).toEqual(inScope);
    const filters = sheetRows(wb, 'Summary').find((r) => r.Item!.value === 'Filters')!;
    expect(String(filters.Value!.value)).toMatch(/^Filtered to /);
    for (const format of ['docx', 'pdf'] as const) {
      // Figures in the Performance section ("up 2.4 points") are not action refs: look at the rest.
      const text = flat(await paperText(format, (await fetchFile(format, query)).body)).replace(
        /Performance Each indicator's baseline.*?(?=All actions)/,
        '',
      );
      expect(text).toContain('Filtered to');
      for (const ref of inScope) expect(hasRef(text, ref), `${format} has ${ref}`).toBe(true);
      for (const ref of outOfScope) expect(hasRef(text, ref), `${format} has no ${ref}`).toBe(false);
    }
  });
});

/**
 * A 500-action plan made from the demo summary: every action copied under new refs, with long commentaries
 * (some longer than a PDF page's table row) and many recommendations, timeframe changes and evidence items.
 */
function largeSummary(base: ProgressSummary, count = 500): ProgressSummary {
  const long = (i: number) =>
    Array.from(
      { length: i % 25 === 0 ? 60 : 3 },
      (_, k) => `Update ${k + 1} on the recovery plan for action ${i}.`,
    )
      .join(i % 2 ? ' ' : '\n')
      .concat(' Staffing, audit findings, next steps, dependencies and risks all described at length.');
  const actions: SummaryAction[] = Array.from({ length: count }, (_, i) => {
    const a = base.actions[i % base.actions.length]!;
    return {
      ...a,
      actionId: 10_000 + i,
      ref: `${Math.floor(i / 50) + 1}.${(i % 50) + 1}`,
      latestCommentary: long(i),
      daysOverdue: i % 7 === 0 ? (i % 90) + 1 : null,
    };
  });
  // Each action answers one recommendation, and every third a second one too.
  const n = base.recommendations.length;
  const recommendations = base.recommendations.map((r, k) => ({
    ...r,
    actions: actions.filter((_, i) => i % n === k || (i % 3 === 0 && (i + 5) % n === k)),
  }));
  const some = (step: number) => actions.filter((_, i) => i % step === 0);
  const changeTemplate = base.timeframeChanges[0]!;
  const evidenceItem = base.evidence[0]!.items[0]!;
  return {
    ...base,
    headline: { ...base.headline, total: count },
    recommendations,
    overdue: actions.filter((a) => a.daysOverdue !== null),
    changes: { newlyBlue: some(13), worsened: some(9), improved: some(8), newlyOverdue: some(21) },
    timeframeChanges: some(4).map((a) => ({ ...changeTemplate, ref: a.ref, objective: a.objective })),
    evidence: some(2).map((a) => ({
      ref: a.ref,
      objective: a.objective,
      items: [evidenceItem, evidenceItem],
    })),
    actions,
  };
}

// How long these take is measured by npm run bench, not asserted here.
describe('a 500-action plan', () => {
  it.each(FORMATS)('builds as %s with long commentaries across many pages', async (format) => {
    const big = largeSummary(summary);
    const file = await buildExport(format, big);
    expect(file.body.length).toBeGreaterThan(10_000);
    if (format === 'csv') {
      const rows = file.body
        .toString('utf8')
        .trimEnd()
        .split('\r\n')
        .filter((line) => /^"[^"]*","[^"]*","?\d+\.\d+"?,/.test(line)); // the plan, then the ref
      expect(rows).toHaveLength(500);
    }
  });
});

describe('who may export, and what is refused', () => {
  it('refuses an action lead', async () => {
    expectProblem(await lead.agent.get(exportUrl({ format: 'docx', meeting: meetingId })), 403);
    expectProblem(await lead.agent.get(exportUrl({ format: 'json' })), 403);
  });

  it('says 404 for a meeting that does not exist', async () => {
    expectProblem(await adviser.agent.get(exportUrl({ format: 'pdf', meeting: 9999 })), 404);
  });

  it('says 400 for a format it does not make', async () => {
    expectProblem(await adviser.agent.get(exportUrl({ format: 'bogus' })), 400);
  });
});

describe('the board record sections', () => {
  it('carry the same summary, risks, decisions, board actions and matters arising in every format', async () => {
    const r = summary.boardRecord!;
    expect(r.summary.text).toMatch(/agency social workers/);
    expect(r.risks.length).toBeGreaterThanOrEqual(3);
    expect(r.decisions.length).toBe(1);
    expect(r.boardActions.length).toBe(1);
    expect(r.mattersArising.length).toBe(1);
    const items = [...r.decisions, ...r.boardActions, ...r.mattersArising];

    const wb = await workbook((await fetchFile('xlsx', { meeting: meetingId })).body);
    expect(sheetRows(wb, 'Narrative')[0]!.Narrative!.value).toBe(r.summary.text);
    expect(
      sheetRows(wb, 'Risks').map((x) => [x.Risk!.value, x.Score!.value, x.Band!.value, x.Movement!.value]),
    ).toEqual(r.risks.map((x) => [x.title, x.score, RAG_LABELS[x.band], RISK_MOVEMENT_LABELS[x.movement]]));
    expect(sheetRows(wb, 'Decisions and actions').map((x) => x['Decision or action']!.value)).toEqual(
      items.map((i) => i.text),
    );

    const csv = csvAllRecords((await fetchFile('csv', { meeting: meetingId })).body);
    expect(csv.filter((x) => x.Theme === 'Risk register').map((x) => x['What we want to achieve'])).toEqual(
      r.risks.map((x) => x.title),
    );
    expect(csv.find((x) => x.Theme === 'Executive summary')?.['What we want to achieve']).toBe(
      r.summary.text,
    );
    for (const i of items) expect(csv.some((x) => x['What we want to achieve'] === i.text)).toBe(true);
    expect(csv.filter((x) => x.Ref === 'Decision' || x.Ref === 'Board action')).toHaveLength(items.length);

    for (const format of ['docx', 'pdf'] as const) {
      const text = flat(await paperText(format, (await fetchFile(format, { meeting: meetingId })).body));
      for (const heading of [
        'Executive summary',
        'Risk register',
        'Decisions',
        'Board actions',
        'Matters arising',
      ])
        expect(text, `${format}: ${heading}`).toContain(heading);
      expect(text, `${format}: summary`).toContain(flat(r.summary.text));
      for (const x of r.risks) expect(text, `${format}: ${x.title}`).toContain(flat(x.title));
      for (const i of items) expect(text, `${format}: ${i.text}`).toContain(flat(i.text));
      // Risks in score order: each title after the one above it.
      const at = r.risks.map((x) => text.indexOf(flat(x.title)));
      expect(at).toEqual([...at].sort((a, b) => a - b));
    }
  });

  it('a locked meeting’s sections do not change when the record is edited afterwards', async () => {
    const before = (await fetchSummary({ meeting: meetingId })).boardRecord;
    const risk = (await admin.agent.get(`/api/plans/${ids.planId}/risks`)).body.items[0];
    const res = await post(
      admin,
      `/api/risks/${risk.id}/reviews`,
      { likelihood: 1, impact: 1, note: 'After the meeting' },
      `"risk${risk.id}-v${risk.version}"`,
    );
    expect(res.status).toBe(201);
    expect((await fetchSummary({ meeting: meetingId })).boardRecord).toEqual(before);
    expect((await fetchSummary()).boardRecord!.risks.find((x) => x.riskId === risk.id)!.score).toBe(1);
  });
});
