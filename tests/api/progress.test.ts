import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditRows,
  buildTestApp,
  dbFingerprint,
  expectProblem,
  signIn,
  type SignedIn,
  type TestApp,
  versionTag,
} from '../helpers/app.js';
import { demoIds, etagOf, post, type DemoIds } from '../helpers/demo.js';

let t: TestApp;
let ids: DemoIds;
let admin: SignedIn;
let chair: SignedIn;
let firstResponse: SignedIn; // leads 1.1 and 1.2
let qa: SignedIn; // leads 1.7, 1.9, 2.1, 2.2, 2.3
let hr: SignedIn; // leads 3.1, 3.2, 3.3

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin@example.org');
  chair = await signIn(t.app, 'chair@example.org');
  firstResponse = await signIn(t.app, 'head.of.first.response@example.org');
  qa = await signIn(t.app, 'head.of.quality.assurance@example.org');
  hr = await signIn(t.app, 'head.of.hr.business.partnering@example.org');
  ids = await demoIds(admin);
});
afterAll(async () => {
  await t.close();
});

const update = { status: 'on_track', reportedRag: 'green', commentary: 'Briefings done; launch next week.' };

describe('recording progress', () => {
  it('a lead records an update on their own action: stamped with them and the server time, version moves on', async () => {
    const id = ids.actionId('1.2');
    const etag = await etagOf(firstResponse, id);
    t.clock.set('2026-11-23T14:05:00.000Z');
    const res = await post(
      firstResponse,
      `/api/actions/${id}/updates`,
      { status: 'at_risk', reportedRag: 'amber', commentary: 'Out-of-hours rota gap from December.' },
      etag,
    );
    expect(res.status).toBe(201);
    expect(res.headers.etag).not.toBe(etag);
    expect(res.body.status).toBe('at_risk');
    expect(res.body.assessment.rag).toBe('amber');
    expect(res.body.updates[0]).toMatchObject({
      createdAt: '2026-11-23T14:05:00.000Z',
      status: 'at_risk',
      reportedRag: 'amber',
      commentary: 'Out-of-hours rota gap from December.',
      author: { name: 'Priya Shah', jobTitle: 'Head of First Response' },
    });
    // An update names no action (it is read with its action) and carries neither optional field here.
    expect(Object.keys(res.body.updates[0]).sort()).toEqual(
      ['author', 'commentary', 'createdAt', 'id', 'reportedRag', 'status'].sort(),
    );
    const last = auditRows(t.app).at(-1);
    expect(last).toMatchObject({
      event: 'create',
      entity_type: 'action_update',
      user_id: firstResponse.user.id,
    });
  });

  it('a lead cannot update someone else’s action: 403, nothing changes, the attempt is logged', async () => {
    const id = ids.actionId('3.3');
    const etag = await etagOf(firstResponse, id);
    const before = dbFingerprint(t.app);
    const res = await post(firstResponse, `/api/actions/${id}/updates`, update, etag);
    expect(expectProblem(res, 403).detail).toMatch(/You do not lead action 3\.3/);
    expect(dbFingerprint(t.app)).toBe(before);
    expect(auditRows(t.app).at(-1)).toMatchObject({
      event: 'access_denied',
      entity_type: 'action',
      entity_id: id,
      user_id: firstResponse.user.id,
    });
  });

  it.each(['adviser@example.org', 'viewer@example.org'])(
    '%s cannot post an update (403) and nothing changes',
    async (email) => {
      const s = await signIn(t.app, email);
      const id = ids.actionId('1.1');
      const etag = await etagOf(s, id);
      const before = dbFingerprint(t.app, { includeAudit: true });
      expectProblem(await post(s, `/api/actions/${id}/updates`, update, etag), 403);
      expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
    },
  );

  it('a missing If-Match gets 428 and a stale one 412, and nothing changes', async () => {
    const id = ids.actionId('1.1');
    const stale = await etagOf(firstResponse, id);
    expect((await post(firstResponse, `/api/actions/${id}/updates`, update, stale)).status).toBe(201);
    const before = dbFingerprint(t.app, { includeAudit: true });
    expectProblem(await post(firstResponse, `/api/actions/${id}/updates`, update), 428);
    expect(
      expectProblem(await post(firstResponse, `/api/actions/${id}/updates`, update, stale), 412).detail,
    ).toMatch(/changed since you opened it/);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });

  it('rejects a bad status, an empty commentary or an unknown field with field errors', async () => {
    const id = ids.actionId('1.1');
    const etag = await etagOf(firstResponse, id);
    const bad = expectProblem(
      await post(firstResponse, `/api/actions/${id}/updates`, { status: 'done', commentary: '' }, etag),
      400,
    );
    expect(bad.errors?.map((e) => e.path)).toEqual(
      expect.arrayContaining(['body.status', 'body.commentary']),
    );
    expectProblem(
      await post(firstResponse, `/api/actions/${id}/updates`, { ...update, mood: 'good' }, etag),
      400,
    );
  });

  it('an administrator records an update on a lead’s behalf; the record shows both; a lead may not', async () => {
    const id = ids.actionId('2.5');
    const smt = ids.leadId('Senior Management Team');
    const res = await post(
      admin,
      `/api/actions/${id}/updates`,
      { ...update, onBehalfOfLeadId: smt },
      await etagOf(admin, id),
    );
    expect(res.status).toBe(201);
    expect(res.body.updates[0].author.name).toBe('Sam Taylor');
    expect(res.body.updates[0].onBehalfOf).toEqual({ id: smt, name: 'Senior Management Team' });
    const own = ids.actionId('1.1');
    expectProblem(
      await post(
        firstResponse,
        `/api/actions/${own}/updates`,
        { ...update, onBehalfOfLeadId: ids.leadId('Head of First Response') },
        await etagOf(firstResponse, own),
      ),
      403,
    );
  });

  it('a correction is a new update naming the one it corrects; the original stays', async () => {
    const id = ids.actionId('1.1');
    const detail = await firstResponse.agent.get(`/api/actions/${id}`);
    const original = detail.body.updates[0];
    const res = await post(
      firstResponse,
      `/api/actions/${id}/updates`,
      {
        status: original.status,
        reportedRag: 'amber',
        commentary: 'Correction: the launch is the week after next.',
        correctsUpdateId: original.id,
      },
      detail.headers.etag,
    );
    expect(res.status).toBe(201);
    expect(res.body.updates[0].correctsUpdateId).toBe(original.id);
    expect(res.body.updates.find((u: { id: number }) => u.id === original.id).commentary).toBe(
      original.commentary,
    );
    const other = ids.actionId('1.2');
    const foreign = (await firstResponse.agent.get(`/api/actions/${other}`)).body.updates[0].id;
    expectProblem(
      await post(
        firstResponse,
        `/api/actions/${id}/updates`,
        { ...update, correctsUpdateId: foreign },
        res.headers.etag,
      ),
      400,
    );
  });
});

describe('overdue wins whatever the lead reported', () => {
  it('action 3.3 (due at the end of September) is Red, overdue by 54 days, in every view', async () => {
    const id = ids.actionId('3.3');
    const res = await post(
      hr,
      `/api/actions/${id}/updates`,
      { status: 'on_track', reportedRag: 'green', commentary: 'All fine really.' },
      await etagOf(hr, id),
    );
    expect(res.status).toBe(201);
    expect(res.body.dueDate).toBe('2026-09-30');
    expect(res.body.assessment.rag).toBe('red');
    expect(res.body.assessment.flags).toMatchObject({ overdue: true, daysOverdue: 54 });

    const list = await chair.agent.get(`/api/plans/${ids.planId}/actions?flag=overdue`);
    expect(list.body.items.find((a: { id: number }) => a.id === id).flags.daysOverdue).toBe(54);
    const mine = await hr.agent.get('/api/me/actions');
    expect(mine.body.items.find((a: { id: number }) => a.id === id)).toMatchObject({
      rag: 'red',
      flags: { overdue: true, daysOverdue: 54 },
    });
    const overview = await chair.agent.get(`/api/plans/${ids.planId}/overview`);
    expect(
      overview.body.overdue.map((a: { ref: string; assessment: { flags: { daysOverdue: number } } }) => [
        a.ref,
        a.assessment.flags.daysOverdue,
      ]),
    ).toEqual([
      ['3.3', 54],
      ['1.9', 23],
    ]);
  });

  it('due today is not overdue; the next day it is, by 1 day (London dates)', async () => {
    const id = ids.actionId('1.9');
    const dueDate = (await chair.agent.get(`/api/actions/${id}`)).body.dueDate;
    expect(dueDate).toBe('2026-10-31');
    t.clock.set('2026-10-31T23:30:00.000Z'); // 23:30 GMT on the 31st: due today
    expect((await chair.agent.get(`/api/actions/${id}`)).body.assessment.flags.overdue).toBe(false);
    t.clock.set('2026-11-01T00:00:00.000Z');
    expect((await chair.agent.get(`/api/actions/${id}`)).body.assessment.flags).toMatchObject({
      overdue: true,
      daysOverdue: 1,
    });
    t.clock.set('2026-11-23T12:00:00.000Z');
  });

  it('lists overdue actions most overdue first, and the list agrees with each action’s own rating', async () => {
    const overdue = (await chair.agent.get(`/api/plans/${ids.planId}/actions?flag=overdue&sort=days_overdue`))
      .body.items;
    type Row = { id: number; dueDate: string; flags: { overdue?: true; daysOverdue?: number } };
    const all = (await chair.agent.get(`/api/plans/${ids.planId}/actions?pageSize=200`)).body.items as Row[];
    const expected = all
      .filter((a) => a.flags.overdue)
      .sort(
        (a, b) =>
          b.flags.daysOverdue! - a.flags.daysOverdue! || a.dueDate.localeCompare(b.dueDate) || a.id - b.id,
      )
      .map((a) => a.id);
    expect(overdue.map((a: { id: number }) => a.id)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    for (const row of overdue as Row[]) {
      const own = (await chair.agent.get(`/api/actions/${row.id}`)).body;
      expect(own.assessment).toMatchObject({
        rag: 'red',
        flags: { overdue: true, daysOverdue: row.flags.daysOverdue },
      });
    }
  });
});

describe('timeframe changes', () => {
  it('an approved change moves the due date, keeps the original, and shows how far it slipped', async () => {
    const id = ids.actionId('2.2');
    const before = (await qa.agent.get(`/api/actions/${id}`)).body;
    expect(before.dueDate).toBe('2027-01-31');
    const asked = await post(
      qa,
      `/api/actions/${id}/due-date-changes`,
      { toDate: '2027-03-31', reason: 'Two teams still miss their monthly audits.' },
      await etagOf(qa, id),
    );
    expect(asked.status).toBe(201);
    expect(asked.body.dueDate).toBe('2027-01-31');
    const change = asked.body.dueDateChanges[0];
    expect(change).toMatchObject({
      fromDate: '2027-01-31',
      toDate: '2027-03-31',
      decision: 'pending',
      requestedBy: { name: 'Aisha Rahman' },
    });

    const again = await post(
      qa,
      `/api/actions/${id}/due-date-changes`,
      { toDate: '2027-04-30', reason: 'x' },
      asked.headers.etag,
    );
    expect(expectProblem(again, 409).detail).toMatch(/waiting for the chair's decision/);
    expectProblem(
      await post(
        qa,
        `/api/actions/${id}/due-date-changes/${change.id}/decision`,
        { decision: 'approved' },
        asked.headers.etag,
      ),
      403,
    );

    const approved = await post(
      chair,
      `/api/actions/${id}/due-date-changes/${change.id}/decision`,
      { decision: 'approved', comment: 'Agreed.' },
      asked.headers.etag,
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ originalDueDate: '2027-01-31', dueDate: '2027-03-31' });
    expect(approved.body.assessment.flags).toMatchObject({
      timeframeRevised: true,
      revisions: 1,
      slipDays: 59,
    });
    expect(approved.body.dueDateChanges[0]).toMatchObject({
      decision: 'approved',
      decidedBy: { name: 'Dr Margaret Ellis' },
      decisionComment: 'Agreed.',
    });
  });

  it('a rejected change changes nothing but stays in the history; rejecting needs a comment', async () => {
    const id = ids.actionId('2.1');
    const asked = await post(
      qa,
      `/api/actions/${id}/due-date-changes`,
      { toDate: '2027-06-30', reason: 'Waiting for 2.2.' },
      await etagOf(qa, id),
    );
    const change = asked.body.dueDateChanges[0];
    expectProblem(
      await post(
        chair,
        `/api/actions/${id}/due-date-changes/${change.id}/decision`,
        { decision: 'rejected' },
        asked.headers.etag,
      ),
      400,
    );
    const rejected = await post(
      chair,
      `/api/actions/${id}/due-date-changes/${change.id}/decision`,
      { decision: 'rejected', comment: 'Start on the standards now.' },
      asked.headers.etag,
    );
    expect(rejected.status).toBe(200);
    expect(rejected.body.dueDate).toBe(asked.body.dueDate);
    expect(rejected.body.assessment.flags.revisions).toBe(0);
    expect(rejected.body.dueDateChanges[0]).toMatchObject({
      decision: 'rejected',
      decisionComment: 'Start on the standards now.',
    });
    expectProblem(
      await post(
        chair,
        `/api/actions/${id}/due-date-changes/${change.id}/decision`,
        { decision: 'approved' },
        rejected.headers.etag,
      ),
      409,
    );
  });
});

describe('completion and sign-off', () => {
  it('complete → awaiting sign-off; no sign-off without accepted completion evidence; then Blue', async () => {
    const id = ids.actionId('1.1');
    const marked = await post(
      firstResponse,
      `/api/actions/${id}/updates`,
      { status: 'complete', commentary: 'Protocol launched on 20 November.' },
      await etagOf(firstResponse, id),
    );
    expect(marked.body.assessment).toMatchObject({ rag: 'green', flags: { awaitingSignOff: true } });
    expectProblem(
      await post(
        firstResponse,
        `/api/actions/${id}/sign-off`,
        { decision: 'signed_off' },
        marked.headers.etag,
      ),
      403,
    );
    const refused = await post(
      chair,
      `/api/actions/${id}/sign-off`,
      { decision: 'signed_off' },
      marked.headers.etag,
    );
    expect(expectProblem(refused, 422).detail).toMatch(/no accepted evidence of completion/);

    const e = await post(firstResponse, `/api/actions/${id}/evidence`, {
      kind: 'link',
      title: 'Protocol',
      purpose: 'completion',
      effectiveDate: '2026-11-20',
      url: 'https://intranet.example.org/protocol',
    });
    expect(e.status).toBe(201);
    expect(
      (
        await post(
          chair,
          `/api/evidence/${e.body.id}/review`,
          { decision: 'accepted', comment: 'Good.' },
          versionTag(t.app, 'evidence', e.body.id),
        )
      ).status,
    ).toBe(200);
    const signed = await post(
      chair,
      `/api/actions/${id}/sign-off`,
      { decision: 'signed_off' },
      await etagOf(chair, id),
    );
    expect(signed.status).toBe(200);
    expect(signed.body.assessment.rag).toBe('blue');
    expect(signed.body.signedOffBy.name).toBe('Dr Margaret Ellis');
    expect(signed.body.signOffs[0]).toMatchObject({ decision: 'signed_off' });
    expectProblem(await post(firstResponse, `/api/actions/${id}/updates`, update, signed.headers.etag), 409);
  });

  it('the chair sends an action back with a reason; it is no longer awaiting sign-off', async () => {
    const id = ids.actionId('1.5');
    const etag = await etagOf(chair, id);
    expectProblem(await post(chair, `/api/actions/${id}/sign-off`, { decision: 'returned' }, etag), 400);
    const back = await post(
      chair,
      `/api/actions/${id}/sign-off`,
      { decision: 'returned', reason: 'The audit covers 15 cases; the board asked for 30.' },
      etag,
    );
    expect(back.status).toBe(200);
    expect(back.body.status).toBe('on_track');
    expect(back.body.assessment.flags.awaitingSignOff).toBe(false);
    expect(back.body.signOffs[0]).toMatchObject({
      decision: 'returned',
      reason: 'The audit covers 15 cases; the board asked for 30.',
    });
    expect(back.body.updates[0].commentary).toMatch(/^Sent back by the chair/);
    expectProblem(
      await post(chair, `/api/actions/${id}/sign-off`, { decision: 'signed_off' }, back.headers.etag),
      409,
    );
  });
});

describe('two people at once', () => {
  it('concurrent updates from two sessions: every acknowledged update is stored, none is lost', async () => {
    const id = ids.actionId('2.4');
    const psw = await signIn(t.app, 'principal.social.worker@example.org');
    const acknowledged: string[] = [];
    const writer = async (s: SignedIn, name: string) => {
      for (let i = 0; i < 8;) {
        const etag = await etagOf(s, id);
        const commentary = `${name} update ${i}`;
        const res = await post(s, `/api/actions/${id}/updates`, { status: 'on_track', commentary }, etag);
        if (res.status === 201) {
          acknowledged.push(commentary);
          i++;
        } else expect(res.status).toBe(412);
      }
    };
    await Promise.all([writer(psw, 'lead'), writer(chair, 'chair')]);
    const stored = (await chair.agent.get(`/api/actions/${id}`)).body.updates.map(
      (u: { commentary: string }) => u.commentary,
    );
    expect(acknowledged).toHaveLength(16);
    for (const c of acknowledged) expect(stored).toContain(c);
  });

  it('a burst of posts with the same ETag: exactly one is acknowledged, the rest get 412, one row is written', async () => {
    const id = ids.actionId('1.10');
    const etag = await etagOf(chair, id);
    const count = () =>
      (
        t.app.sqlite.prepare('SELECT count(*) AS n FROM action_updates WHERE action_id = ?').get(id) as {
          n: number;
        }
      ).n;
    const before = count();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        post(
          i % 2 ? chair : admin,
          `/api/actions/${id}/updates`,
          { status: 'on_track', commentary: `burst ${i}` },
          etag,
        ),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(11);
    expect(count()).toBe(before + 1);
  });
});

describe('my actions and the chair’s overview', () => {
  it('a lead’s home lists their actions, those needing an update before the next cut-off first', async () => {
    const res = await qa.agent.get('/api/me/actions');
    expect(res.status).toBe(200);
    expect(res.body.nextMeeting).toMatchObject({ status: 'scheduled', meetingDate: '2026-12-15' });
    const items = res.body.items as {
      ref: string;
      updatedSinceCutoff: boolean;
      rag: string;
    }[];
    expect(items.map((a) => a.ref).sort()).toEqual(['1.7', '1.9', '2.1', '2.2', '2.3']);
    const firstUpdated = items.findIndex((a) => a.updatedSinceCutoff || a.rag === 'blue');
    expect(items.slice(firstUpdated).every((a) => a.updatedSinceCutoff || a.rag === 'blue')).toBe(true);
    expect(items[0]?.updatedSinceCutoff).toBe(false);
  });

  it('every Red action is in one of the chair’s lists: those in no other list are listed as Red', async () => {
    const res = await chair.agent.get(`/api/plans/${ids.planId}/overview`);
    expect(res.status).toBe(200);
    type A = { id: number; ref: string; assessment: { rag: string } };
    const body = res.body as {
      counts: { red: number };
      overdue: A[];
      worsened: { action: A }[];
      noUpdate: A[];
      awaitingSignOff: A[];
      otherRed: A[];
    };
    const elsewhere = new Set(
      [...body.overdue, ...body.worsened.map((w) => w.action), ...body.noUpdate, ...body.awaitingSignOff].map(
        (a) => a.id,
      ),
    );
    // 1.3 is Red, neither overdue nor worse since the last meeting, and updated: only this list has it.
    expect(body.otherRed.map((a) => a.ref)).toContain('1.3');
    expect(elsewhere.has(ids.actionId('1.3'))).toBe(false);
    expect(body.otherRed.every((a) => a.assessment.rag === 'red' && !elsewhere.has(a.id))).toBe(true);
    const redSomewhere = [
      ...body.otherRed,
      ...body.overdue,
      ...body.worsened.map((w) => w.action),
      ...body.noUpdate,
      ...body.awaitingSignOff,
    ].filter((a) => a.assessment.rag === 'red');
    expect(new Set(redSomewhere.map((a) => a.id)).size).toBe(body.counts.red);
  });

  it('the chair sees pending timeframe requests and filters the overview by lead', async () => {
    const res = await chair.agent.get(
      `/api/plans/${ids.planId}/overview?lead=${ids.leadId('Head of Quality Assurance')}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.pendingTimeframeRequests.map((p: { action: { ref: string } }) => p.action.ref)).toEqual([
      '1.9',
    ]);
    expect(res.body.overdue.map((a: { ref: string }) => a.ref)).toEqual(['1.9']);
    expect(
      res.body.worsened.map((w: { action: { ref: string }; previousRag: string }) => [
        w.action.ref,
        w.previousRag,
      ]),
    ).toContainEqual(['1.9', 'amber']);
    const total = Object.values(res.body.counts as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(total).toBe(5);
  });
});
