/**
 * The lists (a plan's actions, a lead's My actions) are sent as SQLite writes them, not through the response
 * schema's serializer: so every kind of answer — each filter, sort and page, each role, an archived action —
 * is validated here against the schema with ajv, and each row is checked against the same action read on its
 * own (GET /api/actions/:id), which the RAG engine's path answers.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { TSchema } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RAGS } from '@ipt/shared';
import { ACTION_FLAG_FILTERS, ACTION_SORTS } from '@ipt/shared';
import { ActionPage, MyActions } from '@ipt/shared/schemas';
import { withoutIds } from '../../server/src/lib/lazy-compilers.js';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../helpers/app.js';
import { demoIds, etagOf, post, type DemoIds } from '../helpers/demo.js';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function validator(schema: TSchema): ValidateFunction {
  return addFormats(new Ajv({ strict: false, allErrors: true })).compile(withoutIds(schema));
}
const validPage = validator(ActionPage);
const validMine = validator(MyActions);

function expectValid(valid: ValidateFunction, body: unknown, what: string): void {
  if (!valid(body)) throw new Error(`${what}: ${JSON.stringify(valid.errors, null, 1)}`);
}

interface Summary {
  id: number;
  ref: string;
  objective: string;
  areaId: number;
  areaTitle: string;
  themeId: number;
  themeTitle: string;
  leads: { id: number; name: string; kind: string }[];
  timeframeText: string;
  dueDate: string | null;
  status: string;
  lastUpdateAt: string | null;
  assessment: { rag: string; flags: Record<string, boolean | number | null> };
  evidenceCounts: object;
  canUpdate: boolean;
  updatedSinceCutoff: boolean;
  archivedAt: string | null;
}

/** What a list row must be: the action as read on its own, with only the flags that hold. */
function listed(a: Summary) {
  const f = a.assessment.flags;
  const flags: Record<string, unknown> = {};
  for (const key of [
    'overdue',
    'noUpdate',
    'stale',
    'dueSoon',
    'awaitingSignOff',
    'lateStart',
    'noDueDate',
    'timeframeRevised',
  ])
    if (f[key] === true) flags[key] = true;
  if (f.overdue) flags.daysOverdue = f.daysOverdue;
  if (f.dueSoon) flags.daysUntilDue = f.daysUntilDue;
  if (f.timeframeRevised) flags.revisions = f.revisions;
  return {
    id: a.id,
    ref: a.ref,
    objective: a.objective,
    areaId: a.areaId,
    leads: a.leads.map((l) => ({ id: l.id, name: l.name, kind: l.kind })),
    timeframeText: a.timeframeText,
    dueDate: a.dueDate,
    status: a.status,
    lastUpdateAt: a.lastUpdateAt,
    rag: a.assessment.rag,
    flags,
    evidenceCounts: a.evidenceCounts,
    canUpdate: a.canUpdate,
    updatedSinceCutoff: a.updatedSinceCutoff,
    ...(a.archivedAt ? { archivedAt: a.archivedAt } : {}),
  };
}

let t: TestApp;
let ids: DemoIds;
const people: Record<string, SignedIn> = {};
const EMAILS = {
  admin: 'admin@example.org',
  chair: 'chair@example.org',
  lead: 'head.of.quality.assurance@example.org',
  otherLead: 'head.of.first.response@example.org',
  adviser: 'adviser@example.org',
  viewer: 'viewer@example.org',
};

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  for (const [role, email] of Object.entries(EMAILS)) people[role] = await signIn(t.app, email);
  ids = await demoIds(people.admin!);
  // One archived action, so that an archived row (with archivedAt, and no one may update it) is listed too.
  const id = ids.actionId('4.1');
  const res = await post(
    people.admin!,
    `/api/actions/${id}/archive`,
    { reason: 'Merged into 3.1' },
    await etagOf(people.admin!, id),
  );
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await t.close();
});

/** Each action read on its own by this reader. */
async function ownReads(s: SignedIn, actionIds: number[]): Promise<Map<number, Summary>> {
  const out = new Map<number, Summary>();
  for (const id of actionIds) {
    const res = await s.agent.get(`/api/actions/${id}`);
    expect(res.status).toBe(200);
    out.set(id, res.body as Summary);
  }
  return out;
}

describe('the plan’s list, sent as SQLite writes it', () => {
  const queries = [
    '',
    'pageSize=200',
    'pageSize=200&includeArchived=true',
    'pageSize=5&page=2',
    'pageSize=50&page=9',
    'q=assessment',
    'status=complete',
    ...RAGS.map((rag) => `rag=${rag}`),
    ...ACTION_FLAG_FILTERS.map((flag) => `flag=${flag}`),
    ...ACTION_SORTS.map((sort) => `sort=${sort}&includeArchived=true&pageSize=200`),
    ...ACTION_SORTS.map((sort) => `flag=overdue&sort=${sort}&pageSize=2`),
    'flag=overdue&sort=days_overdue&pageSize=1&page=2',
    'flag=overdue&sort=days_overdue&pageSize=2&page=50',
  ];

  it.each(Object.keys(EMAILS))(
    'every answer for the %s matches ActionPage and each action read alone',
    async (role) => {
      const s = people[role]!;
      const filters = [
        ...queries,
        `theme=${(await s.agent.get(`/api/plans/${ids.planId}/themes`)).body.items[1].id}`,
        `lead=${ids.leadId('Head of Quality Assurance')}`,
      ];
      const all = (await s.agent.get(`/api/plans/${ids.planId}/actions?pageSize=200&includeArchived=true`))
        .body;
      expectValid(validPage, all, `${role} all`);
      expect(all.total).toBe(21);
      const own = await ownReads(
        s,
        all.items.map((a: { id: number }) => a.id),
      );
      let rows = 0;
      for (const query of filters) {
        const res = await s.agent.get(`/api/plans/${ids.planId}/actions?${query}`);
        expect(res.status, query).toBe(200);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expectValid(validPage, res.body, `${role} ${query}`);
        const body = res.body as { items: { id: number; areaId: number }[]; areas: { id: number }[] };
        for (const item of body.items) {
          const a = own.get(item.id)!;
          expect(item, `${role} ${query} ${a.ref}`).toEqual(listed(a));
          expect(body.areas.find((x) => x.id === item.areaId)).toEqual({
            id: a.areaId,
            title: a.areaTitle,
            themeId: a.themeId,
            themeTitle: a.themeTitle,
          });
          rows++;
        }
        // The page names the areas of its rows, and only those.
        expect(new Set(body.areas.map((x) => x.id))).toEqual(new Set(body.items.map((x) => x.areaId)));
      }
      expect(rows).toBeGreaterThan(100);
    },
  );

  it('counts and pages the overdue list as the whole list does', async () => {
    const s = people.chair!;
    const url = `/api/plans/${ids.planId}/actions?flag=overdue&sort=days_overdue`;
    const whole = (await s.agent.get(`${url}&pageSize=200`)).body;
    expect(whole.total).toBe(whole.items.length);
    expect(whole.total).toBeGreaterThan(1);
    for (const pageSize of [1, 2]) {
      const pages = [];
      for (let page = 1; page <= whole.total / pageSize + 1; page++) {
        const res = (await s.agent.get(`${url}&pageSize=${pageSize}&page=${page}`)).body;
        expect(res.total).toBe(whole.total);
        pages.push(...res.items);
      }
      expect(pages).toEqual(whole.items);
    }
  });

  it('a reader who may update nothing gets canUpdate false on every row; a lead only on their own', async () => {
    const viewer = (await people.viewer!.agent.get(`/api/plans/${ids.planId}/actions?pageSize=200`)).body;
    expect(viewer.items.every((a: { canUpdate: boolean }) => !a.canUpdate)).toBe(true);
    const lead = people.lead!;
    const mine = new Set(
      (
        await lead.agent.get(`/api/plans/${ids.planId}/actions?pageSize=200&lead=${lead.user.leadId}`)
      ).body.items.map((a: { id: number }) => a.id),
    );
    const list = (await lead.agent.get(`/api/plans/${ids.planId}/actions?pageSize=200`)).body.items as {
      id: number;
      canUpdate: boolean;
    }[];
    expect(mine.size).toBeGreaterThan(0);
    expect(list.filter((a) => a.canUpdate).map((a) => a.id)).toEqual(
      list.filter((a) => mine.has(a.id)).map((a) => a.id),
    );
  });
});

describe('My actions, sent as SQLite writes its rows', () => {
  it.each(Object.keys(EMAILS))(
    'the %s’s answer matches MyActions and each action read alone',
    async (role) => {
      const s = people[role]!;
      const res = await s.agent.get('/api/me/actions');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expectValid(validMine, res.body, role);
      const body = res.body as { items: { id: number }[]; plans: { actionIds: number[] }[] };
      const own = await ownReads(
        s,
        body.items.map((a) => a.id),
      );
      for (const item of body.items) expect(item).toEqual(listed(own.get(item.id)!));
      // Each action is in exactly one plan's group.
      expect(body.plans.flatMap((g) => g.actionIds).sort()).toEqual(body.items.map((a) => a.id).sort());
      // Each plan's next meeting is the plan's first meeting whose papers cut-off is still ahead.
      const now = t.clock.now().toISOString();
      for (const g of res.body.plans as { plan: { id: number }; nextMeeting: unknown }[]) {
        const meetings = (await s.agent.get(`/api/plans/${g.plan.id}/meetings`)).body.items as {
          papersCutoff: string;
        }[];
        const ahead = meetings
          .filter((m) => m.papersCutoff > now)
          .sort((a, b) => a.papersCutoff.localeCompare(b.papersCutoff));
        expect(g.nextMeeting).toEqual(ahead[0] ?? null);
      }
      if (role === 'lead' || role === 'otherLead') expect(body.items.length).toBeGreaterThan(0);
      else expect(body).toEqual({ nextMeeting: null, items: [], plans: [] });
    },
  );
});
