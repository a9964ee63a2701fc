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
} from '../helpers/app.js';
import { demoIds, etagOf, post, type DemoIds } from '../helpers/demo.js';

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
