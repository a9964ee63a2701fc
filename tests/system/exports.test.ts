/**
 * The exported files in the tools people open them with: poppler reads the PDF's tags and title, and
 * LibreOffice (standing in for Word and Excel) opens the DOCX and the XLSX. Needs poppler-utils and
 * LibreOffice (`soffice`) on the PATH, as CI installs them.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import type supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressSummary } from '@ipt/shared/schemas';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../helpers/app.js';
import { demoIds, post } from '../helpers/demo.js';

const run = promisify(execFile);
const FORMULA = '=HYPERLINK("http://example.org","x")';
const SOFFICE_TIMEOUT = 110_000;

let t: TestApp;
let adviser: SignedIn;
let dir: string;
let profile: string;
let summary: ProgressSummary;
const files: Record<string, string> = {};

function binary(res: supertest.Response, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

async function save(name: string, url: string): Promise<string> {
  const res = await adviser.agent.get(url).buffer(true).parse(binary);
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
  const file = path.join(dir, name);
  fs.writeFileSync(file, res.body as Buffer);
  return file;
}

/** Headless LibreOffice with a profile of its own, so it neither needs nor touches a user's. */
async function soffice(file: string, convertTo: string, outDir: string): Promise<string> {
  fs.mkdirSync(outDir, { recursive: true });
  const { stdout, stderr } = await run(
    'soffice',
    [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--norestore',
      '--convert-to',
      convertTo,
      '--outdir',
      outDir,
      file,
    ],
    { timeout: SOFFICE_TIMEOUT },
  );
  return `${stdout}\n${stderr}`;
}

async function pdftotext(file: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout.replace(/\s+/g, ' ');
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-system-'));
  profile = path.join(dir, 'lo-profile');
  t = await buildTestApp({ demo: true });
  adviser = await signIn(t.app, 'adviser@example.org');
  const admin = await signIn(t.app, 'admin@example.org');
  const ids = await demoIds(admin);
  const meetings = (await adviser.agent.get(`/api/plans/${ids.planId}/meetings`)).body.items as {
    id: number;
    status: string;
  }[];
  const meeting = meetings.filter((m) => m.status === 'locked').at(-1)!.id;
  const base = `/api/plans/${ids.planId}/export?meeting=${meeting}`;
  summary = (await adviser.agent.get(`${base}&format=json`)).body as ProgressSummary;
  for (const format of ['pdf', 'docx', 'xlsx'])
    files[format] = await save(`summary.${format}`, `${base}&format=${format}`);

  // A live summary with an action whose objective a spreadsheet would run.
  const areaId = (await admin.agent.get(`/api/plans/${ids.planId}/themes`)).body.items[0].areas[0]
    .id as number;
  const created = await post(admin, `/api/plans/${ids.planId}/actions`, {
    ref: '9.1',
    areaId,
    objective: FORMULA,
    leadIds: [ids.leadId('Head of First Response')],
    timeframe: 'Mar 2027',
  });
  expect(created.status).toBe(201);
  files.live = await save('live.xlsx', `/api/plans/${ids.planId}/export?format=xlsx`);
});

afterAll(async () => {
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the PDF in poppler', () => {
  it('is tagged, A4, and carries the title', async () => {
    const { stdout } = await run('pdfinfo', [files.pdf!]);
    expect(stdout).toMatch(/^Tagged:\s+yes$/m);
    expect(stdout).toMatch(/^Page size:.*\(A4\)$/m);
    const title = `${summary.plan.title}: progress summary as of ${summary.meeting!.title}`;
    expect(stdout).toMatch(new RegExp(`^Title:\\s+${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(stdout)?.[1]);
    expect(pages).toBeGreaterThan(2);
  });

  it('identifies itself as PDF/UA-1 and embeds its fonts', async () => {
    const { stdout: meta } = await run('pdfinfo', ['-meta', files.pdf!]);
    expect(meta).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    const { stdout: fonts } = await run('pdffonts', [files.pdf!]);
    const rows = fonts
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '');
    expect(rows.length).toBeGreaterThan(0);
    // Every font is embedded (emb column "yes") and none is a standard font left to the reader.
    for (const row of rows) expect(row).toMatch(/DejaVuSans\S*\s+CID TrueType\s+Identity-H\s+yes/);
  });

  it('has the text of the summary', async () => {
    const text = await pdftotext(files.pdf!);
    expect(text).toContain(summary.plan.title);
    for (const r of summary.recommendations) expect(text).toContain(r.label);
    expect(text).toContain('Red (board agreed Amber)');
  });

  it('keeps words apart where lines wrap: every word poppler reads is a word of the same paper in Word', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(files.docx!));
    const xml = await zip.file('word/document.xml')!.async('string');
    const docx = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map(([, t]) =>
        t!
          .replace(/&amp;/g, '&')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .replace(/&apos;/g, "'"),
      )
      .join(' ');
    const words = new Set((await pdftotext(files.pdf!)).split(' ').filter(Boolean));
    // Only the PDF's page numbers ("Page 3 of 14") are not in the Word paper's text.
    const glued = [...words].filter((w) => !docx.includes(w) && !/^(Page|\d+)$/.test(w));
    expect(glued).toEqual([]);
  });
});

describe('the DOCX in LibreOffice', () => {
  it('converts to PDF without error, with the plan title and the recommendations', async () => {
    const out = path.join(dir, 'docx-pdf');
    const log = await soffice(files.docx!, 'pdf', out);
    expect(log).not.toMatch(/Error:/);
    const pdf = path.join(out, 'summary.pdf');
    expect(fs.existsSync(pdf)).toBe(true);
    const text = await pdftotext(pdf);
    expect(text).toContain(summary.plan.title);
    expect(text).toContain(summary.recommendations[0]!.label);
    expect(text).toContain('Progress against each recommendation');
    for (const a of summary.actions) expect(text).toContain(a.ref);
    // LibreOffice makes bookmarks of real headings: the Heading 1/2 paragraphs are the outline.
    const raw = fs.readFileSync(pdf, 'latin1');
    const bookmarks = [...raw.matchAll(/\/Title\s*<FEFF([0-9A-F]+)>/gi)].map(([, hex]) =>
      Buffer.from(hex!, 'hex').swap16().toString('utf16le'),
    );
    expect(bookmarks).toContain('Headline');
    expect(bookmarks).toContain('Progress against each recommendation');
    expect(bookmarks).toContain(summary.recommendations[0]!.label);
  });
});

describe('the XLSX in LibreOffice', () => {
  it('opens and converts every sheet to CSV', async () => {
    const out = path.join(dir, 'xlsx-csv');
    // 44,34,76: comma, double quote, UTF-8; the last token (-1) writes every sheet to its own file.
    const log = await soffice(
      files.xlsx!,
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
      out,
    );
    expect(log).not.toMatch(/Error:/);
    const actions = fs.readFileSync(path.join(out, 'summary-Actions.csv'), 'utf8');
    for (const a of summary.actions)
      expect(actions).toMatch(new RegExp(`^${a.ref.replace('.', '\\.')},`, 'm'));
    expect(fs.existsSync(path.join(out, 'summary-Recommendations.csv'))).toBe(true);
  });

  it('converts to PDF, with dates shown dd/mm/yyyy', async () => {
    const out = path.join(dir, 'xlsx-pdf');
    await soffice(files.xlsx!, 'pdf', out);
    const text = await pdftotext(path.join(out, 'summary.pdf'));
    const [y, m, d] = summary.meeting!.meetingDate.split('-');
    expect(text).toContain(`${d}/${m}/${y}`);
  });

  it('shows formula-like text as text and does not run it', async () => {
    const out = path.join(dir, 'live-csv');
    await soffice(
      files.live!,
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
      out,
    );
    const actions = fs.readFileSync(path.join(out, 'live-Actions.csv'), 'utf8');
    const row = actions.split(/\r?\n/).find((l) => l.startsWith('9.1,'));
    expect(row).toBeDefined();
    expect(row).toContain('"=HYPERLINK(""http://example.org"",""x"")"');
  });
});
