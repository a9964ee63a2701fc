import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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
let areaId: number;
let leadId: number;
let recId: number;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin@example.org');
  planId = (await admin.agent.get('/api/plans')).body.items[0].id;
  areaId = (await admin.agent.get(`/api/plans/${planId}/themes`)).body.items[0].areas[0].id;
  leadId = (await admin.agent.get('/api/leads')).body.items.find(
    (l: { name: string }) => l.name === 'Head of First Response',
  ).id;
  recId = (await admin.agent.get(`/api/recommendations?planId=${planId}&pageSize=100`)).body.items.find(
    (r: { label: string }) => r.label === 'Ofsted recommendation 3',
  ).id;
});
afterAll(async () => {
  await t.close();
});

describe('listing actions', () => {
  it('lists all 21 demo actions in the council’s order with leads, timeframe, status and RAG', async () => {
    const res = await admin.agent.get(`/api/plans/${planId}/actions?pageSize=100`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(21);
    const refs = res.body.items.map((a: { ref: string }) => a.ref);
    expect(refs).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '1.5',
      '1.6',
      '1.7',
      '1.8',
      '1.9',
      '1.10',
      '2.1',
      '2.2',
      '2.3',
      '2.4',
      '2.5',
      '2.6',
      '2.8',
      '3.1',
      '3.2',
      '3.3',
      '4.1',
    ]);
    const a16 = res.body.items.find((a: { ref: string }) => a.ref === '1.6');
    expect(a16.leads.map((l: { name: string; kind: string }) => [l.name, l.kind])).toEqual([
      ["Service Director Children's Social Care", 'person'],
      ['NHS commissioner', 'partner'],
    ]);
    // Its area and theme are named once, beside the rows.
    expect(res.body.areas.find((a: { id: number }) => a.id === a16.areaId)).toMatchObject({
      title: 'Care Management Service',
      themeTitle: 'Practice',
    });
    expect(a16.timeframeText).toMatch(/^[A-Z][a-z]{2} \d{4} – [A-Z][a-z]{2} \d{4}$/);
    expect(a16.rag).toEqual(expect.stringMatching(/^(blue|green|amber|red|not_started)$/));
  });

  it('pages the list and reports the total', async () => {
    const p1 = await admin.agent.get(`/api/plans/${planId}/actions?pageSize=5&page=1`);
    const p5 = await admin.agent.get(`/api/plans/${planId}/actions?pageSize=5&page=5`);
    expect(p1.body.items).toHaveLength(5);
    expect(p5.body.items.map((a: { ref: string }) => a.ref)).toEqual(['4.1']);
    expect(p5.body.total).toBe(21);
  });

  it('filters by theme, area, lead, recommendation, status and text', async () => {
    const themes = (await admin.agent.get(`/api/plans/${planId}/themes`)).body.items;
    const people = themes.find((th: { title: string }) => th.title === 'People');
    const byTheme = await admin.agent.get(`/api/plans/${planId}/actions?theme=${people.id}`);
    expect(byTheme.body.items.map((a: { ref: string }) => a.ref)).toEqual(['3.1', '3.2', '3.3']);
    const byArea = await admin.agent.get(`/api/plans/${planId}/actions?area=${areaId}`);
    expect(byArea.body.items.map((a: { ref: string }) => a.ref)).toEqual(['1.1', '1.2']);
    const byLead = await admin.agent.get(`/api/plans/${planId}/actions?lead=${leadId}`);
    expect(byLead.body.items.map((a: { ref: string }) => a.ref)).toEqual(['1.1', '1.2']);
    const byRec = await admin.agent.get(`/api/plans/${planId}/actions?recommendation=${recId}`);
    expect(byRec.body.items.map((a: { ref: string }) => a.ref)).toEqual(['1.1']);
    const complete = await admin.agent.get(`/api/plans/${planId}/actions?status=complete`);
    expect(complete.body.items.map((a: { ref: string }) => a.ref).sort()).toEqual([
      '1.5',
      '2.3',
      '2.6',
      '3.1',
      '3.2',
    ]);
    const text = await admin.agent.get(
      `/api/plans/${planId}/actions?q=${encodeURIComponent('health passport')}`,
    );
    expect(text.body.items.map((a: { ref: string }) => a.ref)).toEqual(['1.6']);
    const literal = await admin.agent.get(`/api/plans/${planId}/actions?q=${encodeURIComponent('100%')}`);
    expect(literal.body.total).toBe(0);
  });

  it('lets every signed-in role read, and only admins, chairs and the action’s own leads update it', async () => {
    for (const [email, expected] of [
      ['viewer@example.org', false],
      ['adviser@example.org', false],
      ['chair@example.org', true],
      ['head.of.first.response@example.org', true],
    ] as const) {
      const s = await signIn(t.app, email);
      const res = await s.agent.get(`/api/plans/${planId}/actions?area=${areaId}`);
      expect(res.status).toBe(200);
      expect(res.body.items.every((a: { canUpdate: boolean }) => a.canUpdate === expected)).toBe(true);
    }
  });
});

describe('one action', () => {
  it('shows its fields, recommendations with scope notes, and update history newest first, with an ETag', async () => {
    const list = await admin.agent.get(`/api/plans/${planId}/actions?q=1.1`);
    const id = list.body.items.find((a: { ref: string }) => a.ref === '1.1').id;
    const res = await admin.agent.get(`/api/actions/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(`"action${id}-v${res.body.version}"`);
    expect(res.body.recommendations).toEqual([
      expect.objectContaining({ label: 'Ofsted recommendation 3', scopeNote: '' }),
      expect.objectContaining({
        label: 'Ofsted recommendation 7',
        scopeNote: 'asylum-seeking children only',
      }),
    ]);
    expect(res.body.updates.length).toBe(5);
    const times = res.body.updates.map((u: { createdAt: string }) => u.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(res.body.updates[0].author).toEqual({
      id: expect.any(Number),
      name: 'Priya Shah',
      jobTitle: 'Head of First Response',
    });
  });

  it('records an update posted on a team’s behalf with both people', async () => {
    const list = await admin.agent.get(
      `/api/plans/${planId}/actions?q=${encodeURIComponent('practice framework guidance')}`,
    );
    const a25 = await admin.agent.get(`/api/actions/${list.body.items[0].id}`);
    expect(a25.body.ref).toBe('2.5');
    expect(a25.body.updates[0].author.name).toBe('Sam Taylor');
    expect(a25.body.updates[0].onBehalfOf).toEqual({
      id: expect.any(Number),
      name: 'Senior Management Team',
    });
  });
});

describe('creating and changing actions', () => {
  it('creates an action from the timeframe as written, and changes it with If-Match', async () => {
    const created = await admin.agent
      .post(`/api/plans/${planId}/actions`)
      .set('x-csrf-token', admin.csrf)
      .send({
        ref: '1.11',
        areaId,
        objective: 'Out-of-hours referrals of asylum-seeking children are assessed the same night.',
        description: 'Agree an out-of-hours protocol with the police and the Home Office.',
        leadIds: [leadId],
        timeframe: 'Jul 2026 - Mar 2027',
        recommendations: [{ recommendationId: recId, scopeNote: 'out of hours only' }],
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ref: '1.11',
      startDate: '2026-07-01',
      originalDueDate: '2027-03-31',
      dueDate: '2027-03-31',
      status: 'not_started',
      version: 1,
    });
    const id = created.body.id;

    expectProblem(
      await admin.agent.patch(`/api/actions/${id}`).set('x-csrf-token', admin.csrf).send({ objective: 'x' }),
      428,
    );
    expectProblem(
      await admin.agent
        .patch(`/api/actions/${id}`)
        .set('x-csrf-token', admin.csrf)
        .set('if-match', `"action${id}-v7"`)
        .send({ objective: 'x' }),
      412,
    );
    const changed = await admin.agent
      .patch(`/api/actions/${id}`)
      .set('x-csrf-token', admin.csrf)
      .set('if-match', String(created.headers.etag))
      .send({ objective: 'Out-of-hours referrals are assessed the same night.' });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(2);
    expect(changed.headers.etag).toBe(`"action${id}-v2"`);

    const archived = await admin.agent
      .post(`/api/actions/${id}/archive`)
      .set('x-csrf-token', admin.csrf)
      .set('if-match', String(changed.headers.etag))
      .send({ reason: 'Merged into 1.1' });
    expect(archived.status).toBe(200);
    expect(archived.body.archivedReason).toBe('Merged into 1.1');
    expect((await admin.agent.get(`/api/plans/${planId}/actions?pageSize=100`)).body.total).toBe(21);
    expect((await admin.agent.get(`/api/actions/${id}`)).status).toBe(200);
  });

  it('refuses a duplicate reference (409), an unknown lead (422) and a timeframe it cannot read (400)', async () => {
    const base = { areaId, objective: 'x', leadIds: [leadId], timeframe: 'Mar 2027' };
    const before = dbFingerprint(t.app, { includeAudit: true });
    expectProblem(
      await admin.agent
        .post(`/api/plans/${planId}/actions`)
        .set('x-csrf-token', admin.csrf)
        .send({ ...base, ref: '1.1' }),
      409,
    );
    expectProblem(
      await admin.agent
        .post(`/api/plans/${planId}/actions`)
        .set('x-csrf-token', admin.csrf)
        .send({ ...base, ref: '9.1', leadIds: [9999] }),
      422,
    );
    const tf = expectProblem(
      await admin.agent
        .post(`/api/plans/${planId}/actions`)
        .set('x-csrf-token', admin.csrf)
        .send({ ...base, ref: '9.1', timeframe: 'Spring-ish' }),
      400,
    );
    expect(tf.detail).toMatch(/Spring-ish/);
    expect(tf.errors?.[0]?.path).toBe('body.timeframe');
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });
});

describe('bad input gets a clear 4xx problem and changes nothing', () => {
  const cases: [string, (s: SignedIn) => supertest.Test, number, RegExp][] = [
    [
      'a malformed body',
      (s) =>
        s.agent
          .post('/api/plans')
          .set('x-csrf-token', s.csrf)
          .set('content-type', 'application/json')
          .send('{"title": "x",'),
      400,
      /not valid JSON/,
    ],
    [
      'an unknown field',
      (s) => s.agent.post('/api/plans').set('x-csrf-token', s.csrf).send({ title: 'x', colour: 'red' }),
      400,
      /colour is not a field we accept/,
    ],
    [
      'a wrong type',
      (s) => s.agent.post('/api/plans').set('x-csrf-token', s.csrf).send({ title: 42 }),
      400,
      /title must be string/,
    ],
    [
      'a missing required field',
      (s) => s.agent.post('/api/plans').set('x-csrf-token', s.csrf).send({ phase: 'x' }),
      400,
      /title is required/,
    ],
    [
      'an empty required field',
      (s) => s.agent.post('/api/plans').set('x-csrf-token', s.csrf).send({ title: '' }),
      400,
      /title must not be empty/,
    ],
    [
      'an unknown id',
      (s) =>
        s.agent
          .patch('/api/plans/424242')
          .set('x-csrf-token', s.csrf)
          .set('if-match', '"plan424242-v1"')
          .send({ title: 'x' }),
      404,
      /does not exist/,
    ],
    ['an id that is not a number', (s) => s.agent.get('/api/actions/abc'), 400, /id must be a whole number/],
    [
      'an unknown query parameter',
      (s) => s.agent.get(`/api/plans/${planId}/actions?colour=red`),
      400,
      /colour is not a field/,
    ],
    [
      'a page size too large',
      (s) => s.agent.get(`/api/plans/${planId}/actions?pageSize=100000`),
      400,
      /pageSize/,
    ],
    [
      'form-encoded instead of JSON',
      (s) => s.agent.post('/api/plans').set('x-csrf-token', s.csrf).type('form').send('title=x'),
      415,
      /application\/json/,
    ],
    [
      'an oversized body',
      (s) =>
        s.agent
          .post('/api/plans')
          .set('x-csrf-token', s.csrf)
          .send({ title: 'x', description: 'y'.repeat(1_100_000) }),
      413,
      /./,
    ],
    [
      'a wrong enum value',
      (s) => s.agent.post('/api/plans').set('x-csrf-token', s.csrf).send({ title: 'x', status: 'finished' }),
      400,
      /status must be one of: draft, active, closed/,
    ],
  ];

  it.each(cases)('%s', async (_name, send, status, detail) => {
    const before = dbFingerprint(t.app, { includeAudit: true });
    const problem = expectProblem(await send(admin), status);
    expect(problem.detail ?? '').toMatch(detail);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });

  it('a request with no session gets 401 and changes nothing', async () => {
    const before = dbFingerprint(t.app, { includeAudit: true });
    expectProblem(await supertest(t.app.server).post('/api/plans').send({ title: 'x' }), 401);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });

  it('unknown routes answer a problem+json 404', async () => {
    expectProblem(await admin.agent.get('/api/nothing-here'), 404);
    expectProblem(await admin.agent.delete(`/api/plans/${planId}`), 404);
  });
});
