import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  dbFingerprint,
  expectProblem,
  signIn,
  type SignedIn,
  type TestApp,
} from '../helpers/app.js';
import { post } from '../helpers/demo.js';

let t: TestApp;
let admin: SignedIn;
let planId: number;

const NAMES = Array.from({ length: 12 }, (_, i) => `Indicator ${String(i + 1).padStart(2, '0')}`);
/** January to September 2026. */
const MONTHS = Array.from({ length: 9 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
const periodEnd = (m: string) => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
};

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin@example.org');
  const plan = await post(admin, '/api/plans', { title: 'Import test plan' });
  planId = plan.body.id;
  for (const [i, name] of NAMES.entries()) {
    const res = await post(admin, `/api/plans/${planId}/indicators`, {
      name,
      unit: i % 2 ? 'percent' : 'days',
      polarity: 'higher_is_better',
    });
    expect(res.status).toBe(201);
  }
});
afterAll(async () => {
  await t.close();
});

function importFile(fileName: string, content: Buffer | string, dryRun = false) {
  return post(admin, `/api/plans/${planId}/indicators/import`, {
    fileName,
    content: Buffer.from(content).toString('base64'),
    dryRun,
  });
}

function valueRows(): number {
  return (t.app.sqlite.prepare('SELECT count(*) AS n FROM indicator_values').get() as { n: number }).n;
}

describe('importing a performance return', () => {
  it('one row per indicator per period: 12 indicators × 9 months, previewed then imported in one go', async () => {
    const lines = ['Indicator,Period,Value,Status,Note'];
    for (const name of NAMES)
      for (const [k, m] of MONTHS.entries())
        lines.push(`${name},${m},${50 + k},${k < 8 ? 'validated' : 'provisional'},`);
    const csv = lines.join('\n');
    const before = valueRows();
    const preview = await importFile('return.csv', csv, true);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ layout: 'rows', ok: true, imported: 0, problems: [] });
    expect(preview.body.values).toHaveLength(108);
    expect(valueRows()).toBe(before);
    const res = await importFile('return.csv', csv);
    expect(res.body).toMatchObject({ ok: true, imported: 108 });
    expect(valueRows()).toBe(before + 108);
    const card = (await admin.agent.get(`/api/plans/${planId}/scorecard`)).body;
    expect(card.rows).toHaveLength(12);
    expect(card.rows[0]).toMatchObject({
      latest: { periodEnd: '2026-09-30', value: 58, status: 'provisional' },
      baseline: { periodEnd: '2026-01-31', value: 50 },
    });
  });

  it('periods across the columns, from an .xlsx workbook (months as dates or words)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Return');
    ws.addRow(['Indicator', ...MONTHS.map((m, i) => (i % 2 ? new Date(`${m}-01T00:00:00Z`) : m))]);
    for (const name of NAMES) ws.addRow([name, ...MONTHS.map((_, k) => 60 + k)]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const before = valueRows();
    const res = await importFile('return.xlsx', buffer);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ layout: 'columns', ok: true, imported: 108, problems: [] });
    expect(res.body.values[1]).toMatchObject({
      periodEnd: periodEnd(MONTHS[1]!),
      value: 61,
      status: 'provisional',
    });
    expect(valueRows()).toBe(before + 108);
  });

  it('a percentage cell in an .xlsx reads as the figure it shows (85.3%), not its fraction', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Return');
    ws.addRow(['Indicator', 'Period', 'Value']);
    ws.addRow([NAMES[1], '2026-10', 0.853]).getCell(3).numFmt = '0.0%';
    ws.addRow([NAMES[3], '2026-10', 0.62]).getCell(3).numFmt = '0%';
    ws.addRow([NAMES[5], '2026-10', 62]).getCell(3).numFmt = '0"%"'; // a literal % sign: the figure as written
    const res = await importFile('percent-cells.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), true);
    expect(res.status).toBe(200);
    expect(res.body.problems).toEqual([]);
    expect(res.body.values.map((v: { value: number }) => v.value)).toEqual([85.3, 62, 62]);
  });

  it('a malformed return imports nothing and names each problem by row and column', async () => {
    const csv = [
      'Indicator,Period,Value,Status',
      'Indicator 01,2026-10,55,validated',
      'Indicator 99,2026-10,55,validated', // unknown indicator
      'Indicator 02,Octember 2026,55,validated', // not a month
      'Indicator 03,2026-10,fifty,validated', // not a number
      'Indicator 04,2026-10,140,validated', // a percentage over 100
      'Indicator 05,2026-10,55,maybe', // not a status
      'Indicator 01,2026-10,56,validated', // given twice
      'Indicator 06,2027-06,55,validated', // not begun
    ].join('\n');
    const before = dbFingerprint(t.app, { includeAudit: true });
    const res = await importFile('bad.csv', csv);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.imported).toBe(0);
    const problems = res.body.problems.map((p: { row: number; column: string; message: string }) => [
      p.row,
      p.column,
    ]);
    expect(problems).toEqual([
      [3, 'A (Indicator)'],
      [4, 'B (Period)'],
      [5, 'C (Value)'],
      [6, 'C (Value)'],
      [7, 'Status'],
      [8, 'C (Value)'],
      [9, 'C (Value)'],
    ]);
    expect(res.body.problems[0].message).toMatch(/"Indicator 99" is not an indicator of this plan/);
    expect(res.body.problems[1].message).toMatch(/"Octember 2026" is not a month/);
    expect(res.body.problems[2].message).toMatch(/"fifty" is not a number/);
    expect(res.body.problems[3].message).toMatch(/between 0 and 100/);
    expect(res.body.problems[5].message).toMatch(/already given in row 2/);
    expect(res.body.problems[6].message).toMatch(/has not begun yet/);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });

  it('a period heading that names no month is a problem of row 1 and its column', async () => {
    const res = await importFile('bad-columns.csv', 'Indicator,Jan-26,Total\nIndicator 01,5,5\n');
    expect(res.body.ok).toBe(false);
    expect(res.body.problems).toEqual([expect.objectContaining({ row: 1, column: 'C (Total)' })]);
  });

  it('a file that is not a return is a 422 problem; a non-admin is refused; nothing changes', async () => {
    const before = dbFingerprint(t.app, { includeAudit: true });
    expect(expectProblem(await importFile('x.csv', 'Name,Score\nA,1\n'), 422).detail).toMatch(/Indicator/);
    expect(expectProblem(await importFile('x.xlsx', 'not a workbook'), 422).detail).toMatch(
      /is not a CSV, Excel/,
    );
    expectProblem(
      await post(admin, `/api/plans/${planId}/indicators/import`, { fileName: 'x.exe', content: 'AA==' }),
      400,
    );
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });
});
