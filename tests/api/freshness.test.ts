import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { etagOf as etagFor } from '@ipt/shared';
import type { ListArea as Area } from '@ipt/shared/schemas';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../helpers/app.js';
import { demoIds, etagOf, post, type DemoIds } from '../helpers/demo.js';

let t: TestApp;
let ids: DemoIds;
let chair: SignedIn;
let viewer: SignedIn;
beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  chair = await signIn(t.app, 'chair@example.org');
  viewer = await signIn(t.app, 'viewer@example.org');
  ids = await demoIds(chair);
});
afterAll(async () => {
  await t.close();
});

const rowOf = (
  body: {
    items: {
      ref: string;
      status: string;
      canUpdate: boolean;
      flags: { daysOverdue?: number };
    }[];
  },
  ref: string,
) => body.items.find((a) => a.ref === ref);

describe('every read is computed afresh: no response cache', () => {
  it('a write is seen by the very next read, in the same second', async () => {
    const url = `/api/plans/${ids.planId}/actions?pageSize=100`;
    const first = await chair.agent.get(url);
    expect(rowOf(first.body, '1.4')?.status).toBe('at_risk');
    const id = ids.actionId('1.4');
    expect(
      (
        await post(
          chair,
          `/api/actions/${id}/updates`,
          { status: 'off_track', commentary: 'Funding refused.' },
          await etagOf(chair, id),
        )
      ).status,
    ).toBe(201);
    const after = await chair.agent.get(url);
    expect(rowOf(after.body, '1.4')?.status).toBe('off_track');
  });

  it('a scheduled meeting and the history grid show a new update at once', async () => {
    const meetings = (await chair.agent.get(`/api/plans/${ids.planId}/meetings`)).body.items as {
      id: number;
      status: string;
    }[];
    const scheduled = meetings.find((m) => m.status === 'scheduled');
    expect(scheduled).toBeDefined();
    const meetingUrl = `/api/meetings/${scheduled!.id}`;
    const historyUrl = `/api/plans/${ids.planId}/rag-history`;
    const ragAt = (body: { actions: { ref: string; rag: string }[] }) =>
      body.actions.find((a) => a.ref === '2.2')?.rag;
    const first = await chair.agent.get(meetingUrl);
    expect(first.headers.etag).toBeUndefined();
    const historyBefore = (await chair.agent.get(historyUrl)).text;
    expect(ragAt(first.body)).not.toBe('red');
    const id = ids.actionId('2.2');
    const res = await post(
      chair,
      `/api/actions/${id}/updates`,
      { status: 'off_track', reportedRag: 'red', commentary: 'The audit tool failed; nothing is recorded.' },
      await etagOf(chair, id),
    );
    expect(res.status).toBe(201);
    const after = (await chair.agent.get(meetingUrl)).body;
    expect(ragAt(after)).toBe('red');
    // The page's row (read with only the columns the page shows) carries the new commentary too.
    expect(after.actions.find((a: { ref: string }) => a.ref === '2.2').latestCommentary).toMatchObject({
      text: 'The audit tool failed; nothing is recorded.',
      author: { name: 'Dr Margaret Ellis' },
    });
    expect((await chair.agent.get(historyUrl)).text).not.toBe(historyBefore);
  });

  it('each read the benchmark loads sees a write at once: the overdue list, one action, a lead’s actions', async () => {
    const overdueUrl = `/api/plans/${ids.planId}/actions?flag=overdue&sort=days_overdue&pageSize=50`;
    type Item = { id: number; status: string; lastUpdateAt: string | null; updatedSinceCutoff: boolean };
    const overdue = (await chair.agent.get(overdueUrl)).body as { items: Item[] };
    expect(overdue.items.length).toBeGreaterThan(0);
    const target = overdue.items[0]!;
    const lead = await signIn(t.app, 'head.of.quality.assurance@example.org');
    const mine = (await lead.agent.get('/api/me/actions')).body as { items: Item[] };
    const leadsOwn = mine.items.find((a) => a.id !== target.id) ?? mine.items[0]!;

    const status = target.status === 'off_track' ? 'at_risk' : 'off_track';
    const commentary = 'Read straight after the write: the board sees this line at once.';
    const res = await post(
      chair,
      `/api/actions/${target.id}/updates`,
      { status, commentary },
      await etagOf(chair, target.id),
    );
    expect(res.status).toBe(201);
    const listed = ((await chair.agent.get(overdueUrl)).body as { items: Item[] }).items.find(
      (a) => a.id === target.id,
    );
    expect(listed?.status).toBe(status);
    expect(listed?.lastUpdateAt).not.toBe(target.lastUpdateAt);
    const page = await chair.agent.get(`/api/actions/${target.id}`);
    const action = page.body as {
      status: string;
      version: number;
      lastUpdateAt: string;
      updates: { commentary: string; createdAt: string }[];
    };
    expect(action.status).toBe(status);
    expect(action.updates[0]?.commentary).toBe(commentary);
    // The page (SQLite's text, sent as it is) names the version the write made, in its body and its ETag.
    expect(page.headers.etag).toBe(res.headers.etag);
    expect(page.headers.etag).toBe(`"action${target.id}-v${action.version}"`);
    expect(action.lastUpdateAt).toBe(action.updates[0]?.createdAt);

    // The lead's own list: their update moves the action out of "needs an update".
    const own = await post(
      lead,
      `/api/actions/${leadsOwn.id}/updates`,
      { status: 'on_track', commentary: 'Done this week, ready for the papers.' },
      await etagOf(lead, leadsOwn.id),
    );
    expect(own.status).toBe(201);
    const after = ((await lead.agent.get('/api/me/actions')).body as { items: Item[] }).items.find(
      (a) => a.id === leadsOwn.id,
    );
    expect(after?.status).toBe('on_track');
    expect(after?.lastUpdateAt).not.toBe(leadsOwn.lastUpdateAt);
    expect(after?.updatedSinceCutoff).toBe(true);
  });

  it('the lists’ names and a lead’s next meeting are read afresh: an area renamed, a meeting scheduled', async () => {
    const admin = await signIn(t.app, 'admin@example.org');
    const lead = await signIn(t.app, 'head.of.quality.assurance@example.org');
    const url = `/api/plans/${ids.planId}/actions?pageSize=5`;
    const before = (await chair.agent.get(url)).body as { items: { areaId: number }[]; areas: Area[] };
    const area = before.areas.find((a) => a.id === before.items[0]!.areaId)!;
    const themes = (await admin.agent.get(`/api/plans/${ids.planId}/themes`)).body.items as {
      areas: { id: number; version: number }[];
    }[];
    const version = themes.flatMap((th) => th.areas).find((a) => a.id === area.id)!.version;
    const renamed = await admin.agent
      .patch(`/api/areas/${area.id}`)
      .set('x-csrf-token', admin.csrf)
      .set('if-match', etagFor('area', area.id, version))
      .send({ title: `${area.title} (renamed)` });
    expect(renamed.status).toBe(200);
    const after = (await chair.agent.get(url)).body as { areas: Area[] };
    expect(after.areas.find((a) => a.id === area.id)?.title).toBe(`${area.title} (renamed)`);

    const next = (await lead.agent.get('/api/me/actions')).body.nextMeeting as { meetingDate: string };
    const sooner = await post(admin, `/api/plans/${ids.planId}/meetings`, { meetingDate: '2026-12-08' });
    expect(sooner.status).toBe(201);
    expect(sooner.body.meetingDate < next.meetingDate).toBe(true);
    const mine = (await lead.agent.get('/api/me/actions')).body as {
      nextMeeting: { id: number };
      plans: { plan: { id: number }; nextMeeting: { id: number } }[];
    };
    expect(mine.nextMeeting.id).toBe(sooner.body.id);
    expect(mine.plans.find((g) => g.plan.id === ids.planId)?.nextMeeting.id).toBe(sooner.body.id);
  });

  it('the leads and evidence counts kept on the action row move with their writes: seen by the next read', async () => {
    const admin = await signIn(t.app, 'admin@example.org');
    const lead = await signIn(t.app, 'head.of.quality.assurance@example.org');
    const overdueUrl = `/api/plans/${ids.planId}/actions?flag=overdue&sort=days_overdue&pageSize=50`;
    type Item = {
      id: number;
      leads: { id: number; name: string }[];
      evidenceCounts: { submitted: number };
    };
    const target = ((await chair.agent.get(overdueUrl)).body as { items: Item[] }).items[0]!;
    const leadId = target.leads[0]!.id;
    const { name, version } = (await admin.agent.get(`/api/leads/${leadId}`)).body as {
      name: string;
      version: number;
    };
    const renamed = await admin.agent
      .patch(`/api/leads/${leadId}`)
      .set('x-csrf-token', admin.csrf)
      .set('if-match', etagFor('lead', leadId, version))
      .send({ name: `${name} (acting)` });
    expect(renamed.status).toBe(200);
    const listed = () =>
      chair.agent
        .get(overdueUrl)
        .then((r) => (r.body as { items: Item[] }).items.find((a) => a.id === target.id));
    expect((await listed())?.leads[0]?.name).toBe(`${name} (acting)`);
    // The scheduled meeting's page reads the same kept leads (current, not as of its cut-off): renamed too.
    const meetings = (await chair.agent.get(`/api/plans/${ids.planId}/meetings`)).body.items as {
      id: number;
      status: string;
    }[];
    const scheduled = meetings.find((m) => m.status === 'scheduled')!;
    const page = (await chair.agent.get(`/api/meetings/${scheduled.id}`)).body as {
      actions: { actionId: number; leads: { id: number; name: string }[] }[];
    };
    expect(page.actions.find((a) => a.actionId === target.id)?.leads[0]).toEqual({
      id: leadId,
      name: `${name} (acting)`,
      kind: expect.any(String),
    });

    const evidence = await post(admin, `/api/actions/${target.id}/evidence`, {
      kind: 'note',
      title: 'Seen at once',
      purpose: 'completion',
      effectiveDate: '2026-11-01',
      note: 'Audit done.',
    });
    expect(evidence.status).toBe(201);
    expect((await listed())?.evidenceCounts.submitted).toBe(target.evidenceCounts.submitted + 1);

    const mine = (await lead.agent.get('/api/me/actions')).body as { items: Item[] };
    const own = mine.items[0]!;
    const more = await post(lead, `/api/actions/${own.id}/evidence`, {
      kind: 'note',
      title: 'Mine',
      purpose: 'completion',
      effectiveDate: '2026-11-01',
      note: 'Done.',
    });
    expect(more.status).toBe(201);
    const after = ((await lead.agent.get('/api/me/actions')).body as { items: Item[] }).items.find(
      (a) => a.id === own.id,
    );
    expect(after?.evidenceCounts.submitted).toBe(own.evidenceCounts.submitted + 1);
  });

  it('a change made behind the service (another process) is seen by the next read', async () => {
    const url = `/api/actions/${ids.actionId('2.4')}`;
    await chair.agent.get(url);
    t.app.sqlite
      .prepare("UPDATE actions SET objective = 'Changed outside' WHERE id = ?")
      .run(ids.actionId('2.4'));
    expect((await chair.agent.get(url)).body.objective).toBe('Changed outside');
  });

  it('a locked meeting answers with an ETag, and 304 to a reader who has it; an agreed RAG changes it', async () => {
    const meetings = (await chair.agent.get(`/api/plans/${ids.planId}/meetings`)).body.items as {
      id: number;
      status: string;
    }[];
    const locked = meetings.filter((m) => m.status === 'locked').at(-1);
    expect(locked).toBeDefined();
    const url = `/api/meetings/${locked!.id}`;
    const first = await chair.agent.get(url);
    expect(first.status).toBe(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"meetingview\d+-v\d+"$/);
    const again = await chair.agent.get(url).set('if-none-match', etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect((await chair.agent.get(url).set('if-none-match', '"meetingview0-v0"')).status).toBe(200);

    const actionId = (first.body as { actions: { actionId: number }[] }).actions[0]!.actionId;
    const agreed = await chair.agent
      .post(`${url}/actions/${actionId}/agreed-rag`)
      .set('x-csrf-token', chair.csrf)
      .send({ rag: 'amber', reason: 'The board judged the evidence thin.' });
    expect(agreed.status).toBe(200);
    const after = await chair.agent.get(url).set('if-none-match', etag);
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    const row = (
      after.body as { actions: { actionId: number; agreed: { rag: string } | null }[] }
    ).actions.find((a) => a.actionId === actionId);
    expect(row?.agreed?.rag).toBe('amber');
  });

  it('two readers with different roles never share an answer', async () => {
    const url = `/api/plans/${ids.planId}/actions?pageSize=100`;
    const asChair = await chair.agent.get(url);
    const asViewer = await viewer.agent.get(url);
    expect(rowOf(asChair.body, '1.1')?.canUpdate).toBe(true);
    expect(rowOf(asViewer.body, '1.1')?.canUpdate).toBe(false);
  });

  it('a papers cut-off passing is seen without any write: an update before it no longer counts as since', async () => {
    const meetings = (await chair.agent.get(`/api/plans/${ids.planId}/meetings`)).body.items as {
      status: string;
      papersCutoff: string;
    }[];
    const cutoff = meetings.find((m) => m.status === 'scheduled')!.papersCutoff;
    const url = `/api/plans/${ids.planId}/actions?pageSize=100`;
    type Row = { ref: string; lastUpdateAt: string | null; updatedSinceCutoff: boolean };
    const saved = t.clock.now();
    try {
      t.clock.set(new Date(Date.parse(cutoff) - 60_000).toISOString());
      const before = await signIn(t.app, 'chair@example.org');
      const rows = (await before.agent.get(url)).body.items as Row[];
      // An action updated since the last cut-off that passed, and before the scheduled meeting's.
      const updated = rows.find(
        (r) => r.updatedSinceCutoff && r.lastUpdateAt !== null && r.lastUpdateAt < cutoff,
      );
      expect(updated).toBeDefined();
      t.clock.set(new Date(Date.parse(cutoff) + 60_000).toISOString());
      const after = await signIn(t.app, 'chair@example.org');
      const now = ((await after.agent.get(url)).body.items as Row[]).find((r) => r.ref === updated!.ref);
      expect(now?.lastUpdateAt).toBe(updated!.lastUpdateAt);
      expect(now?.updatedSinceCutoff).toBe(false);
    } finally {
      t.clock.set(saved);
    }
  });

  it('time moving on is seen without any write: past midnight, overdue by one day more', async () => {
    const url = `/api/plans/${ids.planId}/actions?flag=overdue`;
    const saved = t.clock.now();
    try {
      t.clock.set('2026-11-23T23:59:30.000Z'); // half a minute to midnight in London (GMT)
      const late = await signIn(t.app, 'chair@example.org');
      const before = rowOf((await late.agent.get(url)).body, '3.3')?.flags.daysOverdue ?? 0;
      t.clock.advance(60_000); // no write in between: only the clock has moved
      const after = rowOf((await late.agent.get(url)).body, '3.3')?.flags.daysOverdue;
      expect(after).toBe(before + 1);
    } finally {
      t.clock.set(saved);
    }
  });
});
