/**
 * The RAG history grid is sent as written (its rows as SQLite's text of each action's wording, with the RAGs
 * appended; a locked meeting's RAGs from the compact form kept at its lock, meeting_rags), not through the
 * response schema's serializer. So every answer here is validated against RagHistory with ajv and compared
 * with the grid built from the meeting views (each locked meeting's snapshot, each other rated by the
 * engine) and the actions as read on their own — over the demo, and as the plan changes: an action archived,
 * one added mid-plan, wording needing escapes, agreed RAGs, a meeting locked, a meeting whose cut-off has
 * passed unlocked, one ahead.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rag } from '@ipt/shared';
import { RagHistory } from '@ipt/shared/schemas';
import { withoutIds } from '../../server/src/lib/lazy-compilers.js';
import { eachCompactRag } from '../../server/src/repositories/meetings.js';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../helpers/app.js';
import { demoIds, etagOf, post, type DemoIds } from '../helpers/demo.js';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const validHistory: ValidateFunction = addFormats(new Ajv({ strict: false, allErrors: true })).compile(
  withoutIds(RagHistory),
);

let t: TestApp;
let admin: SignedIn;
let chair: SignedIn;
let ids: DemoIds;
/** The action added mid-plan. */
let addedId = 0;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin@example.org');
  chair = await signIn(t.app, 'chair@example.org');
  ids = await demoIds(admin);
});
afterAll(async () => {
  await t.close();
});

interface Meeting {
  id: number;
  status: string;
  papersCutoff: string;
}

/** The grid as the meeting views and the actions read alone give it. */
async function expectedGrid(s: SignedIn, planId: number) {
  const meetings = (await s.agent.get(`/api/plans/${planId}/meetings`)).body.items as Meeting[];
  const views = await Promise.all(
    meetings.map(
      async (m) =>
        (await s.agent.get(`/api/meetings/${m.id}`)).body as {
          actions: { actionId: number; rag: Rag; agreed: { rag: Rag } | null }[];
        },
    ),
  );
  const listed = (
    await s.agent.get(`/api/plans/${planId}/actions`).query({ pageSize: 200, includeArchived: true })
  ).body.items as { id: number }[];
  const actions = [];
  for (const { id } of listed) {
    const rows = views.map((v) => v.actions.find((a) => a.actionId === id));
    if (rows.every((r) => r === undefined)) continue;
    const a = (await s.agent.get(`/api/actions/${id}`)).body;
    actions.push({
      actionId: id,
      ref: a.ref,
      objective: a.objective,
      themeTitle: a.themeTitle,
      rags: rows.map((r) => r?.rag ?? null),
      agreed: meetings.flatMap((m, i) => {
        const agreed = rows[i]?.agreed;
        return agreed ? [{ meetingId: m.id, rag: agreed.rag }] : [];
      }),
    });
  }
  return { meetings, actions };
}

/** The grid's answer: valid against RagHistory, and the grid the meeting views give. */
async function expectGrid(planId = ids.planId) {
  const res = await chair.agent.get(`/api/plans/${planId}/rag-history`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  const body: unknown = res.body;
  if (!validHistory(body)) throw new Error(JSON.stringify(validHistory.errors, null, 1));
  const expected = await expectedGrid(chair, planId);
  expect(res.body.meetings).toEqual(expected.meetings);
  expect(res.body.actions).toEqual(expected.actions);
  return res;
}

/** Each locked meeting's compact RAGs read back, by action id. */
function keptRags(): Map<number, Map<number, Rag>> {
  const out = new Map<number, Map<number, Rag>>();
  const rows = t.app.sqlite.prepare('SELECT meeting_id, rags FROM meeting_rags').all() as {
    meeting_id: number;
    rags: string;
  }[];
  for (const r of rows) {
    const m = new Map<number, Rag>();
    eachCompactRag(r.rags, (actionId, rag) => m.set(actionId, rag));
    out.set(r.meeting_id, m);
  }
  return out;
}

/** Each locked meeting's snapshot RAGs, by action id: the source of truth. */
function snapshotRags(): Map<number, Map<number, Rag>> {
  const out = new Map<number, Map<number, Rag>>();
  const rows = t.app.sqlite
    .prepare(
      `SELECT s.meeting_id, s.action_id, s.rag FROM meeting_snapshots s
      JOIN meetings m ON m.id = s.meeting_id WHERE m.status = 'locked'`,
    )
    .all() as { meeting_id: number; action_id: number; rag: Rag }[];
  for (const r of rows) {
    const m = out.get(r.meeting_id) ?? new Map<number, Rag>();
    m.set(r.action_id, r.rag);
    out.set(r.meeting_id, m);
  }
  return out;
}

describe('the RAG history grid', () => {
  it('over the demo: valid, and the grid the meeting views give, agreed RAGs included', async () => {
    const res = await expectGrid();
    expect(res.body.actions.some((a: { agreed: unknown[] }) => a.agreed.length > 0)).toBe(true);
    expect(res.body.meetings.filter((m: Meeting) => m.status === 'locked').length).toBe(4);
  });

  it('keeps each locked meeting’s RAGs, compact, as its snapshot has them', () => {
    const kept = keptRags();
    expect(kept.size).toBe(4);
    expect(kept).toEqual(snapshotRags());
  });

  it('as the plan changes: an action archived, one added mid-plan, wording needing escapes', async () => {
    const archivedId = ids.actionId('3.1');
    const archived = await post(
      admin,
      `/api/actions/${archivedId}/archive`,
      { reason: 'Merged into 3.2' },
      await etagOf(admin, archivedId),
    );
    expect(archived.status).toBe(200);
    const near = (await admin.agent.get(`/api/actions/${ids.actionId('1.3')}`)).body;
    const added = await post(admin, `/api/plans/${ids.planId}/actions`, {
      ref: '1.99',
      areaId: near.areaId,
      objective: 'Added after the board had met four times.',
      leadIds: [ids.leadId('Head of First Response')],
      timeframe: 'Mar 2027',
    });
    expect(added.status).toBe(201);
    addedId = added.body.id as number;
    const wordy = ids.actionId('2.2');
    const changed = await admin.agent
      .patch(`/api/actions/${wordy}`)
      .set('x-csrf-token', admin.csrf)
      .set('if-match', await etagOf(admin, wordy))
      .send({ objective: 'Say "no" \\ to delay — now\tand ☃ then\nnext line' });
    expect(changed.status).toBe(200);
    const res = await expectGrid();
    const row = (id: number) => res.body.actions.find((a: { actionId: number }) => a.actionId === id);
    // Archived today: in every locked column still, in none computed now.
    expect(
      row(archivedId)
        .rags.slice(0, 4)
        .every((r: Rag | null) => r !== null),
    ).toBe(true);
    expect(row(archivedId).rags[4]).toBeNull();
    // Added since: only in the column computed now.
    expect(row(added.body.id).rags).toEqual([null, null, null, null, expect.any(String)]);
    expect(row(wordy).objective).toBe('Say "no" \\ to delay — now\tand ☃ then\nnext line');
  });

  it('a meeting locked (its compact RAGs written in the lock), an agreed RAG, a meeting past its cut-off and one ahead', async () => {
    const meetings = (await chair.agent.get(`/api/plans/${ids.planId}/meetings`)).body.items as (Meeting & {
      meetingDate: string;
    })[];
    const next = meetings.find((m) => m.status === 'scheduled');
    expect(next).toBeDefined();
    const saved = t.clock.now();
    try {
      t.clock.set(`${next!.meetingDate}T15:00:00.000Z`);
      const board = await signIn(t.app, 'chair@example.org');
      const locked = await board.agent.post(`/api/meetings/${next!.id}/lock`).set('x-csrf-token', board.csrf);
      expect(locked.status).toBe(200);
      const agreed = await post(board, `/api/meetings/${next!.id}/actions/${addedId}/agreed-rag`, {
        rag: 'green',
        reason: 'The board heard the lead.',
      });
      expect(agreed.status).toBe(200);
      // One held today whose cut-off has passed, not locked; one ahead.
      for (const [meetingDate, papersCutoff] of [
        [next!.meetingDate, `${next!.meetingDate}T09:00:00.000Z`],
        ['2027-06-30', '2027-06-23T16:00:00.000Z'],
      ])
        expect(
          (await post(board, `/api/plans/${ids.planId}/meetings`, { meetingDate, papersCutoff })).status,
        ).toBe(201);
      chair = board;
      const res = await expectGrid();
      expect(res.body.meetings.map((m: Meeting) => m.status)).toEqual([
        'locked',
        'locked',
        'locked',
        'locked',
        'locked',
        'scheduled',
        'scheduled',
      ]);
      const row = res.body.actions.find((a: { ref: string }) => a.ref === '1.99');
      expect(row.agreed).toEqual([{ meetingId: next!.id, rag: 'green' }]);
      expect(row.rags.slice(4).every((r: Rag | null) => r !== null)).toBe(true);
      expect(keptRags()).toEqual(snapshotRags());
      expect(keptRags().get(next!.id)?.size).toBeGreaterThan(0);
    } finally {
      t.clock.set(saved);
      chair = await signIn(t.app, 'chair@example.org');
    }
  });

  it('meetings locked before the compact RAGs were kept: read from their snapshots, then filled once at start-up', async () => {
    const before = (await chair.agent.get(`/api/plans/${ids.planId}/rag-history`)).text;
    const kept = keptRags();
    t.app.sqlite.prepare('DELETE FROM meeting_rags').run();
    expect((await chair.agent.get(`/api/plans/${ids.planId}/rag-history`)).text).toBe(before);
    expect(t.app.services.meetings.backfillSnapshotRags()).toBe(kept.size);
    expect(t.app.services.meetings.backfillSnapshotRags()).toBe(0);
    expect(keptRags()).toEqual(kept);
    expect((await chair.agent.get(`/api/plans/${ids.planId}/rag-history`)).text).toBe(before);
  });

  it('a plan with no meetings or no actions answers an empty grid; an unknown plan is a 404 problem', async () => {
    const plan = (await post(admin, '/api/plans', { title: 'Empty grid plan' })).body.id as number;
    const res = await admin.agent.get(`/api/plans/${plan}/rag-history`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ meetings: [], actions: [] });
    const missing = await chair.agent.get('/api/plans/999999/rag-history');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
