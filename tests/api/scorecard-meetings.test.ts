import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../helpers/app.js';
import { demoIds, post, type DemoIds } from '../helpers/demo.js';

let t: TestApp;
let ids: DemoIds;
let admin: SignedIn;
let chair: SignedIn;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin@example.org');
  chair = await signIn(t.app, 'chair@example.org');
  ids = await demoIds(admin);
});
afterAll(async () => {
  await t.close();
});

/** Moves the clock and signs in again (sessions end after hours idle). */
async function at(instant: string): Promise<void> {
  t.clock.set(instant);
  admin = await signIn(t.app, 'admin@example.org');
  chair = await signIn(t.app, 'chair@example.org');
}

type Row = { indicatorId: number; latest: { value: number; status: string; periodEnd: string } | null };

describe('the scorecard at board meetings', () => {
  let indicatorId: number;
  let contextId: number;
  let meetingId: number;
  let nextMeetingId: number;
  let frozenText: string;

  it('locking a meeting freezes the scorecard as of its papers cut-off, provisional flags included', async () => {
    await at('2026-11-10T09:00:00.000Z');
    const ind = await post(admin, `/api/plans/${ids.planId}/indicators`, {
      name: 'Core group meetings on time',
      unit: 'percent',
      polarity: 'higher_is_better',
      actionIds: [ids.actionId('1.3')],
      target: { value: 80, tolerance: 5, effectiveFrom: '2026-01-01' },
    });
    indicatorId = ind.body.id;
    contextId = (
      await post(admin, `/api/plans/${ids.planId}/indicators`, {
        name: 'Contacts received',
        unit: 'number',
        polarity: 'context_only',
      })
    ).body.id;
    for (const [periodEnd, value] of [
      ['2026-08-31', 72],
      ['2026-09-30', 74],
      ['2026-10-31', 77],
    ] as const) {
      await post(admin, `/api/indicators/${indicatorId}/values`, { periodEnd, value, status: 'provisional' });
      await post(admin, `/api/indicators/${contextId}/values`, {
        periodEnd,
        value: value * 10,
        status: 'validated',
      });
    }
    // A value recorded after the cut-off does not count for the meeting.
    await at('2026-11-18T09:00:00.000Z');
    await post(admin, `/api/indicators/${contextId}/values`, {
      periodEnd: '2026-11-30',
      value: 999,
      status: 'provisional',
    });

    await at('2026-11-23T12:00:00.000Z');
    meetingId = (
      await post(chair, `/api/plans/${ids.planId}/meetings`, {
        meetingDate: '2026-11-23',
        title: 'November board',
      })
    ).body.id;
    const live = (await chair.agent.get(`/api/meetings/${meetingId}/scorecard`)).body;
    expect(live.frozen).toBe(false);

    expect((await post(chair, `/api/meetings/${meetingId}/lock`, {})).status).toBe(200);
    const res = await chair.agent.get(`/api/meetings/${meetingId}/scorecard`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      frozen: true,
      asOf: '2026-11-16T17:00:00.000Z',
      meeting: { id: meetingId },
    });
    const row = res.body.rows.find((r: Row) => r.indicatorId === indicatorId);
    expect(row).toMatchObject({
      latest: { periodEnd: '2026-10-31', value: 77, status: 'provisional' },
      rag: 'amber',
      themes: [{ title: expect.any(String) }],
    });
    expect(res.body.rows.find((r: Row) => r.indicatorId === contextId)).toMatchObject({
      latest: { periodEnd: '2026-10-31', value: 770 },
      rag: null,
    });
    const stored = t.app.sqlite
      .prepare('SELECT count(*) AS n FROM meeting_scorecards WHERE meeting_id = ?')
      .get(meetingId) as { n: number };
    expect(stored.n).toBe(res.body.rows.length);
    expect(res.body.rows.length).toBeGreaterThanOrEqual(2);
    frozenText = res.text;
  });

  it('a value corrected after the meeting is locked leaves its scorecard unchanged', async () => {
    await at('2026-11-24T10:00:00.000Z');
    const fix = await post(admin, `/api/indicators/${indicatorId}/values`, {
      periodEnd: '2026-10-31',
      value: 80,
      status: 'validated',
      note: 'Corrected after the data cleanse',
    });
    expect(fix.status).toBe(201);
    await post(admin, `/api/indicators/${indicatorId}/targets`, {
      value: 90,
      tolerance: 2,
      effectiveFrom: '2026-01-01',
    });
    expect((await chair.agent.get(`/api/meetings/${meetingId}/scorecard`)).text).toBe(frozenText);
    const now = (await chair.agent.get(`/api/plans/${ids.planId}/scorecard`)).body;
    expect(now.rows.find((r: Row) => r.indicatorId === indicatorId)).toMatchObject({
      latest: { value: 80, status: 'validated' },
      rag: 'red',
    });
  });

  it('the next meeting shows the corrected value and its movement since the locked meeting', async () => {
    nextMeetingId = (
      await post(chair, `/api/plans/${ids.planId}/meetings`, {
        meetingDate: '2026-12-14',
        title: 'December board',
      })
    ).body.id;
    await at('2026-12-08T09:00:00.000Z');
    const res = (await chair.agent.get(`/api/meetings/${nextMeetingId}/scorecard`)).body;
    expect(res).toMatchObject({ frozen: false, previousMeeting: { id: meetingId } });
    const row = res.rows.find((r: Row) => r.indicatorId === indicatorId);
    expect(row).toMatchObject({
      latest: { periodEnd: '2026-10-31', value: 80, status: 'validated' },
      previous: { value: 77, status: 'provisional' },
      sincePrevious: { change: 3, travel: 'improved' },
    });
    const context = res.rows.find((r: Row) => r.indicatorId === contextId);
    expect(context).toMatchObject({
      latest: { periodEnd: '2026-11-30', value: 999 },
      sincePrevious: { travel: 'not_judged' },
    });
  });
});
