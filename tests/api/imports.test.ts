/**
 * Importing a council's plan: the demo's own files give what the demo seeder gives; so do an Excel sheet and
 * a Word table built from them with other headings, merged theme cells, hyphens and two leads in a cell.
 * A sheet with problems imports nothing and names each with its row and column; re-importing updates
 * exactly what changed; roll-over carries only the open actions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftDate } from '../../server/src/setup/seed.js';
import {
  auditRows,
  buildTestApp,
  dbFingerprint,
  expectProblem,
  signIn,
  type SignedIn,
  type TestApp,
} from '../helpers/app.js';
import { post } from '../helpers/demo.js';
import {
  DEMO_RECOMMENDATIONS_CSV,
  demoPlanDocx,
  demoPlanXlsx,
  demoRows,
  planCsv,
  DEMO_PLAN_CSV,
} from '../helpers/plan-files.js';

/** The demo's dates are moved by whole months to the month of the test clock (2026-11 from 2019-01). */
const MONTHS = 2026 * 12 + 11 - (2019 * 12 + 1);

let t: TestApp;
let admin: SignedIn;
let demoPlanId: number;
let ofstedId: number;
let dfeId: number;

interface Comparable {
  ref: string;
  theme: string;
  area: string;
  objective: string;
  description: string;
  leads: string[];
  recommendations: string[];
  startDate: string | null;
  originalDueDate: string | null;
  /** Complete when the plan was written (the demo's story signs off more later). */
  completeAtStart: boolean;
}

async function planActions(planId: number, shift = 0): Promise<Comparable[]> {
  const list = await admin.agent.get(`/api/plans/${planId}/actions?pageSize=200`);
  expect(list.status).toBe(200);
  const out: Comparable[] = [];
  for (const a of list.body.items) {
    const d = (await admin.agent.get(`/api/actions/${a.id}`)).body;
    out.push({
      ref: a.ref,
      theme: d.themeTitle,
      area: d.areaTitle,
      objective: a.objective,
      description: d.description,
      leads: a.leads.map((l: { name: string }) => l.name).sort(),
      recommendations: d.recommendations
        .map((r: { label: string; scopeNote: string }) => `${r.label}|${r.scopeNote}`)
        .sort(),
      startDate: d.startDate && shift ? shiftDate(d.startDate, shift) : d.startDate,
      originalDueDate: d.originalDueDate && shift ? shiftDate(d.originalDueDate, shift) : d.originalDueDate,
      completeAtStart: a.timeframeText === 'Complete',
    });
  }
  return out;
}

async function newPlan(title: string, sourceIds = [ofstedId, dfeId]): Promise<number> {
  const res = await post(admin, '/api/plans', { title, phase: 'Phase 2', status: 'active', sourceIds });
  expect(res.status).toBe(201);
  return res.body.id as number;
}

const file = (fileName: string, bytes: Buffer) => ({ fileName, content: bytes.toString('base64') });

async function preview(planId: number, body: object) {
  const res = await post(admin, `/api/plans/${planId}/imports`, body);
  if (res.status !== 200) throw new Error(`preview ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

async function previewAndCommit(planId: number, body: object) {
  const p = await preview(planId, body);
  const res = await post(admin, `/api/plans/${planId}/imports/commit`, {
    ...body,
    previewToken: p.previewToken,
  });
  if (res.status !== 201) throw new Error(`commit ${res.status}: ${JSON.stringify(res.body)}`);
  return { preview: p, result: res.body };
}

let expected: Comparable[];

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin@example.org');
  demoPlanId = (await admin.agent.get('/api/plans')).body.items[0].id;
  expected = await planActions(demoPlanId);
  // The demo's two sources again, their recommendations from recommendations.csv.
  const ofsted = await post(admin, '/api/sources', {
    kind: 'inspection',
    title: 'Ofsted re-inspection (imported)',
    citation: 'Ofsted recommendation',
  });
  const dfe = await post(admin, '/api/sources', {
    kind: 'dfe_direction',
    title: 'DfE statutory direction (imported)',
    citation: 'DfE direction',
  });
  ofstedId = ofsted.body.id;
  dfeId = dfe.body.id;
});
afterAll(async () => {
  await t.close();
});

describe('recommendations from the demo sheet and from the letter', () => {
  it('imports recommendations.csv into each source, with the same recommendations as the demo seeder', async () => {
    for (const [id, sheetSource] of [
      [ofstedId, 'Ofsted re-inspection (published 29 Jan 2018)'],
      [dfeId, 'DfE statutory direction (12 Jul 2018)'],
    ] as const) {
      const p = await post(admin, `/api/sources/${id}/recommendations/preview`, {
        ...file('recommendations.csv', DEMO_RECOMMENDATIONS_CSV),
        sheetSource,
      });
      expect(p.status).toBe(200);
      expect(p.body.problems).toEqual([]);
      expect(p.body.items.every((i: { outcome: string }) => i.outcome === 'create')).toBe(true);
      const saved = await post(admin, `/api/sources/${id}/recommendations/import`, {
        items: p.body.items.map((i: { number: string; text: string }) => ({
          number: i.number,
          text: i.text,
        })),
      });
      expect(saved.status).toBe(201);
      expect(saved.body.created).toBe(p.body.items.length);
    }
    const texts = async (planId?: number, sourceId?: number) =>
      (
        await admin.agent.get(
          `/api/recommendations?pageSize=200${planId ? `&planId=${planId}` : ''}${sourceId ? `&sourceId=${sourceId}` : ''}`,
        )
      ).body.items.map((r: { label: string; text: string }) => `${r.label}: ${r.text}`);
    const demo = await texts(demoPlanId);
    expect(demo).toHaveLength(17);
    expect([...(await texts(undefined, ofstedId)), ...(await texts(undefined, dfeId))]).toEqual(demo);
  });

  it('reads one recommendation per item of the pasted letter, previews, and saves the edited list', async () => {
    const src = await post(admin, '/api/sources', { kind: 'monitoring_visit', title: 'Monitoring visit' });
    const letter =
      'Ofsted found that…\n\nWhat needs to improve?\n1. Management oversight of\nchildren’s plans.\n2. Supervision.\n• Timely assessments.';
    const p = await post(admin, `/api/sources/${src.body.id}/recommendations/preview`, { text: letter });
    expect(p.status).toBe(200);
    expect(p.body.items).toEqual([
      { number: '1', text: 'Management oversight of children’s plans.', outcome: 'create' },
      { number: '2', text: 'Supervision.', outcome: 'create' },
      { number: '3', text: 'Timely assessments.', outcome: 'create' },
    ]);
    // Nothing is written by a preview.
    expect((await admin.agent.get(`/api/sources/${src.body.id}`)).body.recommendationCount).toBe(0);
    const saved = await post(admin, `/api/sources/${src.body.id}/recommendations/import`, {
      items: [
        { number: '1', text: 'Management oversight of children’s plans.' },
        { number: '2', text: 'Supervision that challenges and supports.' },
      ],
    });
    expect(saved.body).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const again = await post(admin, `/api/sources/${src.body.id}/recommendations/preview`, { text: letter });
    expect(again.body.items.map((i: { outcome: string }) => i.outcome)).toEqual([
      'unchanged',
      'update',
      'create',
    ]);
  });
});

describe('importing the demo plan', () => {
  it('imports improvement-plan-phase2.csv with the same result as the demo seeder', async () => {
    const planId = await newPlan('From the CSV');
    const { preview: p, result } = await previewAndCommit(
      planId,
      file('improvement-plan-phase2.csv', DEMO_PLAN_CSV),
    );
    expect(p.problems).toEqual([]);
    expect(p.counts).toMatchObject({ create: 21, update: 0, unchanged: 0, missing: 0, problems: 0 });
    expect(p.newLeads).toEqual([]); // every lead is the demo's
    expect(p.columns.map((c: { field: string }) => c.field)).toEqual([
      'theme',
      'area',
      'ref',
      'sources',
      'objective',
      'action',
      'leads',
      'timeframe',
    ]);
    expect(result.created).toHaveLength(21);
    expect(await planActions(planId, MONTHS)).toEqual(expected);
    const audit = auditRows(t.app).filter((r) => r.event === 'import' && r.entity_type === 'plan');
    expect(audit.at(-1)).toMatchObject({ entity_id: planId, user_id: admin.user.id });
  });

  it('imports an .xlsx with other headings, merged theme cells, hyphens and two leads in a cell, the same', async () => {
    const planId = await newPlan('From Excel');
    const { preview: p } = await previewAndCommit(planId, file('plan.xlsx', await demoPlanXlsx()));
    expect(p.format).toBe('xlsx');
    expect(p.headerRow).toBe(2); // under a title row
    expect(p.columns.map((c: { how: string }) => c.how)).toEqual(Array(8).fill('recognised'));
    expect(p.actions.find((a: { ref: string }) => a.ref === '1.6').leads).toEqual([
      "Service Director Children's Social Care",
      'NHS commissioner',
    ]);
    expect(await planActions(planId, MONTHS)).toEqual(expected);
  });

  it('imports a .docx whose second table holds the plan, the same', async () => {
    const planId = await newPlan('From Word');
    const { preview: p } = await previewAndCommit(planId, file('plan.docx', await demoPlanDocx()));
    expect(p.format).toBe('docx');
    expect(p.tables.map((x: { name: string }) => x.name)).toEqual(['Table 1', 'Table 2']);
    expect(p.table).toBe(1);
    expect(await planActions(planId, MONTHS)).toEqual(expected);
  });
});

describe('a sheet with problems', () => {
  it('imports nothing and names each problem with its row and column', async () => {
    const planId = await newPlan('Problems');
    const rows = demoRows().slice(0, 5);
    rows[1]![7] = 'Sometime in 2019'; // bad timeframe: row 3, column H
    rows[2]![3] = 'Ofsted Recommendation 12'; // no such recommendation: row 4, column D
    rows[3]![2] = ''; // no reference: row 5, column C
    const body = file('plan.csv', planCsv(rows));
    const p = await preview(planId, body);
    expect(p.canCommit).toBe(false);
    expect(
      p.problems.map((x: { row: number; column: string; field: string }) => [x.row, x.column, x.field]),
    ).toEqual([
      [3, 'H', 'timeframe'],
      [4, 'D', 'sources'],
      [5, 'C', 'ref'],
    ]);
    expect(p.problems[0].message).toContain('("Sometime in 2019") is not a date we can read');
    expect(p.problems[1].message).toContain('"Ofsted recommendation 12" is not a recommendation');
    expect(p.problems[2].message).toContain('has no reference');
    const before = dbFingerprint(t.app);
    const res = await post(admin, `/api/plans/${planId}/imports/commit`, {
      ...body,
      previewToken: p.previewToken,
    });
    const problem = expectProblem(res, 422);
    expect(problem.errors?.map((e) => e.path)).toEqual([
      'row 3, column H',
      'row 4, column D',
      'row 5, column C',
    ]);
    expect(dbFingerprint(t.app)).toBe(before);
  });

  it('refuses a file that is none of the three formats, a stale preview, and anyone but an administrator', async () => {
    const planId = await newPlan('Refusals');
    expectProblem(
      await post(admin, `/api/plans/${planId}/imports`, file('plan.pdf', Buffer.from('%PDF-1.4'))),
      422,
    );
    const body = file('plan.csv', planCsv(demoRows().slice(0, 2)));
    const p = await preview(planId, body);
    await post(admin, `/api/plans/${planId}/imports/commit`, { ...body, previewToken: p.previewToken });
    // The same token again: the plan has changed since (the actions exist now).
    expectProblem(
      await post(admin, `/api/plans/${planId}/imports/commit`, { ...body, previewToken: p.previewToken }),
      409,
    );
    const chair = await signIn(t.app, 'chair@example.org');
    expectProblem(await post(chair, `/api/plans/${planId}/imports`, body), 403);
    // Larger than 5 MB: refused before it is read.
    const big = file('plan.csv', Buffer.alloc(5 * 1024 * 1024 + 1024, 'a'));
    expectProblem(await post(admin, `/api/plans/${planId}/imports`, big), 400);
    expectProblem(
      await post(admin, `/api/plans/${planId}/imports`, { ...body, mapping: { x: 'colour' } }),
      400,
    );
  });
});

describe('re-import', () => {
  it('updates exactly the two changed actions, keeps their history, and lists actions missing from the sheet', async () => {
    const planId = await newPlan('Re-import');
    const rows = demoRows();
    const { result } = await previewAndCommit(planId, file('plan.csv', planCsv(rows)));
    const id12 = result.created.find((c: { ref: string }) => c.ref === '1.2').id;
    const etag = (await admin.agent.get(`/api/actions/${id12}`)).headers.etag;
    const update = await post(
      admin,
      `/api/actions/${id12}/updates`,
      {
        status: 'on_track',
        reportedRag: 'green',
        commentary: 'MASH screening tools agreed.',
        onBehalfOfLeadId: undefined,
      },
      etag,
    );
    expect(update.status).toBe(201);

    const changed = rows.map((r) => [...r]).filter((r) => r[2] !== '4.1'); // 4.1 left out of the sheet
    changed.find((r) => r[2] === '1.2')![4] = 'A single front door for every contact about a child.';
    changed.find((r) => r[2] === '2.1')![6] = 'Head of Quality Assurance / Principal Social Worker';
    const body = file('plan-v2.csv', planCsv(changed));
    const p = await preview(planId, body);
    expect(p.counts).toMatchObject({ create: 0, update: 2, unchanged: 18, missing: 1, problems: 0 });
    expect(p.missing.map((m: { ref: string }) => m.ref)).toEqual(['4.1']);
    const updates = p.actions.filter((a: { outcome: string }) => a.outcome === 'update');
    expect(
      updates.map((a: { ref: string; changes: { field: string }[] }) => [
        a.ref,
        a.changes.map((c) => c.field),
      ]),
    ).toEqual([
      ['1.2', ['objective']],
      ['2.1', ['leads']],
    ]);
    const res = await post(admin, `/api/plans/${planId}/imports/commit`, {
      ...body,
      previewToken: p.previewToken,
    });
    expect(res.status).toBe(201);
    expect(res.body.updated.map((u: { ref: string }) => u.ref)).toEqual(['1.2', '2.1']);
    const after = (await admin.agent.get(`/api/actions/${id12}`)).body;
    expect(after.objective).toBe('A single front door for every contact about a child.');
    expect(after.updates.map((u: { commentary: string }) => u.commentary)).toEqual([
      'MASH screening tools agreed.',
    ]);
    expect(after.status).toBe('on_track');
    // Nothing deleted or archived: 4.1 is still live.
    expect((await admin.agent.get(`/api/plans/${planId}`)).body.actionCount).toBe(21);
    const importAudit = auditRows(t.app).filter((r) => r.event === 'import' && r.entity_type === 'action');
    expect(importAudit.filter((r) => r.entity_id === id12)).toHaveLength(2); // created, then changed
  });

  it('remembers a person’s mapping of a heading it does not recognise', async () => {
    const planId = await newPlan('Mapping');
    const xlsx = await demoPlanXlsx(demoRows().slice(0, 3), { heading: 'RAG (last board)', value: 'Green' });
    const body = file('plan.xlsx', xlsx);
    const first = await preview(planId, body);
    const rag = first.columns.find((c: { heading: string }) => c.heading === 'RAG (last board)');
    expect(rag).toMatchObject({ letter: 'I', key: 'rag', field: null, how: 'unrecognised' });
    expect(first.notes.some((n: { column: string }) => n.column === 'I')).toBe(true);
    await previewAndCommit(planId, { ...body, mapping: { rag: 'ignore' } });
    const next = await preview(planId, body);
    expect(next.columns.find((c: { key: string }) => c.key === 'rag').how).toBe('ignored');
  });

  it('asks whether a lead with "and" in it is one lead or two, and does what the person says', async () => {
    const planId = await newPlan('Leads');
    const rows = demoRows().slice(0, 2);
    rows[0]![6] = 'Head of Learning and Development';
    rows[1]![6] = 'Head of First Response and Head of Safeguarding';
    const body = file('plan.csv', planCsv(rows));
    const p = await preview(planId, body);
    expect(p.canCommit).toBe(false);
    expect(p.leadQuestions.map((q: { text: string; parts: string[] }) => [q.text, q.parts])).toEqual([
      ['Head of Learning and Development', ['Head of Learning', 'Development']],
      ['Head of First Response and Head of Safeguarding', ['Head of First Response', 'Head of Safeguarding']],
    ]);
    const answered = {
      ...body,
      leadSplits: {
        'Head of Learning and Development': 'keep',
        'Head of First Response and Head of Safeguarding': 'split',
      },
    };
    const { preview: q } = await previewAndCommit(planId, answered);
    expect(q.newLeads).toEqual([{ name: 'Head of Learning and Development', kind: 'person' }]);
    expect(q.actions.map((a: { leads: string[] }) => a.leads)).toEqual([
      ['Head of Learning and Development'],
      ['Head of First Response', 'Head of Safeguarding'],
    ]);
  });
});

describe('roll-over', () => {
  it('gives a new plan with only the open actions, each linked to its origin; the old plan closes', async () => {
    const before = await admin.agent.get(`/api/plans/${demoPlanId}/actions?pageSize=200`);
    const open = before.body.items.filter((a: { rag: string }) => a.rag !== 'blue');
    expect(open.length).toBeGreaterThan(0);
    expect(open.length).toBeLessThan(21);
    const res = await post(admin, `/api/plans/${demoPlanId}/roll-over`, { phase: 'Phase 3' });
    expect(res.status).toBe(201);
    expect(res.body.plan).toMatchObject({
      phase: 'Phase 3',
      predecessorPlanId: demoPlanId,
      actionCount: open.length,
    });
    expect(res.body.stayed).toBe(21 - open.length);
    expect(res.body.carried.map((c: { ref: string }) => c.ref)).toEqual(
      open.map((a: { ref: string }) => a.ref),
    );
    for (const c of res.body.carried) {
      const origin = open.find((a: { ref: string }) => a.ref === c.ref);
      expect(c.fromId).toBe(origin.id);
      const carried = (await admin.agent.get(`/api/actions/${c.id}`)).body;
      expect(carried.rolledOverFromId).toBe(origin.id);
      expect(carried.planId).toBe(res.body.plan.id);
      expect(carried.dueDate).toBe(origin.dueDate);
    }
    // The old plan is closed, still readable, its actions and history where they were.
    const old = await admin.agent.get(`/api/plans/${demoPlanId}`);
    expect(old.body.status).toBe('closed');
    expect((await admin.agent.get(`/api/plans/${demoPlanId}/actions?pageSize=200`)).body.total).toBe(21);
    expectProblem(await post(admin, `/api/plans/${demoPlanId}/imports`, file('p.csv', DEMO_PLAN_CSV)), 409);
  });
});
