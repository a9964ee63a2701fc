/**
 * Consistency and input: If-Match on every versioned record, canonical ids, well-formed non-blank text,
 * framework errors as problem details, and no caching of API answers. Each bad request gets a 4xx
 * problem+json and changes nothing.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  DEMO_PASSWORD,
  dbFingerprint,
  expectProblem,
  signIn,
  type SignedIn,
  type TestApp,
  versionTag,
} from '../helpers/app.js';
import { demoIds, etagOf, post, type DemoIds } from '../helpers/demo.js';
import { DEMO_PLAN_CSV } from '../helpers/plan-files.js';

let t: TestApp;
let admin: SignedIn;
let chair: SignedIn;
let ids: DemoIds;
/** The administrator's session cookie, for raw requests. */
let cookie = '';
let csrf = '';
beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  admin = await signIn(t.app, 'admin@example.org');
  chair = await signIn(t.app, 'chair@example.org');
  ids = await demoIds(admin);
  const res = await supertest(t.app.server)
    .post('/api/auth/sign-in')
    .send({ email: 'admin@example.org', password: DEMO_PASSWORD });
  cookie = String(res.headers['set-cookie']).split(';')[0] ?? '';
  csrf = res.body.csrfToken as string;
});
afterAll(async () => {
  await t.close();
});

type Kind =
  'plan' | 'theme' | 'area' | 'source' | 'recommendation' | 'meeting' | 'evidence' | 'user' | 'lead';

describe('If-Match on every versioned record', () => {
  // A fresh plan with one of everything, so archiving is allowed.
  const made: Record<string, number> = {};
  beforeAll(async () => {
    made.plan = (await post(admin, '/api/plans', { title: 'If-Match plan' })).body.id;
    const themes = (await post(admin, `/api/plans/${made.plan}/themes`, { title: 'Theme' })).body;
    made.theme = themes[0].id;
    const withArea = (await post(admin, `/api/themes/${made.theme}/areas`, { title: 'Area' })).body;
    made.area = withArea[0].areas[0].id;
    made.source = (
      await post(admin, '/api/sources', { kind: 'monitoring_visit', title: 'Visit', planIds: [made.plan] })
    ).body.id;
    made.recommendation = (
      await post(admin, '/api/recommendations', { sourceId: made.source, number: '1', text: 'Do it.' })
    ).body.id;
    made.meeting = (
      await post(admin, `/api/plans/${made.plan}/meetings`, {
        meetingDate: '2027-01-20',
        papersCutoff: '2027-01-13T17:00:00.000Z',
      })
    ).body.id;
    const queue = (await chair.agent.get(`/api/plans/${ids.planId}/evidence-queue`)).body.items;
    made.evidence = queue[0].id;
    made.user = (await admin.agent.get('/api/users').query({ q: 'viewer@example.org' })).body.items[0].id;
    made.lead = ids.leadId('Head of First Response');
  });

  const cases: [string, Kind, 'PATCH' | 'POST', (id: number) => string, object][] = [
    ['change a plan', 'plan', 'PATCH', (id) => `/api/plans/${id}`, { title: 'Renamed' }],
    ['archive a plan', 'plan', 'POST', (id) => `/api/plans/${id}/archive`, { reason: 'Done.' }],
    ['change a theme', 'theme', 'PATCH', (id) => `/api/themes/${id}`, { title: 'Renamed' }],
    ['archive a theme', 'theme', 'POST', (id) => `/api/themes/${id}/archive`, { reason: 'Done.' }],
    ['change an area', 'area', 'PATCH', (id) => `/api/areas/${id}`, { title: 'Renamed' }],
    ['archive an area', 'area', 'POST', (id) => `/api/areas/${id}/archive`, { reason: 'Done.' }],
    ['change a source', 'source', 'PATCH', (id) => `/api/sources/${id}`, { title: 'Renamed' }],
    ['archive a source', 'source', 'POST', (id) => `/api/sources/${id}/archive`, { reason: 'Done.' }],
    [
      'change a recommendation',
      'recommendation',
      'PATCH',
      (id) => `/api/recommendations/${id}`,
      { text: 'X' },
    ],
    [
      'archive a recommendation',
      'recommendation',
      'POST',
      (id) => `/api/recommendations/${id}/archive`,
      { reason: 'Done.' },
    ],
    ['move a meeting', 'meeting', 'PATCH', (id) => `/api/meetings/${id}`, { title: 'Moved' }],
    ['review evidence', 'evidence', 'POST', (id) => `/api/evidence/${id}/review`, { decision: 'accepted' }],
    ['change an account', 'user', 'PATCH', (id) => `/api/users/${id}`, { name: 'Renamed' }],
    ['reset a password', 'user', 'POST', (id) => `/api/users/${id}/reset-password`, {}],
    ['change a lead', 'lead', 'PATCH', (id) => `/api/leads/${id}`, { name: 'Renamed' }],
    ['archive a lead', 'lead', 'POST', (id) => `/api/leads/${id}/archive`, { reason: 'Done.' }],
  ];

  it.each(cases)(
    '%s: 428 without If-Match, 412 with an old one, nothing changed',
    async (_n, kind, method, url, body) => {
      const id = made[kind] ?? 0;
      const before = dbFingerprint(t.app, { includeAudit: true });
      const send = (ifMatch?: string) => {
        const req = (method === 'PATCH' ? admin.agent.patch(url(id)) : admin.agent.post(url(id))).set(
          'x-csrf-token',
          admin.csrf,
        );
        if (ifMatch) req.set('if-match', ifMatch);
        return req.send(body);
      };
      expect(expectProblem(await send(), 428).detail).toMatch(/If-Match/);
      expectProblem(await send(`"${kind}${id}-v999"`), 412);
      expectProblem(await send(`"${kind}${id + 1}-v1"`), 412);
      expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
    },
  );

  it('documents If-Match as a required header on every change to a versioned record', async () => {
    const doc = (await admin.agent.get('/openapi.json')).body as {
      paths: Record<
        string,
        Record<string, { parameters?: { in: string; name: string; required?: boolean }[] }>
      >;
    };
    const withIfMatch: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const p = op.parameters?.find((x) => x.in === 'header' && x.name === 'if-match');
        if (p) {
          expect(p.required, `${method} ${path}`).toBe(true);
          withIfMatch.push(`${method.toUpperCase()} ${path}`);
        }
      }
    }
    for (const [, , method, url] of cases) {
      expect(withIfMatch).toContain(`${method} ${url(0).replace('/0', '/{id}')}`);
    }
    expect(withIfMatch).toContain('POST /api/actions/{id}/updates');
  });
});

describe('ids are canonical whole numbers', () => {
  it.each(['0x1', '1.0', '01', '+1', '%201', '1e0', '1%20'])('%s in the path → 400', async (raw) => {
    const id = ids.actionId('1.1');
    const res = await admin.agent.get(`/api/actions/${raw.replace('1', String(id))}`);
    expect(expectProblem(res, 400).errors?.[0]?.path).toBe('params.id');
  });

  it('and in a change, which then changes nothing', async () => {
    const id = ids.actionId('1.1');
    const before = dbFingerprint(t.app, { includeAudit: true });
    const res = await post(
      admin,
      `/api/actions/0x${id.toString(16)}/updates`,
      { status: 'on_track', commentary: 'Hex id' },
      await etagOf(admin, id),
    );
    expectProblem(res, 400);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });

  it('page numbers in the query string too', async () => {
    expectProblem(await admin.agent.get(`/api/plans/${ids.planId}/actions?page=01`), 400);
    expectProblem(await admin.agent.get(`/api/plans/${ids.planId}/actions?pageSize=1.0`), 400);
    expect((await admin.agent.get(`/api/plans/${ids.planId}/actions?page=1`)).status).toBe(200);
  });
});

describe('text is well-formed and not blank', () => {
  it.each([
    ['a lone high surrogate', 'Progress \ud800 made', /broken character/],
    ['a lone low surrogate', '\udc00', /broken character/],
    ['only spaces', '   ', /only spaces/],
    ['only line breaks and tabs', '\n\t \r\n', /only spaces/],
  ])('an update commentary with %s → 400, nothing recorded', async (_name, commentary, message) => {
    const id = ids.actionId('1.2');
    const before = dbFingerprint(t.app, { includeAudit: true });
    const res = await post(
      admin,
      `/api/actions/${id}/updates`,
      { status: 'on_track', commentary },
      await etagOf(admin, id),
    );
    const p = expectProblem(res, 400);
    expect(p.detail).toMatch(message);
    expect(p.errors?.[0]?.path).toBe('body.commentary');
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });

  it('the same rule holds for every text field: a plan title, a search', async () => {
    const before = dbFingerprint(t.app, { includeAudit: true });
    expectProblem(await post(admin, '/api/plans', { title: '  ' }), 400);
    expectProblem(await post(admin, '/api/plans', { title: 'Plan \udfff' }), 400);
    expectProblem(await admin.agent.get('/api/users').query({ q: '   ' }), 400);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
    // A surrogate pair (an emoji) is well-formed and kept as written.
    const ok = await post(admin, '/api/plans', { title: 'Plan 😀' });
    expect(ok.status).toBe(201);
    expect(ok.body.title).toBe('Plan 😀');
  });
});

/** A raw HTTP request, for what supertest will not send. */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
  const { port } = t.app.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += String(c)));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type'] ?? ''),
          body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('errors the framework meets are problem details too', () => {
  const json = () => ({ 'content-type': 'application/json', 'x-csrf-token': csrf, cookie });
  it.each([
    ['headers too large', 431, () => raw('GET', '/api/auth/me', { 'x-big': 'a'.repeat(20_000) })],
    ['malformed JSON', 400, () => raw('POST', '/api/plans', json(), '{"title": "x"')],
    ['an empty JSON body', 400, () => raw('POST', '/api/plans', json(), '')],
    [
      'a body too large',
      413,
      () => raw('POST', '/api/plans', json(), JSON.stringify({ title: 'x'.repeat(1_100_000) })),
    ],
    [
      'an unsupported media type',
      415,
      () => raw('POST', '/api/plans', { ...json(), 'content-type': 'text/xml' }, '<plan/>'),
    ],
    ['a malformed address', 400, () => raw('GET', '/api/actions/%E0%A4%A', { cookie })],
    ['an unknown address', 404, () => raw('GET', '/api/nothing-here', {})],
  ])('%s → %i problem+json', async (_name, status, send) => {
    const before = dbFingerprint(t.app, { includeAudit: true });
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String) });
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });
});

describe('the session end is sent with every signed-in answer', () => {
  it('X-Session-Expires names when the session now ends; none without a session', async () => {
    const res = await admin.agent.get('/api/auth/me');
    expect(res.headers['x-session-expires']).toBe(res.body.expiresAt);
    const anon = await supertest(t.app.server).get('/api/app-info');
    expect(anon.headers['x-session-expires']).toBeUndefined();
  });
});

describe('API answers are never cached', () => {
  it('sends Cache-Control: no-store on data, problems and writes', async () => {
    expect((await admin.agent.get('/api/auth/me')).headers['cache-control']).toBe('no-store');
    expect((await admin.agent.get(`/api/plans/${ids.planId}/actions`)).headers['cache-control']).toBe(
      'no-store',
    );
    expect((await admin.agent.get('/api/actions/999999')).headers['cache-control']).toBe('no-store');
    expect((await post(admin, '/api/plans', { title: 'Cached?' })).headers['cache-control']).toBe('no-store');
  });
});

describe('the leads and evidence counts a list reads from the action row match their sources', () => {
  /** Each action whose stored leads or evidence counts differ from what its rows say (JSON key order too). */
  function mismatches(): { id: number; stored: string; expected: string }[] {
    const db = t.app.sqlite;
    const leadsOf = new Map<number, { id: number; name: string; kind: string }[]>();
    const leadRows = db
      .prepare(
        `SELECT al.action_id AS actionId, l.id, l.name, l.kind FROM action_leads al JOIN leads l ON l.id = al.lead_id
         ORDER BY al.action_id, al.position, l.id`,
      )
      .all() as { actionId: number; id: number; name: string; kind: string }[];
    for (const { actionId, ...lead } of leadRows)
      leadsOf.set(actionId, [...(leadsOf.get(actionId) ?? []), lead]);
    const counts = new Map<
      number,
      { submitted: number; accepted: number; rejected: number; withdrawn: number }
    >();
    const evidenceRows = db
      .prepare(
        'SELECT action_id AS actionId, review_state AS state, withdrawn_at AS withdrawnAt FROM evidence',
      )
      .all() as {
      actionId: number;
      state: 'submitted' | 'accepted' | 'rejected';
      withdrawnAt: string | null;
    }[];
    for (const e of evidenceRows) {
      const c = counts.get(e.actionId) ?? { submitted: 0, accepted: 0, rejected: 0, withdrawn: 0 };
      c[e.withdrawnAt ? 'withdrawn' : e.state]++;
      counts.set(e.actionId, c);
    }
    const rows = db
      .prepare('SELECT id, leads_json AS leads, evidence_counts_json AS evidence FROM actions')
      .all() as {
      id: number;
      leads: string | null;
      evidence: string | null;
    }[];
    expect(rows.length).toBeGreaterThan(20);
    return rows.flatMap((r) => {
      const stored = JSON.stringify({
        leads: r.leads === null ? null : JSON.parse(r.leads),
        evidence: r.evidence === null ? null : JSON.parse(r.evidence),
      });
      const expected = JSON.stringify({
        leads: leadsOf.get(r.id) ?? [],
        evidence: counts.get(r.id) ?? { submitted: 0, accepted: 0, rejected: 0, withdrawn: 0 },
      });
      return stored === expected ? [] : [{ id: r.id, stored, expected }];
    });
  }
  const listRow = async (planId: number, actionId: number) => {
    const res = await admin.agent.get(`/api/plans/${planId}/actions?pageSize=200&includeArchived=true`);
    expect(res.status).toBe(200);
    return (
      res.body.items as { id: number; leads: { name: string; kind: string }[]; evidenceCounts: object }[]
    ).find((a) => a.id === actionId);
  };
  const patch = (url: string, body: object, ifMatch: string) =>
    admin.agent.patch(url).set('x-csrf-token', admin.csrf).set('if-match', ifMatch).send(body);
  let actionId = 0;
  let leadA = 0;
  let leadB = 0;

  it('after the demo seed', () => {
    expect(mismatches()).toEqual([]);
  });

  it('after an action is added with two leads, and its leads reordered, changed and removed', async () => {
    leadA = ids.leadId('Head of First Response');
    leadB = ids.leadId('Head of Safeguarding');
    const areaId = (await admin.agent.get(`/api/actions/${ids.actionId('1.1')}`)).body.areaId as number;
    const created = await post(admin, `/api/plans/${ids.planId}/actions`, {
      ref: '1.41',
      areaId,
      objective: 'Kept lists agree with their sources.',
      leadIds: [leadB, leadA],
      timeframe: 'Mar 2027',
    });
    expect(created.status).toBe(201);
    actionId = created.body.id as number;
    expect((await listRow(ids.planId, actionId))?.leads.map((l) => l.name)).toEqual([
      'Head of Safeguarding',
      'Head of First Response',
    ]);
    expect(mismatches()).toEqual([]);
    for (const leadIds of [[leadA, leadB], [leadA], []]) {
      const res = await patch(`/api/actions/${actionId}`, { leadIds }, await etagOf(admin, actionId));
      if (leadIds.length === 0) expectProblem(res, 400);
      else expect(res.status).toBe(200);
      expect(mismatches()).toEqual([]);
    }
    expect((await listRow(ids.planId, actionId))?.leads.map((l) => l.name)).toEqual([
      'Head of First Response',
    ]);
  });

  it('after a lead is renamed or its kind changed: every action it leads', async () => {
    const before = (await admin.agent.get(`/api/leads/${leadA}`)).body as { version: number };
    let version = before.version;
    const renamed = await patch(
      `/api/leads/${leadA}`,
      { name: 'Head of Front Door' },
      `"lead${leadA}-v${version}"`,
    );
    expect(renamed.status).toBe(200);
    version++;
    expect(mismatches()).toEqual([]);
    expect((await listRow(ids.planId, actionId))?.leads).toEqual([
      { id: leadA, name: 'Head of Front Door', kind: 'person' },
    ]);
    expect((await listRow(ids.planId, ids.actionId('1.1')))?.leads.map((l) => l.name)).toContain(
      'Head of Front Door',
    );
    const team = await patch(`/api/leads/${leadA}`, { kind: 'team' }, `"lead${leadA}-v${version}"`);
    expect(team.status).toBe(200);
    version++;
    expect(mismatches()).toEqual([]);
    expect((await listRow(ids.planId, actionId))?.leads[0]?.kind).toBe('team');
    const back = await patch(
      `/api/leads/${leadA}`,
      { name: 'Head of First Response', kind: 'person' },
      `"lead${leadA}-v${version}"`,
    );
    expect(back.status).toBe(200);
    expect(mismatches()).toEqual([]);
  });

  it('after evidence is submitted, reviewed and withdrawn', async () => {
    const counts = async () => (await listRow(ids.planId, actionId))?.evidenceCounts;
    const submitted = await post(admin, `/api/actions/${actionId}/evidence`, {
      kind: 'note',
      title: 'Audit',
      purpose: 'completion',
      effectiveDate: '2026-11-01',
      note: 'Ten cases checked.',
    });
    expect(submitted.status).toBe(201);
    const e = submitted.body.id as number;
    expect(await counts()).toEqual({ submitted: 1, accepted: 0, rejected: 0, withdrawn: 0 });
    expect(mismatches()).toEqual([]);
    const reviewed = await post(
      chair,
      `/api/evidence/${e}/review`,
      { decision: 'accepted' },
      versionTag(t.app, 'evidence', e),
    );
    expect(reviewed.status).toBe(200);
    expect(await counts()).toEqual({ submitted: 0, accepted: 1, rejected: 0, withdrawn: 0 });
    expect(mismatches()).toEqual([]);
    expect((await post(admin, `/api/evidence/${e}/withdraw`, { reason: 'Duplicate' })).status).toBe(200);
    expect(await counts()).toEqual({ submitted: 0, accepted: 0, rejected: 0, withdrawn: 1 });
    expect(mismatches()).toEqual([]);
  });

  it('after a plan is imported', async () => {
    // The demo plan's own sources (an earlier test added a monitoring visit, whose numbers would clash).
    const sourceIds = ((await admin.agent.get('/api/sources')).body.items as { id: number; kind: string }[])
      .filter((s) => s.kind !== 'monitoring_visit')
      .map((s) => s.id);
    const plan = await post(admin, '/api/plans', {
      title: 'Imported',
      phase: 'Phase 2',
      status: 'active',
      sourceIds,
    });
    expect(plan.status).toBe(201);
    const body = { fileName: 'plan.csv', content: DEMO_PLAN_CSV.toString('base64') };
    const preview = await post(admin, `/api/plans/${plan.body.id}/imports`, body);
    expect(preview.status).toBe(200);
    const commit = await post(admin, `/api/plans/${plan.body.id}/imports/commit`, {
      ...body,
      previewToken: preview.body.previewToken,
    });
    expect(commit.status, JSON.stringify(commit.body)).toBe(201);
    expect((await admin.agent.get(`/api/plans/${plan.body.id}/actions`)).body.total).toBe(21);
    expect(mismatches()).toEqual([]);
  });

  it('after a roll-over', async () => {
    const res = await post(admin, `/api/plans/${ids.planId}/roll-over`, { phase: 'Phase 3' });
    expect(res.status).toBe(201);
    const carried = res.body.carried as { id: number }[];
    expect(carried.length).toBeGreaterThan(0);
    expect((await listRow(res.body.plan.id, carried[0]?.id ?? 0))?.leads.length).toBeGreaterThan(0);
    expect(mismatches()).toEqual([]);
  });

  it('rows written before the columns existed are filled at start-up, once, as the sources say', () => {
    const read = () => t.app.sqlite.prepare('SELECT id, leads_json, evidence_counts_json FROM actions').all();
    const before = read();
    t.app.sqlite.prepare('UPDATE actions SET leads_json = NULL, evidence_counts_json = NULL').run();
    expect(mismatches().length).toBe(before.length);
    expect(t.app.services.actions.backfillListParts()).toBe(before.length);
    expect(t.app.services.actions.backfillListParts()).toBe(0);
    expect(read()).toEqual(before);
    expect(mismatches()).toEqual([]);
  });
});
