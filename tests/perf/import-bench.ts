/**
 * The import scenario of the bench: a 500-row Excel sheet (five themes of merged cells, two leads in some
 * cells, sources, financial-year quarters) previewed and then committed into a new plan through the real
 * routes. The issue asks for both under 3 s together.
 */
import ExcelJS from 'exceljs';

export interface ImportTiming {
  rows: number;
  previewMs: number;
  commitMs: number;
  created: number;
}

/** A council-style sheet of `rows` actions citing recommendations 1–12 and led by "Head of Service n". */
export async function importSheet(rows: number, leads: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Plan');
  sheet.addRow([
    'Priority',
    'Service area',
    'Ref',
    'Links to recommendations',
    'Outcome',
    'Actions',
    'Lead officer(s)',
    'Timescale',
  ]);
  const perTheme = Math.ceil(rows / 5);
  for (let i = 0; i < rows; i++) {
    const theme = Math.floor(i / perTheme);
    const lead = `Head of Service ${(i % leads) + 1}`;
    sheet.addRow([
      i % perTheme === 0 ? `Theme ${theme + 1}` : '',
      `Area ${theme + 1}.${Math.floor((i % perTheme) / 10) + 1}`,
      `${theme + 1}.${(i % perTheme) + 1}`,
      `Ofsted Recommendation ${(i % 12) + 1}${i % 3 === 0 ? ` and ${((i + 5) % 12) + 1}` : ''}`,
      `Outcome ${i + 1}: children are safer because practice is better.`,
      `Action ${i + 1}: review, revise and embed the practice guidance; audit and report to the board.`,
      i % 4 === 0 ? `${lead}\nHead of Service ${((i + 1) % leads) + 1}` : lead,
      `Q${(i % 4) + 1} 2027/28`,
    ]);
  }
  for (let t = 0; t < 5; t++) {
    const first = 2 + t * perTheme;
    const last = Math.min(rows + 1, first + perTheme - 1);
    if (last > first) sheet.mergeCells(first, 1, last, 1);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Times the preview and the commit of the sheet into a new plan answering the first source. */
export async function timeImport(
  base: string,
  admin: { cookie: string; csrf: string },
  rows: number,
  leads: number,
): Promise<ImportTiming> {
  const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' };
  const sources = (await (await fetch(`${base}/api/sources`, { headers })).json()) as {
    items: { id: number }[];
  };
  const plan = await fetch(`${base}/api/plans`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ title: 'Imported plan', sourceIds: [sources.items[0]?.id ?? 1] }),
  });
  if (!plan.ok) throw new Error(`plan: ${plan.status} ${await plan.text()}`);
  const planId = ((await plan.json()) as { id: number }).id;
  const body = { fileName: 'plan.xlsx', content: (await importSheet(rows, leads)).toString('base64') };

  let start = performance.now();
  const preview = await fetch(`${base}/api/plans/${planId}/imports`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  const p = (await preview.json()) as { previewToken: string; canCommit: boolean; problems: unknown[] };
  const previewMs = performance.now() - start;
  if (!preview.ok || !p.canCommit)
    throw new Error(`preview: ${preview.status} ${JSON.stringify(p).slice(0, 500)}`);

  start = performance.now();
  const commit = await fetch(`${base}/api/plans/${planId}/imports/commit`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ ...body, previewToken: p.previewToken }),
  });
  const c = (await commit.json()) as { created: unknown[] };
  const commitMs = performance.now() - start;
  if (!commit.ok) throw new Error(`commit: ${commit.status} ${JSON.stringify(c).slice(0, 500)}`);
  return {
    rows,
    previewMs: Math.round(previewMs),
    commitMs: Math.round(commitMs),
    created: c.created.length,
  };
}
