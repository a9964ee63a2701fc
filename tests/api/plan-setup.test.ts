/**
 * Setting a plan up and running several side by side: status draft → live → closed, drafts seen by
 * administrators only, reordering themes and areas under If-Match, links answering a recommendation in full
 * or in part, the timeframe check for forms, the plan each person last chose, a plan's own papers cut-off,
 * and a lead's actions grouped by plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditRows,
  buildTestApp,
  dbFingerprint,
  expectProblem,
  signIn,
  type SignedIn,
  type TestApp,
} from '../helpers/app.js';

let t: TestApp;
let admin: SignedIn;
let chair: SignedIn;
let lead: SignedIn;
let demoPlanId: number;

const LEAD_EMAIL = 'head.of.first.response@example.org';

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin@example.org');
  chair = await signIn(t.app, 'chair@example.org');
  lead = await signIn(t.app, LEAD_EMAIL);
  demoPlanId = (await admin.agent.get('/api/plans')).body.items[0].id;
});
afterAll(async () => {
  await t.close();
});

type Agent = SignedIn;
const etag = (kind: string, r: { id: number; version: number }) => `"${kind}${r.id}-v${r.version}"`;

async function post(who: Agent, url: string, body: unknown, ifMatch?: string) {
  const req = who.agent.post(url).set('x-csrf-token', who.csrf);
  if (ifMatch) req.set('if-match', ifMatch);
  return req.send(body as object);
}
async function patch(who: Agent, url: string, body: unknown, ifMatch?: string) {
  const req = who.agent.patch(url).set('x-csrf-token', who.csrf);
  if (ifMatch) req.set('if-match', ifMatch);
  return req.send(body as object);
}
async function put(who: Agent, url: string, body: unknown, ifMatch?: string) {
  const req = who.agent.put(url).set('x-csrf-token', who.csrf);
  if (ifMatch) req.set('if-match', ifMatch);
  return req.send(body as object);
}

/** A draft plan with a source, two recommendations, two themes (two areas in the first) and no action. */
async function draftPlan(title: string) {
  const plan = (await post(admin, '/api/plans', { title, phase: 'Phase 1', papersCutoffDays: 3 })).body;
  const source = (
    await post(admin, '/api/sources', {
      kind: 'peer_review',
      title: `${title} peer review`,
      issuedOn: '2026-06-01',
      planIds: [plan.id],
    })
  ).body;
  const recs = [];
  for (const number of ['1', '2']) {
    recs.push(
      (await post(admin, '/api/recommendations', { sourceId: source.id, number, text: `Do thing ${number}` }))
        .body,
    );
  }
  await post(admin, `/api/plans/${plan.id}/themes`, { title: 'Practice' });
  const themes = (await post(admin, `/api/plans/${plan.id}/themes`, { title: 'People' })).body;
  await post(admin, `/api/themes/${themes[0].id}/areas`, { title: 'Front door' });
  const withAreas = (await post(admin, `/api/themes/${themes[0].id}/areas`, { title: 'Care' })).body;
  return {
    plan,
    source,
    recs,
    themes: withAreas as { id: number; version: number; areas: { id: number; version: number }[] }[],
  };
}

describe('plan status: draft → live → closed', () => {
  it('refuses to make a plan with no action live (409, nothing changed), then makes it live with one, audited', async () => {
    const { plan, themes, recs } = await draftPlan('SEND written statement of action');
    expect(plan).toMatchObject({ status: 'draft', papersCutoffDays: 3 });

    const before = dbFingerprint(t.app);
    const refused = await patch(admin, `/api/plans/${plan.id}`, { status: 'active' }, etag('plan', plan));
    expect(expectProblem(refused, 409).detail).toMatch(/at least one action/);
    expect(dbFingerprint(t.app)).toBe(before);

    const action = await post(admin, `/api/plans/${plan.id}/actions`, {
      ref: '1.1',
      areaId: themes[0]!.areas[0]!.id,
      objective: 'Every child with an EHC plan has it reviewed on time',
      leadIds: [lead.user.leadId],
      timeframe: 'Jul 2026 – Mar 2027',
      recommendations: [{ recommendationId: recs[0].id, coverage: 'part', scopeNote: 'annual reviews only' }],
    });
    expect(action.status).toBe(201);

    const current = (await admin.agent.get(`/api/plans/${plan.id}`)).body;
    const auditBefore = auditRows(t.app).length;
    const live = await patch(admin, `/api/plans/${plan.id}`, { status: 'active' }, etag('plan', current));
    expect(live.status).toBe(200);
    expect(live.body.status).toBe('active');
    expect(
      auditRows(t.app)
        .slice(auditBefore)
        .map((a) => [a.event, a.entity_type, a.user_id]),
    ).toEqual([['status_active', 'plan', admin.user.id]]);

    // Making it live hides no other plan: both are live, and the chair sees both.
    const seen = (await chair.agent.get('/api/plans')).body.items as { id: number; status: string }[];
    expect(seen.filter((p) => p.status === 'active').map((p) => p.id)).toEqual(
      expect.arrayContaining([demoPlanId, plan.id]),
    );

    const back = await patch(admin, `/api/plans/${plan.id}`, { status: 'draft' }, etag('plan', live.body));
    expect(expectProblem(back, 409).detail).toMatch(/draft to live to closed/);

    const closed = await patch(admin, `/api/plans/${plan.id}`, { status: 'closed' }, etag('plan', live.body));
    expect(closed.status).toBe(200);
    const after = await patch(
      admin,
      `/api/plans/${plan.id}`,
      { title: 'Renamed' },
      etag('plan', closed.body),
    );
    expect(expectProblem(after, 409).detail).toMatch(/closed/);

    // Closed, it stays readable with its meetings, and the other plan is untouched.
    expect((await chair.agent.get(`/api/plans/${plan.id}`)).status).toBe(200);
    expect((await chair.agent.get(`/api/plans/${plan.id}/meetings`)).status).toBe(200);
    expect((await chair.agent.get(`/api/plans/${demoPlanId}`)).body.status).toBe('active');
  });

  it('refuses a papers cut-off outside 0–60 days with problem+json, nothing written', async () => {
    const before = dbFingerprint(t.app, { includeAudit: true });
    const res = await post(admin, '/api/plans', { title: 'Bad', papersCutoffDays: 99 });
    const body = expectProblem(res, 400);
    expect(body.errors?.[0]?.path).toMatch(/papersCutoffDays/);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });

  it('only administrators change a plan’s status', async () => {
    const plan = (await admin.agent.get(`/api/plans/${demoPlanId}`)).body;
    for (const who of [chair, lead]) {
      const before = dbFingerprint(t.app);
      expectProblem(
        await patch(who, `/api/plans/${demoPlanId}`, { status: 'closed' }, etag('plan', plan)),
        403,
      );
      expect(dbFingerprint(t.app)).toBe(before);
    }
  });

  it('schedules a meeting with the plan’s own papers cut-off by default', async () => {
    const { plan } = await draftPlan('Cut-off plan');
    const res = await post(admin, `/api/plans/${plan.id}/meetings`, { meetingDate: '2027-01-20' });
    expect(res.status).toBe(201);
    // Three days before, at 17:00 UK time (GMT in January).
    expect(res.body.papersCutoff).toBe('2027-01-17T17:00:00.000Z');
  });
});

describe('drafts are seen by administrators only', () => {
  it('hides a draft from every other role: not listed, and 404 for it and everything under it', async () => {
    const { plan } = await draftPlan('Hidden draft');
    expect(((await admin.agent.get('/api/plans')).body.items as { id: number }[]).map((p) => p.id)).toContain(
      plan.id,
    );
    expect((await admin.agent.get(`/api/plans/${plan.id}/themes`)).status).toBe(200);
    for (const who of [chair, lead]) {
      const ids = ((await who.agent.get('/api/plans')).body.items as { id: number }[]).map((p) => p.id);
      expect(ids).not.toContain(plan.id);
      for (const path of ['', '/themes', '/actions', '/meetings', '/overview', '/rag-history']) {
        expectProblem(await who.agent.get(`/api/plans/${plan.id}${path}`), 404);
      }
    }
  });
});

describe('reordering themes and areas', () => {
  it('puts themes in a new order under the plan’s If-Match: 428 without, 412 stale, 400 for a wrong list, audited', async () => {
    const { plan, themes } = await draftPlan('Reorder plan');
    const ids = themes.map((th) => th.id);
    const url = `/api/plans/${plan.id}/theme-order`;
    const reversed = [...ids].reverse();

    const before = dbFingerprint(t.app, { includeAudit: true });
    expectProblem(await put(admin, url, { themeIds: reversed }), 428);
    expectProblem(await put(admin, url, { themeIds: reversed }, etag('plan', { ...plan, version: 99 })), 412);
    const wrong = expectProblem(await put(admin, url, { themeIds: [ids[0]] }, etag('plan', plan)), 400);
    expect(wrong.errors?.[0]?.message).toMatch(/list every live theme once/);
    expectProblem(await put(chair, url, { themeIds: reversed }, etag('plan', plan)), 403);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);

    const auditBefore = auditRows(t.app).length;
    const current = (await admin.agent.get(`/api/plans/${plan.id}`)).body;
    const res = await put(admin, url, { themeIds: reversed }, etag('plan', current));
    expect(res.status).toBe(200);
    expect(res.body.map((th: { id: number }) => th.id)).toEqual(reversed);
    // The answer is the themes in order, not the plan: no ETag (the OpenAPI document declares none either).
    expect(res.headers.etag).toBeUndefined();
    expect((await admin.agent.get(`/api/plans/${plan.id}`)).body.version).toBe(current.version + 1);
    expect(
      auditRows(t.app)
        .slice(auditBefore)
        .map((a) => [a.event, a.entity_type, a.entity_id]),
    ).toEqual([['reorder', 'plan', plan.id]]);
  });

  it('puts a theme’s areas in a new order under the theme’s If-Match', async () => {
    const { plan, themes } = await draftPlan('Area order plan');
    const theme = themes[0]!;
    const areaIds = theme.areas.map((a) => a.id).reverse();
    const url = `/api/themes/${theme.id}/area-order`;
    expectProblem(await put(admin, url, { areaIds }), 428);
    const res = await put(admin, url, { areaIds }, etag('theme', theme));
    expect(res.status).toBe(200);
    const after = res.body.find((th: { id: number }) => th.id === theme.id);
    expect(after.areas.map((a: { id: number }) => a.id)).toEqual(areaIds);
    expectProblem(await put(admin, url, { areaIds }, etag('theme', theme)), 412);
    expect(auditRows(t.app).at(-1)).toMatchObject({
      event: 'reorder',
      entity_type: 'theme',
      entity_id: theme.id,
    });
    expect(plan.id).toBeGreaterThan(0);
  });
});

describe('links answering a recommendation in full or in part', () => {
  it('keeps full or part and the scope note on the action and on the recommendation', async () => {
    const { plan, themes, recs } = await draftPlan('Links plan');
    const created = await post(admin, `/api/plans/${plan.id}/actions`, {
      ref: '2.1',
      areaId: themes[0]!.areas[1]!.id,
      objective: 'Care leavers have a personal adviser',
      leadIds: [lead.user.leadId],
      timeframe: 'Mar 2027',
      recommendations: [
        { recommendationId: recs[0].id },
        { recommendationId: recs[1].id, coverage: 'part', scopeNote: 'care leavers aged 21 to 25' },
      ],
    });
    expect(created.status).toBe(201);
    expect(
      created.body.recommendations.map((r: { coverage: string; scopeNote: string }) => [
        r.coverage,
        r.scopeNote,
      ]),
    ).toEqual([
      ['full', ''],
      ['part', 'care leavers aged 21 to 25'],
    ]);
    const rec = (await admin.agent.get(`/api/recommendations/${recs[1].id}`)).body;
    expect(rec.actions[0]).toMatchObject({ ref: '2.1', coverage: 'part' });

    const before = dbFingerprint(t.app, { includeAudit: true });
    const bad = await patch(
      admin,
      `/api/actions/${created.body.id}`,
      { recommendations: [{ recommendationId: recs[0].id, coverage: 'most' }] },
      etag('action', created.body),
    );
    expectProblem(bad, 400);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);

    const changed = await patch(
      admin,
      `/api/actions/${created.body.id}`,
      { recommendations: [{ recommendationId: recs[0].id, coverage: 'part', scopeNote: 'the east only' }] },
      etag('action', created.body),
    );
    expect(changed.status).toBe(200);
    expect(changed.body.recommendations).toEqual([
      expect.objectContaining({ id: recs[0].id, coverage: 'part', scopeNote: 'the east only' }),
    ]);
    expect(auditRows(t.app).at(-1)).toMatchObject({
      event: 'update',
      entity_type: 'action',
      user_id: admin.user.id,
    });
  });
});

describe('an action’s timeframe while setting up', () => {
  it('changes the dates while the plan is a draft, and refuses once it is live', async () => {
    const { plan, themes } = await draftPlan('Timeframe plan');
    const action = (
      await post(admin, `/api/plans/${plan.id}/actions`, {
        ref: '1.1',
        areaId: themes[0]!.areas[0]!.id,
        objective: 'Audit every case file',
        leadIds: [lead.user.leadId],
        timeframe: 'Mar 2027',
      })
    ).body;
    const bad = await patch(
      admin,
      `/api/actions/${action.id}`,
      { timeframe: 'soon' },
      etag('action', action),
    );
    expect(expectProblem(bad, 400).errors?.[0]?.path).toBe('body.timeframe');
    const ok = await patch(
      admin,
      `/api/actions/${action.id}`,
      { timeframe: 'Jan 2027 – Jun 2027' },
      etag('action', action),
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      startDate: '2027-01-01',
      dueDate: '2027-06-30',
      originalDueDate: '2027-06-30',
    });

    const current = (await admin.agent.get(`/api/plans/${plan.id}`)).body;
    expect(
      (await patch(admin, `/api/plans/${plan.id}`, { status: 'active' }, etag('plan', current))).status,
    ).toBe(200);
    const refused = await patch(
      admin,
      `/api/actions/${action.id}`,
      { timeframe: 'Dec 2027' },
      etag('action', ok.body),
    );
    expect(expectProblem(refused, 409).detail).toMatch(/request for a new due date/);
  });
});

describe('the timeframe check', () => {
  it('says what the parser reads, or what to write instead; administrators only', async () => {
    const read = await admin.agent.get('/api/timeframes/check').query({ text: 'Jul 2018 – Mar 2019' });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      ok: true,
      kind: 'dated',
      startDate: '2018-07-01',
      dueDate: '2019-03-31',
      message: null,
    });
    const wrong = await admin.agent.get('/api/timeframes/check').query({ text: 'by the summer' });
    expect(wrong.body).toMatchObject({ ok: false, kind: null });
    expect(wrong.body.message).toMatch(/write a month/);
    expectProblem(await lead.agent.get('/api/timeframes/check').query({ text: 'Mar 2019' }), 403);
    expectProblem(await admin.agent.get('/api/timeframes/check').query({ text: 'x'.repeat(101) }), 400);
  });
});

describe('the plan each person chose', () => {
  it('remembers it per person, and refuses a plan they cannot see', async () => {
    expect((await chair.agent.get('/api/me/plan')).body).toEqual({ planId: null });
    const res = await put(chair, '/api/me/plan', { planId: demoPlanId });
    expect(res.body).toEqual({ planId: demoPlanId });
    expect((await chair.agent.get('/api/me/plan')).body).toEqual({ planId: demoPlanId });
    expect((await admin.agent.get('/api/me/plan')).body).toEqual({ planId: null });

    const { plan } = await draftPlan('Chair cannot see');
    expectProblem(await put(chair, '/api/me/plan', { planId: plan.id }), 422);
    expectProblem(await put(chair, '/api/me/plan', { planId: 999999 }), 422);
    expect((await chair.agent.get('/api/me/plan')).body).toEqual({ planId: demoPlanId });
  });
});

describe('a lead’s actions across plans', () => {
  it('groups them by live plan, each with its own next meeting; drafts and closed plans left out', async () => {
    const { plan, themes } = await draftPlan('Second live plan');
    const created = await post(admin, `/api/plans/${plan.id}/actions`, {
      ref: '9.1',
      areaId: themes[0]!.areas[0]!.id,
      objective: 'Second plan action',
      leadIds: [lead.user.leadId],
      timeframe: 'Jun 2027',
    });
    const meeting = (await post(admin, `/api/plans/${plan.id}/meetings`, { meetingDate: '2027-02-10' })).body;

    // While a draft, it is not among the lead's plans.
    const draftMine = (await lead.agent.get('/api/me/actions').set('cache-control', 'no-cache')).body;
    expect(draftMine.plans.map((g: { plan: { id: number } }) => g.plan.id)).not.toContain(plan.id);

    const current = (await admin.agent.get(`/api/plans/${plan.id}`)).body;
    await patch(admin, `/api/plans/${plan.id}`, { status: 'active' }, etag('plan', current));
    const mine = (await lead.agent.get('/api/me/actions').set('cache-control', 'no-cache')).body;
    const byId = new Map(
      (mine.items as { id: number; ref: string; objective: string }[]).map((a) => [a.id, a]),
    );
    const groups = (
      mine.plans as {
        plan: { id: number; title: string };
        nextMeeting: { id: number } | null;
        actionIds: number[];
      }[]
    ).map((g) => ({ ...g, items: g.actionIds.map((id) => byId.get(id)!) }));
    // Every group is a live plan (earlier tests made others live too).
    expect(groups.map((g) => g.plan.id)).toEqual(expect.arrayContaining([demoPlanId, plan.id]));
    expect(groups.every((g) => (g as unknown as { plan: { status: string } }).plan.status === 'active')).toBe(
      true,
    );
    const second = groups.find((g) => g.plan.id === plan.id)!;
    expect(second.nextMeeting?.id).toBe(meeting.id);
    expect(second.plan.title).toBe('Second live plan');
    expect(second.items.map((a) => [a.id, a.ref, a.objective])).toEqual([
      [created.body.id, '9.1', 'Second plan action'],
    ]);
    const first = groups.find((g) => g.plan.id === demoPlanId)!;
    expect(first.nextMeeting).not.toBeNull();
    const demoIds = new Set(
      (await admin.agent.get(`/api/plans/${demoPlanId}/actions?pageSize=200`)).body.items.map(
        (a: { id: number }) => a.id,
      ),
    );
    expect(first.items.length).toBeGreaterThan(0);
    expect(first.items.every((a) => demoIds.has(a.id))).toBe(true);
    expect(mine.items).toHaveLength(groups.reduce((n, g) => n + g.items.length, 0));

    const live = (await admin.agent.get(`/api/plans/${plan.id}`)).body;
    await patch(admin, `/api/plans/${plan.id}`, { status: 'closed' }, etag('plan', live));
    const afterClose = (await lead.agent.get('/api/me/actions').set('cache-control', 'no-cache')).body;
    const afterIds = afterClose.plans.map((g: { plan: { id: number } }) => g.plan.id);
    expect(afterIds).toContain(demoPlanId);
    expect(afterIds).not.toContain(plan.id);
  });
});
