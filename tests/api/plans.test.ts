import supertest from 'supertest';
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
let planId: number;
beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin@example.org');
  planId = (await admin.agent.get('/api/plans')).body.items[0].id;
});
afterAll(async () => {
  await t.close();
});

describe('plans', () => {
  it('lists the demo plan with its sources and action count', async () => {
    const res = await admin.agent.get('/api/plans');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({
      title: "Children's Services Improvement Plan",
      phase: 'Phase 2',
      status: 'active',
      actionCount: 21,
    });
    expect(res.body.items[0].sourceIds).toHaveLength(2);
  });

  it('lays out the themes and areas in the council’s order', async () => {
    const res = await admin.agent.get(`/api/plans/${planId}/themes`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(4);
    expect(res.body.items.map((th: { title: string }) => th.title)).toEqual([
      'Practice',
      'Performance',
      'People',
      'Partnerships',
    ]);
    expect(res.body.items[0].areas.map((a: { title: string }) => a.title)).toEqual([
      'First Response Service',
      'Children in Need of Help and Protection',
      'Care Management Service',
      'Care Services',
    ]);
  });

  it('creates, changes and archives a plan, each change in the audit log with its author', async () => {
    const auditBefore = auditRows(t.app).length;
    const created = await admin.agent
      .post('/api/plans')
      .set('x-csrf-token', admin.csrf)
      .send({ title: 'Phase 3 plan', phase: 'Phase 3', predecessorPlanId: planId });
    expect(created.status).toBe(201);
    // Location names the new plan's address, where it reads the same.
    expect(created.headers.location).toBe(`/api/plans/${created.body.id}`);
    const there = await admin.agent.get(created.headers.location as string);
    expect(there.body).toMatchObject({ id: created.body.id, title: 'Phase 3 plan' });
    expect(created.body).toMatchObject({
      title: 'Phase 3 plan',
      status: 'draft',
      predecessorPlanId: planId,
      version: 1,
    });
    const id = created.body.id as number;
    const etag = created.headers.etag as string;
    expect(etag).toBe(`"plan${id}-v1"`);

    const changed = await admin.agent
      .patch(`/api/plans/${id}`)
      .set('x-csrf-token', admin.csrf)
      .set('if-match', etag)
      .send({ phase: 'Phase 3a' });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(2);

    const stale = await admin.agent
      .patch(`/api/plans/${id}`)
      .set('x-csrf-token', admin.csrf)
      .set('if-match', etag)
      .send({ title: 'Lost update' });
    expectProblem(stale, 412);

    const archived = await admin.agent
      .post(`/api/plans/${id}/archive`)
      .set('x-csrf-token', admin.csrf)
      .set('if-match', changed.headers.etag as string)
      .send({ reason: 'Created by mistake' });
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    expect((await admin.agent.get('/api/plans')).body.items.map((p: { id: number }) => p.id)).not.toContain(
      id,
    );
    expect(
      (await admin.agent.get('/api/plans?includeArchived=true')).body.items.map((p: { id: number }) => p.id),
    ).toContain(id);

    const audit = auditRows(t.app).slice(auditBefore);
    expect(audit.map((a) => [a.event, a.entity_type, a.entity_id, a.user_id])).toEqual([
      ['create', 'plan', id, admin.user.id],
      ['update', 'plan', id, admin.user.id],
      ['archive', 'plan', id, admin.user.id],
    ]);
  });

  it('audit rows carry the before and after of a change', async () => {
    const created = await admin.agent
      .post('/api/plans')
      .set('x-csrf-token', admin.csrf)
      .send({ title: 'Audit me' });
    await admin.agent
      .patch(`/api/plans/${created.body.id}`)
      .set('x-csrf-token', admin.csrf)
      .set('if-match', created.headers.etag as string)
      .send({ title: 'Audited' });
    const log = await admin.agent.get(`/api/audit?entityType=plan&entityId=${created.body.id}`);
    expect(log.status).toBe(200);
    const update = log.body.items.find((e: { event: string }) => e.event === 'update');
    expect(JSON.parse(update.before).title).toBe('Audit me');
    expect(JSON.parse(update.after).title).toBe('Audited');
    expect(update.userName).toBe('Sam Taylor');
  });

  it.each([
    'viewer@example.org',
    'adviser@example.org',
    'chair@example.org',
    'head.of.safeguarding@example.org',
  ])('%s cannot create or change plans (403) and nothing changes', async (email) => {
    const s = await signIn(t.app, email);
    const before = dbFingerprint(t.app, { includeAudit: true });
    expectProblem(await s.agent.post('/api/plans').set('x-csrf-token', s.csrf).send({ title: 'No' }), 403);
    expectProblem(
      await s.agent.patch(`/api/plans/${planId}`).set('x-csrf-token', s.csrf).send({ title: 'No' }),
      403,
    );
    expectProblem(
      await s.agent.post(`/api/plans/${planId}/themes`).set('x-csrf-token', s.csrf).send({ title: 'No' }),
      403,
    );
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });

  it('adds themes and areas, and refuses an unknown theme', async () => {
    const created = await admin.agent
      .post('/api/plans')
      .set('x-csrf-token', admin.csrf)
      .send({ title: 'Structure test' });
    const themes = await admin.agent
      .post(`/api/plans/${created.body.id}/themes`)
      .set('x-csrf-token', admin.csrf)
      .send({ title: 'Practice' });
    expect(themes.status).toBe(201);
    const themeId = themes.body[0].id;
    const areas = await admin.agent
      .post(`/api/themes/${themeId}/areas`)
      .set('x-csrf-token', admin.csrf)
      .send({ title: 'Front door' });
    expect(areas.body[0].areas[0].title).toBe('Front door');
    expectProblem(
      await admin.agent.post('/api/themes/99999/areas').set('x-csrf-token', admin.csrf).send({ title: 'x' }),
      404,
    );
  });

  it('answers 404 problem for an unknown plan, 401 without a session', async () => {
    expectProblem(await admin.agent.get('/api/plans/99999'), 404);
    expectProblem(await admin.agent.get('/api/plans/99999/actions'), 404);
    expectProblem(await supertest(t.app.server).get(`/api/plans/${planId}`), 401);
  });
});

describe('sources and recommendations', () => {
  it('lists the 17 recommendations of the demo plan, each with the actions that answer it', async () => {
    const res = await admin.agent.get(`/api/recommendations?planId=${planId}&pageSize=100`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(17);
    const byLabel = new Map(res.body.items.map((r: { label: string }) => [r.label, r]));
    const rec7 = byLabel.get('Ofsted recommendation 7') as { actions: { ref: string; scopeNote: string }[] };
    expect(rec7.actions).toEqual([
      expect.objectContaining({ ref: '1.1', scopeNote: 'asylum-seeking children only' }),
    ]);
    const b5 = byLabel.get('DfE direction b5') as { actions: { ref: string }[] };
    expect(b5.actions.map((a) => a.ref)).toEqual(['2.1', '2.3', '2.8']);
    // The council's plan leaves two items of the direction unanswered: the gaps the board should see.
    const gaps = res.body.items
      .filter((r: { actions: unknown[] }) => r.actions.length === 0)
      .map((r: { label: string }) => r.label);
    expect(gaps).toEqual(['DfE direction b1', 'DfE direction b7']);
  });

  it('creates a source and a recommendation, and refuses a duplicate number with 409', async () => {
    const source = await admin.agent
      .post('/api/sources')
      .set('x-csrf-token', admin.csrf)
      .send({
        kind: 'focused_visit',
        title: 'Focused visit: care leavers',
        citation: 'Focused visit priority',
        issuedOn: '2026-06-12',
        planIds: [planId],
      });
    expect(source.status).toBe(201);
    const rec = await admin.agent
      .post('/api/recommendations')
      .set('x-csrf-token', admin.csrf)
      .send({ sourceId: source.body.id, number: '1', text: 'Improve pathway plans.' });
    expect(rec.status).toBe(201);
    expect(rec.body.label).toBe('Focused visit priority 1');
    expect(rec.body.actions).toEqual([]);
    const dup = await admin.agent
      .post('/api/recommendations')
      .set('x-csrf-token', admin.csrf)
      .send({ sourceId: source.body.id, number: '1', text: 'Again' });
    expect(expectProblem(dup, 409).detail).toMatch(/already has a recommendation 1/);
  });
});
