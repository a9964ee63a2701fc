/**
 * A draft plan's content is seen by administrators only — by every route that reads it, not only those under
 * /plans/:id — and nothing more is recorded on the actions of a closed plan.
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
let adviser: SignedIn;

const LEAD_EMAIL = 'head.of.first.response@example.org';
const etag = (kind: string, r: { id: number; version: number }) => `"${kind}${r.id}-v${r.version}"`;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin@example.org');
  chair = await signIn(t.app, 'chair@example.org');
  lead = await signIn(t.app, LEAD_EMAIL);
  adviser = await signIn(t.app, 'adviser@example.org');
});
afterAll(async () => {
  await t.close();
});

async function send(who: SignedIn, method: 'post' | 'patch', url: string, body: object, ifMatch?: string) {
  const req = who.agent[method](url).set('x-csrf-token', who.csrf);
  if (ifMatch) req.set('if-match', ifMatch);
  return req.send(body);
}

/** A plan with its own source and recommendation, one action led by the lead, evidence, a meeting, an indicator. */
async function planWithContent(title: string) {
  const plan = (await send(admin, 'post', '/api/plans', { title, phase: 'Phase 1' })).body;
  const source = (
    await send(admin, 'post', '/api/sources', {
      kind: 'dfe_direction',
      title: `${title} direction`,
      issuedOn: '2026-06-01',
      planIds: [plan.id],
    })
  ).body;
  const rec = (
    await send(admin, 'post', '/api/recommendations', { sourceId: source.id, number: '1', text: 'Do it' })
  ).body;
  const theme = (await send(admin, 'post', `/api/plans/${plan.id}/themes`, { title: 'Practice' })).body[0];
  const area = (await send(admin, 'post', `/api/themes/${theme.id}/areas`, { title: 'Front door' })).body[0]
    .areas[0];
  const action = (
    await send(admin, 'post', `/api/plans/${plan.id}/actions`, {
      ref: '1.1',
      areaId: area.id,
      objective: `${title}: every referral screened within a day`,
      leadIds: [lead.user.leadId],
      timeframe: 'Jan 2027 – Jun 2027',
      recommendations: [{ recommendationId: rec.id }],
    })
  ).body;
  const evidence = (
    await send(admin, 'post', `/api/actions/${action.id}/evidence`, {
      kind: 'note',
      title: 'Screening audit',
      purpose: 'impact',
      effectiveDate: '2026-11-01',
      note: 'Audit of 40 referrals',
    })
  ).body;
  const meeting = (await send(admin, 'post', `/api/plans/${plan.id}/meetings`, { meetingDate: '2027-02-10' }))
    .body;
  const indicator = (
    await send(admin, 'post', `/api/plans/${plan.id}/indicators`, {
      name: 'Referrals screened within a day',
      unit: 'percent',
      polarity: 'higher_is_better',
    })
  ).body;
  for (const made of [plan, source, rec, action, evidence, meeting, indicator])
    expect(made.id).toBeGreaterThan(0);
  return { plan, source, rec, action, evidence, meeting, indicator };
}

describe('a draft plan’s content, read by its own ids', () => {
  it('answers 404 problem+json to every role but administrator, on every read of it', async () => {
    const d = await planWithContent('Draft SEND plan');
    const live = (await admin.agent.get('/api/plans')).body.items.find(
      (p: { status: string }) => p.status === 'active',
    );
    const reads = [
      `/api/plans/${d.plan.id}`,
      `/api/plans/${d.plan.id}/actions`,
      `/api/plans/${d.plan.id}/themes`,
      `/api/plans/${d.plan.id}/meetings`,
      `/api/plans/${d.plan.id}/export?format=csv`,
      `/api/plans/${d.plan.id}/indicators`,
      `/api/plans/${d.plan.id}/scorecard`,
      `/api/plans/${d.plan.id}/evidence-queue`,
      `/api/plans/${d.plan.id}/recommendation-rollup`,
      `/api/actions/${d.action.id}`,
      `/api/actions/${d.action.id}/updates`,
      `/api/actions/${d.action.id}/evidence`,
      `/api/meetings/${d.meeting.id}`,
      `/api/meetings/${d.meeting.id}/scorecard`,
      `/api/indicators/${d.indicator.id}`,
      `/api/sources/${d.source.id}`,
      `/api/recommendations/${d.rec.id}`,
      `/api/recommendations/${d.rec.id}/indicators`,
      `/api/recommendations?planId=${d.plan.id}`,
      `/api/sources?planId=${d.plan.id}`,
    ];
    for (const url of reads) {
      const res = await admin.agent.get(url);
      expect([url, res.status]).toEqual([url, 200]);
    }
    for (const who of [chair, lead, adviser]) {
      for (const url of reads) {
        const res = await who.agent.get(url);
        if (res.status === 403) {
          // A route not for this role at all (a lead's export, evidence queue) says so whatever the plan.
          const onLive = await who.agent.get(url.replace(`/plans/${d.plan.id}/`, `/plans/${live.id}/`));
          expect([url, onLive.status]).toEqual([url, 403]);
          continue;
        }
        expect([url, res.status]).toEqual([url, 404]);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(JSON.stringify(res.body)).not.toContain('Draft SEND plan');
      }
      {
        const compare = await who.agent.get(`/api/meetings/${d.meeting.id}/compare/${d.meeting.id}`);
        expectProblem(compare, 404);
      }
      // Lists without a plan leave the draft's source, recommendation and action out.
      const sources = (await who.agent.get('/api/sources?pageSize=100')).body.items as { id: number }[];
      expect(sources.map((s) => s.id)).not.toContain(d.source.id);
      const recs = (await who.agent.get('/api/recommendations?pageSize=100')).body.items as { id: number }[];
      expect(recs.map((r) => r.id)).not.toContain(d.rec.id);
    }
    const adminSources = (await admin.agent.get('/api/sources?pageSize=100')).body.items as { id: number }[];
    expect(adminSources.map((s) => s.id)).toContain(d.source.id);
  });

  it('refuses the lead’s writes to a draft action they lead with the same 404, nothing written', async () => {
    const d = await planWithContent('Draft writes plan');
    const before = dbFingerprint(t.app, { includeAudit: true });
    const res = await send(
      lead,
      'post',
      `/api/actions/${d.action.id}/updates`,
      { status: 'on_track', commentary: 'Started' },
      etag('action', d.action),
    );
    expectProblem(res, 404);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });

  it('shows a recommendation answered by a draft and a live plan with the live plan’s actions only', async () => {
    const d = await planWithContent('Shared source draft');
    const liveId = (await admin.agent.get('/api/plans')).body.items.find(
      (p: { status: string }) => p.status === 'active',
    ).id;
    const source = (
      await send(admin, 'post', '/api/sources', {
        kind: 'inspection',
        title: 'Shared inspection',
        issuedOn: '2026-05-01',
        planIds: [liveId, d.plan.id],
      })
    ).body;
    const rec = (
      await send(admin, 'post', '/api/recommendations', { sourceId: source.id, number: '9', text: 'Shared' })
    ).body;
    const action = (await admin.agent.get(`/api/actions/${d.action.id}`)).body;
    await send(
      admin,
      'patch',
      `/api/actions/${d.action.id}`,
      { recommendations: [{ recommendationId: rec.id }] },
      etag('action', action),
    );
    expect((await admin.agent.get(`/api/recommendations/${rec.id}`)).body.actions).toHaveLength(1);
    const seen = await chair.agent.get(`/api/recommendations/${rec.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.actions).toEqual([]);
    // Nor are the draft plan's indicators linked to it: its impact evidence lists the live plans' only.
    const indicator = (await admin.agent.get(`/api/indicators/${d.indicator.id}`)).body;
    const linked = await send(
      admin,
      'patch',
      `/api/indicators/${d.indicator.id}`,
      { recommendationIds: [rec.id] },
      etag('indicator', indicator),
    );
    expect(linked.status).toBe(200);
    const forAdmin = (await admin.agent.get(`/api/recommendations/${rec.id}/indicators`)).body.items;
    expect(forAdmin.map((i: { id: number }) => i.id)).toEqual([d.indicator.id]);
    const forChair = await chair.agent.get(`/api/recommendations/${rec.id}/indicators`);
    expect(forChair.status).toBe(200);
    expect(forChair.body.items).toEqual([]);
  });
});

describe('the actions of a closed plan', () => {
  it('refuses updates, date requests and evidence with 409 problem+json, nothing written, and offers none', async () => {
    const d = await planWithContent('Closing plan');
    let plan = (await admin.agent.get(`/api/plans/${d.plan.id}`)).body;
    plan = (await send(admin, 'patch', `/api/plans/${plan.id}`, { status: 'active' }, etag('plan', plan)))
      .body;
    const url = `/api/actions/${d.action.id}`;
    const open = (await lead.agent.get(url)).body;
    expect(open).toMatchObject({ canUpdate: true, planClosed: false });
    const listed = async (who: typeof lead) =>
      (
        (await who.agent.get(`/api/plans/${d.plan.id}/actions`)).body.items as {
          id: number;
          canUpdate: boolean;
        }[]
      ).find((a) => a.id === d.action.id);
    expect((await listed(lead))?.canUpdate).toBe(true);
    plan = (await send(admin, 'patch', `/api/plans/${plan.id}`, { status: 'closed' }, etag('plan', plan)))
      .body;
    expect(plan.status).toBe('closed');

    const action = (await lead.agent.get(url)).body;
    expect(action).toMatchObject({ canUpdate: false, planClosed: true });
    // Its list offers no one an update either.
    for (const who of [lead, chair, admin]) expect((await listed(who))?.canUpdate).toBe(false);
    for (const who of [lead, chair, admin]) {
      const before = dbFingerprint(t.app, { includeAudit: true });
      const update = await send(
        who,
        'post',
        `${url}/updates`,
        { status: 'on_track', commentary: 'Still going' },
        etag('action', action),
      );
      expect(expectProblem(update, 409).detail).toMatch(/^This plan is closed \(Closing plan\)/);
      const request = await send(
        who,
        'post',
        `${url}/due-date-changes`,
        { toDate: '2027-09-30', reason: 'More time' },
        etag('action', action),
      );
      expect(expectProblem(request, 409).detail).toMatch(/This plan is closed/);
      const evidence = await send(who, 'post', `${url}/evidence`, {
        kind: 'link',
        title: 'Late report',
        purpose: 'impact',
        effectiveDate: '2026-11-20',
        url: 'https://example.org/report',
      });
      expect(expectProblem(evidence, 409).detail).toMatch(/This plan is closed/);
      expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
    }
    // Still readable, by everyone.
    expect((await chair.agent.get(url)).status).toBe(200);
    expect(auditRows(t.app).at(-1)).toMatchObject({ event: 'status_closed', entity_type: 'plan' });
  });
});
