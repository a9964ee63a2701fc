import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeetingAction, MeetingEvidence, MeetingView } from '@ipt/shared/schemas';
import { buildApp } from '../../server/src/app.js';
import { documentSerializer } from '../../server/src/lib/documents.js';
import {
  buildTestApp,
  expectProblem,
  signIn,
  type SignedIn,
  type TestApp,
  versionTag,
} from '../helpers/app.js';
import { demoIds, etagOf, post, type DemoIds } from '../helpers/demo.js';

const serializeView = documentSerializer(MeetingView);
let t: TestApp;
let ids: DemoIds;
let admin: SignedIn;
let chair: SignedIn;
let meetings: { id: number; status: string; meetingDate: string; papersCutoff: string; title: string }[];

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin@example.org');
  chair = await signIn(t.app, 'chair@example.org');
  ids = await demoIds(admin);
  meetings = (await chair.agent.get(`/api/plans/${ids.planId}/meetings`)).body.items;
});
afterAll(async () => {
  await t.close();
});

const ragOf = (view: { actions: { ref: string; rag: string }[] }, ref: string) =>
  view.actions.find((a) => a.ref === ref)?.rag;

describe('the demo board', () => {
  it('has four locked meetings and one scheduled, in time order', () => {
    expect(meetings.map((m) => m.status)).toEqual(['locked', 'locked', 'locked', 'locked', 'scheduled']);
    expect([...meetings].sort((a, b) => a.papersCutoff.localeCompare(b.papersCutoff))).toEqual(meetings);
  });

  it('a meeting shows every action’s RAG then, at the previous meeting, and the movement', async () => {
    const m4 = (await chair.agent.get(`/api/meetings/${meetings[3]?.id}`)).body;
    expect(m4.frozen).toBe(true);
    expect(m4.previousMeeting.id).toBe(meetings[2]?.id);
    expect(m4.actions).toHaveLength(21);
    const a13 = m4.actions.find((a: { ref: string }) => a.ref === '1.3');
    expect(a13).toMatchObject({
      rag: 'red',
      previousRag: 'amber',
      movement: 'worsened',
      agreed: { rag: 'amber', recordedBy: { name: 'Dr Margaret Ellis' } },
    });
    const a26 = m4.actions.find((a: { ref: string }) => a.ref === '2.6');
    expect(a26).toMatchObject({ rag: 'blue', previousRag: 'green', movement: 'improved' });
    expect(m4.newlyComplete).toEqual([ids.actionId('2.6')]);
    const total = (c: Record<string, number>) => Object.values(c).reduce((x, y) => x + y, 0);
    expect(total(m4.counts)).toBe(21);
    expect(total(m4.previousCounts)).toBe(21);
    expect(m4.movementCounts.worsened).toBe(m4.worsened.length);
    expect(a13.latestCommentary).toMatchObject({ author: { name: 'Daniel Okafor' } });
    expect(a13.latestCommentary.text).toMatch(/Repeat audit of 30 CIN cases/);
  });

  it('each meeting’s previous meeting is the one before it in the plan’s time order; the first has none', async () => {
    const previous = [];
    for (const m of meetings)
      previous.push((await chair.agent.get(`/api/meetings/${m.id}`)).body.previousMeeting);
    expect(previous.map((p: { id: number } | null) => p?.id ?? null)).toEqual([
      null,
      ...meetings.slice(0, -1).map((m) => m.id),
    ]);
    expect(previous[1]).toEqual(meetings[0]);
  });

  it('compares any two meetings of the plan', async () => {
    const res = await chair.agent.get(`/api/meetings/${meetings[0]?.id}/compare/${meetings[3]?.id}`);
    expect(res.status).toBe(200);
    const row = (ref: string) => res.body.rows.find((r: { ref: string }) => r.ref === ref);
    expect(row('1.8')).toMatchObject({ fromRag: 'red', toRag: 'green', movement: 'improved' });
    expect(row('3.3')).toMatchObject({ fromRag: 'green', toRag: 'red', movement: 'worsened' });
    expect(row('2.1')).toMatchObject({ fromRag: 'not_started', toRag: 'not_started', movement: 'unchanged' });
  });

  it('compares a locked meeting with one not locked yet, rated as its page rates it', async () => {
    const scheduled = meetings[4]!;
    expect(scheduled.status).toBe('scheduled');
    const res = await chair.agent.get(`/api/meetings/${meetings[3]?.id}/compare/${scheduled.id}`);
    expect(res.status).toBe(200);
    const view = (await chair.agent.get(`/api/meetings/${scheduled.id}`)).body;
    type Row = { ref: string; toRag: string | null; fromRag: string | null };
    type Action = { ref: string; rag: string; previousRag: string | null };
    const now = res.body.rows.filter((r: Row) => r.toRag !== null);
    expect(now.map((r: Row) => [r.ref, r.fromRag, r.toRag])).toEqual(
      view.actions.map((a: Action) => [a.ref, a.previousRag, a.rag]),
    );
  });

  it('a comparison lists each action as the two meetings reported it: the later one’s order, then any gone since', async () => {
    type Reported = { actionId: number; ref: string; objective: string; themeTitle: string; rag: string };
    const viewOf = async (id: number | undefined) =>
      (await chair.agent.get(`/api/meetings/${id}`)).body.actions as Reported[];
    // A meeting against itself, against a later one, and a later against an earlier (either side may lack
    // an action the other has).
    for (const [i, j] of [
      [0, 0],
      [0, 3],
      [3, 0],
      [1, 2],
    ] as const) {
      const [from, to] = [await viewOf(meetings[i]?.id), await viewOf(meetings[j]?.id)];
      const res = await chair.agent.get(`/api/meetings/${meetings[i]?.id}/compare/${meetings[j]?.id}`);
      expect(res.status).toBe(200);
      const fromRag = new Map(from.map((a) => [a.actionId, a.rag]));
      const toIds = new Set(to.map((a) => a.actionId));
      const expected = [
        ...to.map((a) => ({
          actionId: a.actionId,
          ref: a.ref,
          objective: a.objective,
          themeTitle: a.themeTitle,
          fromRag: fromRag.get(a.actionId) ?? null,
          toRag: a.rag,
        })),
        ...from
          .filter((a) => !toIds.has(a.actionId))
          .map((a) => ({
            actionId: a.actionId,
            ref: a.ref,
            objective: a.objective,
            themeTitle: a.themeTitle,
            fromRag: a.rag,
            toRag: null,
          })),
      ];
      expect(
        res.body.rows.map(({ movement: _m, ...r }: { movement: string }) => r),
        `${i} → ${j}`,
      ).toEqual(expected);
    }
  });

  it('the RAG history grid has every action and every meeting', async () => {
    const res = await chair.agent.get(`/api/plans/${ids.planId}/rag-history`);
    expect(res.body.meetings.map((m: { id: number }) => m.id)).toEqual(meetings.map((m) => m.id));
    expect(res.body.actions).toHaveLength(21);
    const a18 = res.body.actions.find((a: { ref: string }) => a.ref === '1.8');
    expect(a18.rags).toEqual(['red', 'amber', 'green', 'green', 'green']);
    const a13 = res.body.actions.find((a: { ref: string }) => a.ref === '1.3');
    expect(a13.rags[3]).toBe('red');
    expect(a13.agreed).toEqual([{ meetingId: meetings[3]?.id, rag: 'amber' }]);
  });

  it('rolls progress up to each recommendation as of a meeting, flagging gaps and missing impact evidence', async () => {
    const res = await chair.agent.get(
      `/api/plans/${ids.planId}/recommendation-rollup?meeting=${meetings[3]?.id}`,
    );
    expect(res.status).toBe(200);
    const by = (label: string) => res.body.items.find((r: { label: string }) => r.label === label);
    expect(by('DfE direction b1')).toMatchObject({ actions: [], noLiveAction: true, worstRag: null });
    expect(by('DfE direction b3')).toMatchObject({
      blueCount: 1,
      worstRag: 'blue',
      allBlueNoImpactEvidence: true,
    });
    const rec1 = by('Ofsted recommendation 1');
    expect(rec1.actions.map((a: { ref: string }) => a.ref)).toEqual(['1.3', '1.9']);
    expect(rec1).toMatchObject({ worstRag: 'red', noLiveAction: false, allBlueNoImpactEvidence: false });
    expect(rec1.actions[0].agreedRag).toBe('amber');
    expect(rec1.counts).toMatchObject({ red: 1, amber: 1 });
  });
});

describe('locking', () => {
  let meetingId: number;

  it('schedules a meeting with the default papers cut-off: 7 days before, 17:00 London time', async () => {
    const res = await post(chair, `/api/plans/${ids.planId}/meetings`, {
      meetingDate: '2026-11-23',
      title: 'Extraordinary board',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'scheduled', papersCutoff: '2026-11-16T17:00:00.000Z' });
    meetingId = res.body.id;
  });

  it('refuses a cut-off after the meeting, a meeting before the last locked one, and a lead scheduling', async () => {
    expectProblem(
      await post(chair, `/api/plans/${ids.planId}/meetings`, {
        meetingDate: '2026-12-01',
        papersCutoff: '2026-12-02T12:00:00.000Z',
      }),
      400,
    );
    expectProblem(await post(chair, `/api/plans/${ids.planId}/meetings`, { meetingDate: '2026-08-01' }), 409);
    const lead = await signIn(t.app, 'head.of.first.response@example.org');
    expectProblem(await post(lead, `/api/plans/${ids.planId}/meetings`, { meetingDate: '2026-12-20' }), 403);
  });

  it('an update one minute after the cut-off does not count for the meeting; one a minute before does', async () => {
    const cutoff = new Date('2026-11-16T17:00:00.000Z').getTime();
    const id11 = ids.actionId('1.10');
    const placements = await signIn(t.app, 'head.of.placements@example.org');
    t.clock.set(new Date(cutoff - 60_000));
    expect(
      (
        await post(
          placements,
          `/api/actions/${id11}/updates`,
          { status: 'at_risk', reportedRag: 'amber', commentary: 'Before the cut-off.' },
          await etagOf(placements, id11),
        )
      ).status,
    ).toBe(201);
    t.clock.set(new Date(cutoff + 60_000));
    expect(
      (
        await post(
          placements,
          `/api/actions/${id11}/updates`,
          { status: 'off_track', reportedRag: 'red', commentary: 'After the cut-off.' },
          await etagOf(placements, id11),
        )
      ).status,
    ).toBe(201);
    t.clock.set('2026-11-23T12:00:00.000Z');
    const view = (await chair.agent.get(`/api/meetings/${meetingId}`)).body;
    expect(view.frozen).toBe(false);
    const a = view.actions.find((x: { ref: string }) => x.ref === '1.10');
    expect(a.rag).toBe('amber');
    expect(a.latestCommentary.text).toBe('Before the cut-off.');
    expect((await chair.agent.get(`/api/actions/${id11}`)).body.assessment.rag).toBe('red');
  });

  it('a scheduled meeting’s page shows what locking it freezes, and only what the page shows of each action', async () => {
    const scheduled = (await chair.agent.get(`/api/meetings/${meetingId}`)).body;
    expect(scheduled.frozen).toBe(false);
    expect(scheduled.actions.length).toBeGreaterThan(20);
    const locked = await post(chair, `/api/meetings/${meetingId}/lock`, {});
    expect(locked.status).toBe(200);
    expect(locked.body.frozen).toBe(true);
    // Computed as of the cut-off (the rows) and frozen from the snapshot: the same page.
    const page = (v: Record<string, unknown>) => ({ ...v, meeting: null, frozen: null });
    expect(page(locked.body)).toEqual(page(scheduled));
    expect(scheduled.actions.some((a: { previousRag: string | null }) => a.previousRag !== null)).toBe(true);
    expect(scheduled.newlyOverdue.length + scheduled.worsened.length).toBeGreaterThan(0);
    // The snapshot keeps more (dates, area, evidence counts) for the reports; the page gets its columns.
    for (const a of [...scheduled.actions, ...locked.body.actions])
      expect(Object.keys(a).sort()).toEqual(Object.keys(MeetingAction.properties).sort());
    expect(scheduled.evidence.length).toBeGreaterThan(0);
    for (const e of [...scheduled.evidence, ...locked.body.evidence])
      expect(Object.keys(e).sort()).toEqual(Object.keys(MeetingEvidence.properties).sort());
  });

  it('a locked meeting answers byte for byte the same after updates, a timeframe change and a sign-off; the live view changes', async () => {
    const locked = await chair.agent.get(`/api/meetings/${meetingId}`);
    expect(locked.status).toBe(200);
    expect(locked.body.frozen).toBe(true);
    const before = (await chair.agent.get(`/api/meetings/${meetingId}`)).text;
    const liveBefore = (await chair.agent.get(`/api/plans/${ids.planId}/actions?pageSize=200`)).body.items;

    // A new update, a backdated-looking correction, an approved timeframe change, a sign-off, an archive.
    const id12 = ids.actionId('1.2');
    const fr = await signIn(t.app, 'head.of.first.response@example.org');
    const u = await post(
      fr,
      `/api/actions/${id12}/updates`,
      { status: 'off_track', reportedRag: 'red', commentary: 'Rota gap confirmed.' },
      await etagOf(fr, id12),
    );
    expect(u.status).toBe(201);
    const corr = await post(
      fr,
      `/api/actions/${id12}/updates`,
      {
        status: 'on_track',
        commentary: 'Correction: as reported before the cut-off.',
        correctsUpdateId: u.body.updates[1].id,
      },
      u.headers.etag,
    );
    expect(corr.status).toBe(201);
    const id19 = ids.actionId('1.9');
    const pending = (await chair.agent.get(`/api/actions/${id19}`)).body.dueDateChanges.find(
      (c: { decision: string }) => c.decision === 'pending',
    );
    expect(
      (
        await post(
          chair,
          `/api/actions/${id19}/due-date-changes/${pending.id}/decision`,
          { decision: 'approved' },
          await etagOf(chair, id19),
        )
      ).status,
    ).toBe(200);
    const id15 = ids.actionId('1.5');
    const ev = (await chair.agent.get(`/api/plans/${ids.planId}/evidence-queue`)).body.items.find(
      (e: { actionRef: string }) => e.actionRef === '1.5',
    );
    expect(
      (
        await post(
          chair,
          `/api/evidence/${ev.id}/review`,
          { decision: 'accepted' },
          versionTag(t.app, 'evidence', ev.id),
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await post(
          chair,
          `/api/actions/${id15}/sign-off`,
          { decision: 'signed_off' },
          await etagOf(chair, id15),
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await post(
          admin,
          `/api/actions/${ids.actionId('4.1')}/archive`,
          { reason: 'Merged into 1.3' },
          await etagOf(admin, ids.actionId('4.1')),
        )
      ).status,
    ).toBe(200);

    const after = (await chair.agent.get(`/api/meetings/${meetingId}`)).text;
    expect(after).toBe(before);
    // The same from a second app on the same database (a restart): nothing cached, read from the snapshot.
    const second = await buildApp({ config: t.config, clock: t.clock.now, logger: false });
    try {
      await second.ready();
      const again = await signIn(second, 'chair@example.org');
      expect((await again.agent.get(`/api/meetings/${meetingId}`)).text).toBe(before);
    } finally {
      await second.close();
    }
    const liveAfter = (await chair.agent.get(`/api/plans/${ids.planId}/actions?pageSize=200`)).body.items;
    const live = (items: { ref: string; rag: string }[], ref: string) =>
      items.find((a) => a.ref === ref)?.rag;
    expect(live(liveBefore, '1.5')).toBe('green');
    expect(live(liveAfter, '1.5')).toBe('blue');
    expect(live(liveAfter, '1.9')).not.toBe(live(liveBefore, '1.9'));
    expect(liveAfter).toHaveLength(liveBefore.length - 1);
    expect(ragOf(JSON.parse(after), '4.1')).toBeDefined();
  });

  it('a locked meeting is sent as its view was stored at the lock, the same bytes the view builds; an agreed RAG makes a new answer', async () => {
    const url = `/api/meetings/${meetingId}`;
    const built = () => serializeView(t.app.services.meetings.view(meetingId));
    const stored = await chair.agent.get(url);
    expect(stored.status).toBe(200);
    expect(stored.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(stored.text).toBe(built());
    // Kept at the lock: the document in the meeting's record is the answer.
    const storedView = () =>
      (
        t.app.sqlite.prepare('SELECT view FROM meeting_records WHERE meeting_id = ?').get(meetingId) as {
          view: string | null;
        }
      ).view;
    expect(storedView()).toBe(stored.text);
    const tag = stored.headers.etag as string;
    expect((await chair.agent.get(url).set('If-None-Match', tag)).status).toBe(304);

    const id = ids.actionId('2.1');
    const agreed = await post(chair, `${url}/actions/${id}/agreed-rag`, {
      rag: 'amber',
      reason: 'The board reads the audit as partly done.',
    });
    expect(agreed.status).toBe(200);
    const next = await chair.agent.get(url);
    expect(next.headers.etag).not.toBe(tag);
    expect(next.text).not.toBe(stored.text);
    expect(next.text).toBe(built());
    expect(JSON.parse(next.text).actions.find((a: { ref: string }) => a.ref === '2.1').agreed).toMatchObject({
      rag: 'amber',
    });
    // Apart from that action's agreed RAG, what the meeting recorded is unchanged.
    const strip = (text: string) =>
      JSON.parse(text, (key, value: unknown) => (key === 'agreed' ? null : value)) as unknown;
    expect(strip(next.text)).toEqual(strip(stored.text));
    // A meeting locked before views were kept (none stored) answers the same, built from its snapshot.
    t.app.sqlite.prepare('UPDATE meeting_records SET view = NULL WHERE meeting_id = ?').run(meetingId);
    expect((await chair.agent.get(url)).text).toBe(next.text);
  });

  it('refuses to lock twice, or before the papers cut-off, with a clear problem', async () => {
    expect(expectProblem(await post(chair, `/api/meetings/${meetingId}/lock`, {}), 409).detail).toMatch(
      /cannot be locked again/,
    );
    const future = meetings[4];
    expect(expectProblem(await post(chair, `/api/meetings/${future?.id}/lock`, {}), 409).detail).toMatch(
      /has not passed yet/,
    );
    const tomorrow = await post(chair, `/api/plans/${ids.planId}/meetings`, {
      meetingDate: '2026-11-24',
      papersCutoff: '2026-11-23T08:00:00.000Z',
    });
    expect(
      expectProblem(await post(chair, `/api/meetings/${tomorrow.body.id}/lock`, {}), 409).detail,
    ).toMatch(/has not been held yet/);
    await chair.agent
      .patch(`/api/meetings/${tomorrow.body.id}`)
      .set('x-csrf-token', chair.csrf)
      .set('if-match', versionTag(t.app, 'meeting', tomorrow.body.id))
      .send({ meetingDate: '2026-12-22' });
  });

  it('a scheduled meeting cannot be moved before a locked one, as it cannot be scheduled there', async () => {
    const scheduled = meetings[4];
    const lockedMeeting = (await chair.agent.get(`/api/meetings/${meetingId}`)).body.meeting as {
      papersCutoff: string;
      meetingDate: string;
    };
    const before = new Date(new Date(lockedMeeting.papersCutoff).getTime() - 86_400_000).toISOString();
    const res = await chair.agent
      .patch(`/api/meetings/${scheduled?.id}`)
      .set('x-csrf-token', chair.csrf)
      .set('if-match', versionTag(t.app, 'meeting', scheduled!.id))
      .send({ meetingDate: lockedMeeting.meetingDate, papersCutoff: before });
    expect(expectProblem(res, 409).detail).toMatch(/after that of the last locked meeting/);
    const unchanged = (await chair.agent.get(`/api/plans/${ids.planId}/meetings`)).body.items as {
      id: number;
      papersCutoff: string;
    }[];
    expect(unchanged.find((m) => m.id === scheduled?.id)?.papersCutoff).toBe(scheduled?.papersCutoff);
  });

  it('a locked meeting cannot be moved', async () => {
    expectProblem(
      await chair.agent
        .patch(`/api/meetings/${meetingId}`)
        .set('x-csrf-token', chair.csrf)
        .set('if-match', versionTag(t.app, 'meeting', meetingId))
        .send({ title: 'Renamed' }),
      409,
    );
  });

  it('records the agreed RAG with a reason, beside the computed one; only at or after the meeting', async () => {
    const id = ids.actionId('2.2');
    const res = await post(chair, `/api/meetings/${meetingId}/actions/${id}/agreed-rag`, {
      rag: 'red',
      reason: 'Two teams still miss audits; the board wants this Red.',
    });
    expect(res.status).toBe(200);
    const a = res.body.actions.find((x: { ref: string }) => x.ref === '2.2');
    expect(a).toMatchObject({
      rag: 'amber',
      agreed: { rag: 'red', reason: 'Two teams still miss audits; the board wants this Red.' },
    });
    expectProblem(
      await post(chair, `/api/meetings/${meetings[4]?.id}/actions/${id}/agreed-rag`, {
        rag: 'red',
        reason: 'x',
      }),
      409,
    );
    const adviser = await signIn(t.app, 'adviser@example.org');
    expectProblem(
      await post(adviser, `/api/meetings/${meetingId}/actions/${id}/agreed-rag`, { rag: 'red', reason: 'x' }),
      403,
    );
  });

  it('locks only in order: an earlier meeting still open blocks a later one', async () => {
    const a = await post(chair, `/api/plans/${ids.planId}/meetings`, {
      meetingDate: '2026-11-23',
      papersCutoff: '2026-11-23T09:00:00.000Z',
    });
    const b = await post(chair, `/api/plans/${ids.planId}/meetings`, {
      meetingDate: '2026-11-23',
      papersCutoff: '2026-11-23T10:00:00.000Z',
    });
    expect(expectProblem(await post(chair, `/api/meetings/${b.body.id}/lock`, {}), 409).detail).toMatch(
      /Lock the earlier meeting first/,
    );
    expect((await post(chair, `/api/meetings/${a.body.id}/lock`, {})).status).toBe(200);
    expect((await post(chair, `/api/meetings/${b.body.id}/lock`, {})).status).toBe(200);
  });
});
