/**
 * The board's record through the API: narrative (before the cut-off, If-Match, frozen at lock), the risk
 * register (scores, bands, reviews, movement), decisions and board actions (matters arising until closed),
 * each change audited, and a locked meeting's record that nothing done afterwards changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardRecord, RiskDetail } from '@ipt/shared/schemas';
import {
  auditRows,
  buildTestApp,
  dbFingerprint,
  expectProblem,
  signIn,
  type SignedIn,
  type TestApp,
} from '../helpers/app.js';
import { demoIds, post, type DemoIds } from '../helpers/demo.js';

let t: TestApp;
let ids: DemoIds;
let admin: SignedIn;
let chair: SignedIn;
let lead: SignedIn;
let meetings: { id: number; status: string; meetingDate: string; papersCutoff: string; title: string }[];

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin@example.org');
  chair = await signIn(t.app, 'chair@example.org');
  lead = await signIn(t.app, 'head.of.first.response@example.org');
  ids = await demoIds(admin);
  meetings = (await chair.agent.get(`/api/plans/${ids.planId}/meetings`)).body.items;
});
afterAll(async () => {
  await t.close();
});

const recordOf = async (s: SignedIn, meetingId: number): Promise<BoardRecord> => {
  const res = await s.agent.get(`/api/meetings/${meetingId}/record`);
  expect(res.status).toBe(200);
  return res.body as BoardRecord;
};
const put = (s: SignedIn, url: string, body: object, etag?: string) => {
  const req = s.agent.put(url).set('x-csrf-token', s.csrf);
  if (etag) req.set('if-match', etag);
  return req.send(body);
};
const patch = (s: SignedIn, url: string, body: object, etag?: string) => {
  const req = s.agent.patch(url).set('x-csrf-token', s.csrf);
  if (etag) req.set('if-match', etag);
  return req.send(body);
};
const m4 = () => meetings[3]!;
const next = () => meetings[4]!;

describe('the demo record', () => {
  it('the latest locked meeting carries its summary, risks by score with movement, decisions and actions', async () => {
    const r = await recordOf(chair, m4().id);
    expect(r.frozen).toBe(true);
    expect(r.canWrite).toEqual({ summary: false, themeIds: [], decisions: false });
    expect(r.summary.text).toMatch(/agency social workers/);
    expect(r.themes[0]!.text).toMatch(/Front door/);
    expect(r.risks.map((x) => x.score)).toEqual([...r.risks.map((x) => x.score)].sort((a, b) => b - a));
    const agency = r.risks.find((x) => x.title === 'Reliance on agency social workers')!;
    expect(agency).toMatchObject({ score: 20, band: 'red', previousScore: 20, movement: 'unchanged' });
    expect(r.risks.find((x) => x.title.startsWith('Case recording'))).toMatchObject({
      score: 6,
      band: 'amber',
      previousScore: 9,
      movement: 'down',
    });
    expect(r.decisions).toHaveLength(1);
    expect(r.boardActions[0]).toMatchObject({ owner: 'Head of Finance', closed: null });
    expect(r.mattersArising).toHaveLength(1);
    expect(r.mattersArising[0]!.closed).toMatchObject({
      meetingId: m4().id,
      by: { name: 'Dr Margaret Ellis' },
    });
  });

  it('the open board action carries into the next meeting as a matter arising', async () => {
    const r = await recordOf(chair, next().id);
    expect(r.frozen).toBe(false);
    expect(r.mattersArising.map((i) => i.text)).toEqual([
      'ACTION: Head of Finance to bring the market-supplement options to the next meeting.',
    ]);
    const front = r.risks.find((x) => x.title.startsWith('Demand at the front door'))!;
    expect(front).toMatchObject({ score: 6, previousScore: 9, movement: 'down' });
  });
});

describe('narrative', () => {
  const summaryUrl = () => `/api/meetings/${next().id}/narrative/summary`;

  it('an administrator writes the executive summary with If-Match, versioned', async () => {
    const res = await put(admin, summaryUrl(), { text: 'First draft.' }, `"summary${next().id}-v0"`);
    expect(res.status).toBe(200);
    expect(res.body.summary).toMatchObject({
      text: 'First draft.',
      version: 1,
      updatedBy: { name: admin.user.name },
    });
    expectProblem(await put(admin, summaryUrl(), { text: 'Lost update' }, `"summary${next().id}-v0"`), 412);
    expectProblem(await put(admin, summaryUrl(), { text: 'No header' }), 428);
    const again = await put(admin, summaryUrl(), { text: 'Second draft.' }, `"summary${next().id}-v1"`);
    expect(again.body.summary.version).toBe(2);
    const audit = auditRows(t.app).filter((a) => a.entity_type === 'meeting_narrative');
    expect(audit.at(-1)).toMatchObject({ event: 'update', user_id: admin.user.id });
  });

  it('the chair cannot write the summary; a lead writes only their own theme’s narrative', async () => {
    expectProblem(await put(chair, summaryUrl(), { text: 'x' }, `"summary${next().id}-v2"`), 403);
    const r = await recordOf(lead, next().id);
    expect(r.canWrite.summary).toBe(false);
    expect(r.canWrite.themeIds).toHaveLength(1);
    const mine = r.canWrite.themeIds[0]!;
    const other = r.themes.find((x) => x.themeId !== mine)!.themeId!;
    const ok = await put(
      lead,
      `/api/meetings/${next().id}/narrative/themes/${mine}`,
      { text: 'Front door steady.' },
      `"themenarrative${mine}-v0"`,
    );
    expect(ok.status).toBe(200);
    expect(ok.body.themes.find((x: { themeId: number }) => x.themeId === mine).text).toBe(
      'Front door steady.',
    );
    expectProblem(
      await put(
        lead,
        `/api/meetings/${next().id}/narrative/themes/${other}`,
        { text: 'x' },
        `"themenarrative${other}-v0"`,
      ),
      403,
    );
  });

  it('after the papers cut-off the narrative is refused with a 409 saying why', async () => {
    const saved = t.clock.now();
    t.clock.set(new Date(new Date(next().papersCutoff).getTime() + 60_000));
    try {
      const late = await signIn(t.app, 'admin@example.org');
      const p = expectProblem(
        await put(late, summaryUrl(), { text: 'Too late' }, `"summary${next().id}-v2"`),
        409,
      );
      expect(p.detail).toMatch(/papers for this meeting closed/);
      expect((await recordOf(late, next().id)).canWrite.summary).toBe(false);
    } finally {
      t.clock.set(saved);
    }
  });

  it('a locked meeting’s narrative is refused', async () => {
    expectProblem(
      await put(admin, `/api/meetings/${m4().id}/narrative/summary`, { text: 'x' }, `"summary${m4().id}-v1"`),
      409,
    );
  });
});

describe('risk register', () => {
  let risk: RiskDetail;

  it('raises a risk with score and band, refusing a score out of range', async () => {
    const bad = await post(chair, `/api/plans/${ids.planId}/risks`, {
      title: 'x',
      owner: 'y',
      likelihood: 6,
      impact: 1,
    });
    expectProblem(bad, 400);
    expectProblem(
      await post(chair, `/api/plans/${ids.planId}/risks`, {
        title: 'x',
        owner: 'y',
        likelihood: 2,
        impact: 2,
        actionIds: [999999],
      }),
      400,
    );
    const res = await post(chair, `/api/plans/${ids.planId}/risks`, {
      title: 'Court delays',
      owner: 'Head of Legal',
      likelihood: 3,
      impact: 4,
      mitigations: 'Weekly PLO tracker',
      actionIds: [ids.actionId('1.5')],
    });
    expect(res.status).toBe(201);
    risk = res.body;
    expect(risk).toMatchObject({ score: 12, band: 'amber', status: 'open', actions: [{ label: '1.5' }] });
    expectProblem(
      await post(admin, `/api/plans/${ids.planId}/risks`, { title: 'x', owner: 'y', likelihood: 2 }),
      400,
    );
    expectProblem(
      await post(lead, `/api/plans/${ids.planId}/risks`, {
        title: 'x',
        owner: 'y',
        likelihood: 2,
        impact: 2,
      }),
      403,
    );
  });

  it('a rescoring is a new review row: the history is kept, and the meeting shows the movement', async () => {
    expectProblem(
      await post(chair, `/api/risks/${risk.id}/reviews`, { likelihood: 4, impact: 4, note: 'x' }),
      428,
    );
    const res = await post(
      chair,
      `/api/risks/${risk.id}/reviews`,
      { likelihood: 4, impact: 4, note: 'Two hearings adjourned' },
      `"risk${risk.id}-v1"`,
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ score: 16, band: 'red', version: 2 });
    expect(res.body.reviews.map((v: { score: number }) => v.score)).toEqual([16, 12]);
    expectProblem(
      await post(
        chair,
        `/api/risks/${risk.id}/reviews`,
        { likelihood: 1, impact: 1, note: 'x' },
        `"risk${risk.id}-v1"`,
      ),
      412,
    );
    const r = await recordOf(chair, next().id);
    expect(r.risks.find((x) => x.riskId === risk.id)).toMatchObject({ score: 16, movement: 'new' });
    expect(r.risks[0]!.score).toBeGreaterThanOrEqual(16);
    expect(
      auditRows(t.app)
        .filter((a) => a.entity_type === 'risk' && a.entity_id === risk.id)
        .map((a) => a.event),
    ).toEqual(['create', 'review']);
  });

  it('a draft plan’s risks are the programme office’s alone', async () => {
    const draft = (await post(admin, '/api/plans', { title: 'Draft plan for risks' })).body;
    const res = await post(admin, `/api/plans/${draft.id}/risks`, {
      title: 'Draft risk',
      owner: 'Head of Service',
      likelihood: 2,
      impact: 2,
    });
    expect(res.status).toBe(201);
    expect((await admin.agent.get(`/api/risks/${res.body.id}`)).status).toBe(200);
    expectProblem(await chair.agent.get(`/api/risks/${res.body.id}`), 404);
    expectProblem(await chair.agent.get(`/api/plans/${draft.id}/risks`), 404);
  });

  it('closing archives it: kept in the register, gone from the meeting’s list', async () => {
    const res = await patch(chair, `/api/risks/${risk.id}`, { status: 'closed' }, `"risk${risk.id}-v2"`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('closed');
    const list = (await chair.agent.get(`/api/plans/${ids.planId}/risks`)).body.items as RiskDetail[];
    expect(list.at(-1)!.id).toBe(risk.id);
    expect((await recordOf(chair, next().id)).risks.some((x) => x.riskId === risk.id)).toBe(false);
    expectProblem(
      await post(
        chair,
        `/api/risks/${risk.id}/reviews`,
        { likelihood: 1, impact: 1, note: 'x' },
        `"risk${risk.id}-v3"`,
      ),
      409,
    );
  });

  it('its wording and links change with If-Match, audited with before and after; a closed one is refused', async () => {
    const etag = async () => (await chair.agent.get(`/api/risks/${risk.id}`)).headers.etag as string;
    const closedTag = await etag();
    const fingerprint = dbFingerprint(t.app, { includeAudit: true });
    const p = expectProblem(
      await patch(chair, `/api/risks/${risk.id}`, { title: 'Court delays worsen' }, closedTag),
      409,
    );
    expect(p.detail).toMatch(/closed on .*Reopen it/);
    expectProblem(await patch(chair, `/api/risks/${risk.id}`, { title: 'No If-Match' }), 428);
    expectProblem(
      await patch(
        chair,
        `/api/risks/${risk.id}`,
        { title: 'x', actionIds: [999_999], status: 'open' },
        closedTag,
      ),
      400,
    );
    expectProblem(await patch(chair, `/api/risks/${risk.id}`, { title: '' }, closedTag), 400);
    expectProblem(await patch(lead, `/api/risks/${risk.id}`, { title: 'A lead' }, closedTag), 403);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(fingerprint);

    const reopened = await patch(
      chair,
      `/api/risks/${risk.id}`,
      {
        status: 'open',
        title: 'Court delays hold up care proceedings',
        actionIds: [ids.actionId('1.5'), ids.actionId('2.1')],
        recommendationIds: [],
      },
      closedTag,
    );
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({
      status: 'open',
      title: 'Court delays hold up care proceedings',
      recommendations: [],
    });
    expect((reopened.body as RiskDetail).actions.map((a) => a.label)).toEqual(['1.5', '2.1']);
    expectProblem(await patch(chair, `/api/risks/${risk.id}`, { owner: 'Stale' }, closedTag), 412);
    const audit = t.app.sqlite
      .prepare(
        "SELECT event, user_id, before, after FROM audit_log WHERE entity_type = 'risk' ORDER BY id DESC",
      )
      .get() as { event: string; user_id: number; before: string; after: string };
    expect(audit).toMatchObject({ event: 'reopen', user_id: chair.user.id });
    expect(JSON.parse(audit.before)).toMatchObject({ title: 'Court delays' });
    expect(JSON.parse(audit.after)).toMatchObject({ title: 'Court delays hold up care proceedings' });
  });
});

describe('decisions and board actions', () => {
  it('a board action needs an owner and a due date; a locked meeting takes none', async () => {
    const p = expectProblem(
      await post(chair, `/api/meetings/${next().id}/board-items`, {
        kind: 'action',
        text: 'ACTION: someone',
      }),
      400,
    );
    expect(p.errors?.[0]?.path).toBe('body.owner');
    expectProblem(
      await post(chair, `/api/meetings/${m4().id}/board-items`, { kind: 'decision', text: 'Late' }),
      409,
    );
    expectProblem(
      await post(lead, `/api/meetings/${next().id}/board-items`, { kind: 'decision', text: 'x' }),
      403,
    );
  });

  it('closing the carried action at the next meeting records who, when and where, and leaves the locked meeting as it was', async () => {
    const before = JSON.stringify(await recordOf(chair, m4().id));
    const arising = (await recordOf(chair, next().id)).mattersArising[0]!;
    expectProblem(
      await post(
        chair,
        `/api/board-actions/${arising.id}/close`,
        { meetingId: m4().id },
        `"boardaction${arising.id}-v1"`,
      ),
      409,
    );
    const res = await post(
      chair,
      `/api/board-actions/${arising.id}/close`,
      { meetingId: next().id, note: 'Options paper received' },
      `"boardaction${arising.id}-v1"`,
    );
    expect(res.status).toBe(200);
    expect(res.body.mattersArising[0].closed).toMatchObject({
      meetingId: next().id,
      note: 'Options paper received',
      by: { id: chair.user.id },
    });
    expect(JSON.stringify(await recordOf(chair, m4().id))).toBe(before);
    expectProblem(
      await post(
        chair,
        `/api/board-actions/${arising.id}/close`,
        { meetingId: next().id },
        `"boardaction${arising.id}-v2"`,
      ),
      409,
    );
    expect(
      auditRows(t.app)
        .filter((a) => a.entity_type === 'board_action')
        .at(-1),
    ).toMatchObject({ event: 'close', user_id: chair.user.id });
  });
});

describe('locking freezes the record', () => {
  it('after lock, narrative, risks and board items changed later leave the meeting’s record unchanged', async () => {
    const m = next();
    const rec = await post(chair, `/api/meetings/${m.id}/board-items`, {
      kind: 'action',
      text: 'ACTION: Head of Service to report on court delays',
      owner: 'Head of Service',
      dueDate: '2027-01-31',
    });
    expect(rec.status).toBe(201);
    t.clock.set(new Date(new Date(`${m.meetingDate}T18:00:00Z`).getTime()));
    chair = await signIn(t.app, 'chair@example.org');
    expect((await post(chair, `/api/meetings/${m.id}/lock`, {})).status).toBe(200);
    const frozen = await recordOf(chair, m.id);
    const exportOf = async (format: 'json' | 'csv') => {
      const res = await chair.agent
        .get(`/api/plans/${ids.planId}/export?format=${format}&meeting=${m.id}`)
        .buffer(true);
      expect(res.status).toBe(200);
      return format === 'json' ? JSON.stringify({ ...res.body, producedAt: null }) : String(res.text);
    };
    const [jsonBefore, csvBefore] = [await exportOf('json'), await exportOf('csv')];
    expect(frozen.frozen).toBe(true);
    expect(frozen.boardActions.map((i) => i.owner)).toEqual(['Head of Service']);
    const agency = (await chair.agent.get(`/api/plans/${ids.planId}/risks`)).body.items.find(
      (r: RiskDetail) => r.title.startsWith('Reliance'),
    );
    await post(
      chair,
      `/api/risks/${agency.id}/reviews`,
      { likelihood: 1, impact: 1, note: 'Rescored after' },
      `"risk${agency.id}-v${agency.version}"`,
    );
    const later = await post(chair, `/api/plans/${ids.planId}/meetings`, { meetingDate: '2027-03-02' });
    expect(later.status).toBe(201);
    const item = frozen.boardActions[0]!;
    expect(
      (
        await post(
          chair,
          `/api/board-actions/${item.id}/close`,
          { meetingId: later.body.id },
          `"boardaction${item.id}-v1"`,
        )
      ).status,
    ).toBe(200);
    expect(await recordOf(chair, m.id)).toEqual(frozen);
    expect(await exportOf('json')).toBe(jsonBefore);
    expect(await exportOf('csv')).toBe(csvBefore);
    const after = await recordOf(chair, later.body.id);
    expect(after.mattersArising.find((i) => i.id === item.id)?.closed?.meetingId).toBe(later.body.id);
    expect(after.risks.find((r) => r.riskId === agency.id)).toMatchObject({
      score: 1,
      previousScore: 20,
      movement: 'down',
    });
  });
});

describe('withdrawing a decision or board action recorded in error', () => {
  let later: { id: number; title: string };
  let further: number;
  let decisionId: number;
  let actionId: number;
  const ACTION_TEXT = 'ACTION: Head of HR to circulate the wrong minutes';
  const DECISION_TEXT = 'Decision recorded against the wrong meeting';
  const withdraw = (s: SignedIn, id: number, body: object, etag?: string) =>
    post(s, `/api/board-items/${id}/withdraw`, body, etag);

  beforeAll(async () => {
    // The clock moved on above: sign in again. The meeting ahead once the one above was locked, and one
    // after it to carry matters arising.
    chair = await signIn(t.app, 'chair@example.org');
    lead = await signIn(t.app, 'head.of.first.response@example.org');
    const all = (await chair.agent.get(`/api/plans/${ids.planId}/meetings`)).body.items as typeof meetings;
    later = all.filter((m) => m.status !== 'locked').at(0)!;
    const res = await post(chair, `/api/plans/${ids.planId}/meetings`, { meetingDate: '2027-04-13' });
    expect(res.status).toBe(201);
    further = res.body.id as number;
    const decision = await post(chair, `/api/meetings/${later.id}/board-items`, {
      kind: 'decision',
      text: DECISION_TEXT,
    });
    const action = await post(chair, `/api/meetings/${later.id}/board-items`, {
      kind: 'action',
      text: ACTION_TEXT,
      owner: 'Head of HR',
      dueDate: '2027-03-31',
    });
    expect([decision.status, action.status]).toEqual([201, 201]);
    decisionId = (decision.body as BoardRecord).decisions.find((d) => d.text === DECISION_TEXT)!.id;
    actionId = (action.body as BoardRecord).boardActions.find((d) => d.text === ACTION_TEXT)!.id;
    expect((await recordOf(chair, further)).mattersArising.map((i) => i.id)).toContain(actionId);
  });

  it('refuses bad input with a problem that says what to fix, and writes nothing', async () => {
    const before = dbFingerprint(t.app, { includeAudit: true });
    expectProblem(await withdraw(chair, actionId, { reason: 'No If-Match' }), 428);
    expectProblem(await withdraw(chair, actionId, { reason: 'Stale' }, `"boarditem${actionId}-v9"`), 412);
    expectProblem(
      await withdraw(chair, actionId, { reason: 'Wrong kind' }, `"boardaction${actionId}-v1"`),
      412,
    );
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(5000) }, { why: 'x' }]) {
      const p = expectProblem(await withdraw(chair, actionId, body, `"boarditem${actionId}-v1"`), 400);
      expect(p.errors?.[0]?.path ?? p.detail, JSON.stringify(body)).toMatch(/reason|body/);
    }
    expectProblem(await withdraw(lead, actionId, { reason: 'A lead' }, `"boarditem${actionId}-v1"`), 403);
    expectProblem(await withdraw(chair, 999_999, { reason: 'None' }, `"boarditem999999-v1"`), 404);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });

  it('marks the item withdrawn with who, when and why; it leaves matters arising and the pack, and is audited', async () => {
    const res = await withdraw(
      chair,
      actionId,
      { reason: 'Recorded against the wrong meeting' },
      `"boarditem${actionId}-v1"`,
    );
    expect(res.status).toBe(200);
    const record = res.body as BoardRecord;
    expect(record.boardActions.map((i) => i.id)).not.toContain(actionId);
    expect(record.withdrawn.find((i) => i.id === actionId)?.withdrawn).toMatchObject({
      by: { id: chair.user.id },
      at: t.clock.now().toISOString(),
      reason: 'Recorded against the wrong meeting',
    });
    expect((await recordOf(chair, further)).mattersArising.map((i) => i.id)).not.toContain(actionId);
    const pack = (await chair.agent.get(`/api/plans/${ids.planId}/export?format=csv&meeting=${later.id}`))
      .text;
    expect(pack).not.toContain(ACTION_TEXT);
    expect(pack).toContain(DECISION_TEXT);
    expect(auditRows(t.app).at(-1)).toMatchObject({
      event: 'withdraw',
      entity_type: 'board_action',
      entity_id: actionId,
      user_id: chair.user.id,
    });
    // Once withdrawn: neither withdrawn again nor closed.
    expectProblem(await withdraw(chair, actionId, { reason: 'Again' }, `"boarditem${actionId}-v2"`), 409);
    expectProblem(
      await post(
        chair,
        `/api/board-actions/${actionId}/close`,
        { meetingId: further },
        `"boardaction${actionId}-v2"`,
      ),
      409,
    );
    // A decision is withdrawn the same way.
    const d = await withdraw(chair, decisionId, { reason: 'Duplicate' }, `"boarditem${decisionId}-v1"`);
    expect(d.status).toBe(200);
    expect((d.body as BoardRecord).decisions.map((i) => i.id)).not.toContain(decisionId);
    expect(auditRows(t.app).at(-1)).toMatchObject({ event: 'withdraw', entity_type: 'board_decision' });
  });

  it('is refused for an item of a locked meeting, whose record and pack stay as they were', async () => {
    const locked = m4();
    const before = JSON.stringify(await recordOf(chair, locked.id));
    const csvBefore = (
      await chair.agent.get(`/api/plans/${ids.planId}/export?format=csv&meeting=${locked.id}`)
    ).text;
    const item = (await recordOf(chair, locked.id)).decisions[0]!;
    const fingerprint = dbFingerprint(t.app, { includeAudit: true });
    const p = expectProblem(
      await withdraw(chair, item.id, { reason: 'Too late' }, `"boarditem${item.id}-v${item.version}"`),
      409,
    );
    expect(p.detail).toMatch(/is locked/);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(fingerprint);
    expect(JSON.stringify(await recordOf(chair, locked.id))).toBe(before);
    const csvAfter = (
      await chair.agent.get(`/api/plans/${ids.planId}/export?format=csv&meeting=${locked.id}`)
    ).text;
    expect(csvAfter.replace(/Produced[^\r\n]*/g, '')).toBe(csvBefore.replace(/Produced[^\r\n]*/g, ''));
  });
});
