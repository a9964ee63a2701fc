/**
 * The security headers every response carries, exactly (they are set once per request from a fixed set), and
 * `Cache-Control: no-store` on everything the API answers: data, problems, writes.
 */
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../helpers/app.js';

/** Written out here, not imported: a change to any of them must be a change to this test too. */
const EXPECTED = {
  'content-security-policy':
    "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';connect-src 'self';object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

let t: TestApp;
let chair: SignedIn;
beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  chair = await signIn(t.app, 'chair@example.org');
});
afterAll(async () => {
  await t.close();
});

function securityHeadersOf(headers: Record<string, unknown>) {
  return Object.fromEntries(Object.keys(EXPECTED).map((name) => [name, headers[name]]));
}

describe('security headers', () => {
  it.each([
    ['a signed-in read', 200, () => chair.agent.get('/api/auth/me')],
    [
      'a signed-in write',
      200,
      () => chair.agent.put('/api/me/plan').set('x-csrf-token', chair.csrf).send({ planId: null }),
    ],
    ['a problem: not signed in', 401, () => supertest(t.app.server).get('/api/actions/1')],
    ['a problem: no such address', 404, () => supertest(t.app.server).get('/api/nothing-here')],
    ['a problem: a malformed address', 400, () => supertest(t.app.server).get('/api/actions/%E0%A4%A')],
  ])('%s (%i) carries every one, and no-store', async (_name, status, send) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(securityHeadersOf(res.headers)).toEqual(EXPECTED);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('outside the API: the same headers, and no Cache-Control of ours', async () => {
    const res = await supertest(t.app.server).get('/healthz');
    expect(res.status).toBe(200);
    expect(securityHeadersOf(res.headers)).toEqual(EXPECTED);
    expect(res.headers['cache-control']).toBeUndefined();
  });

  it('a route that sets its own Cache-Control keeps it', async () => {
    const plans = await chair.agent.get('/api/plans');
    const planId = (plans.body as { items: { id: number }[] }).items[0]?.id;
    const res = await chair.agent.get(`/api/plans/${planId}/export?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(securityHeadersOf(res.headers)).toEqual(EXPECTED);
  });
});
