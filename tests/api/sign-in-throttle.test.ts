/**
 * Sign-in cannot be turned against users: no account lock, progressive delays per address and per account
 * from an address, identical answers for known and unknown emails, and an administrator who can see and clear
 * the delays.
 */
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, DEMO_PASSWORD, expectProblem, signIn, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  // The client is the proxy (one hop): the address is the last X-Forwarded-For entry.
  t = await buildTestApp({ demo: true, config: { trustProxy: 1 } });
});
afterAll(async () => {
  await t.close();
});

function attempt(email: string, password: string, address: string, userAgent = 'throttle-test') {
  return supertest(t.app.server)
    .post('/api/auth/sign-in')
    .set('x-forwarded-for', address)
    .set('user-agent', userAgent)
    .send({ email, password });
}

describe('progressive sign-in delays', () => {
  it('20 wrong passwords from one address do not stop the right one from another address', async () => {
    const email = 'chair@example.org';
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await attempt(email, 'wrong-guess', '198.51.100.1')).status);
    // Five checked and refused, then the address waits (the sixth wrong one doubles the wait, and so on).
    expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(statuses.slice(6).every((s) => s === 429)).toBe(true);
    const chair = await attempt(email, DEMO_PASSWORD, '203.0.113.9');
    expect(chair.status).toBe(200);
    // The guesser's address still waits, even with the right password.
    expectProblem(await attempt(email, DEMO_PASSWORD, '198.51.100.1'), 429);
  });

  it('doubles the wait after each further failure, says how long, and never locks', async () => {
    const email = 'viewer@example.org';
    const address = '198.51.100.2';
    for (let i = 0; i < 5; i++) expectProblem(await attempt(email, 'wrong', address), 401);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      expectProblem(await attempt(email, 'wrong', address), 401);
      const refused = await attempt(email, 'wrong', address);
      const p = expectProblem(refused, 429);
      const wait = Number(refused.headers['retry-after']);
      expect(p.detail).toMatch(new RegExp(`Wait ${wait} seconds?`));
      waits.push(wait);
      t.clock.advance(wait * 1000);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16]);
    // Once the wait has passed, the right password works: nothing was locked.
    expect((await attempt(email, DEMO_PASSWORD, address)).status).toBe(200);
    // …and that address's count for the account starts again.
    expectProblem(await attempt(email, 'wrong', address), 401);
  });

  it('answers known and unknown emails identically: status, body, Retry-After and timing', async () => {
    type Answer = { status: number; body: unknown; retryAfter: unknown; ms: number };
    const once = async (email: string, address: string): Promise<Answer> => {
      const started = performance.now();
      const res = await attempt(email, 'not-the-password', address);
      return {
        status: res.status,
        body: res.body,
        retryAfter: res.headers['retry-after'],
        ms: performance.now() - started,
      };
    };
    // Interleaved, so that both meet the same load on a shared machine.
    const known: Answer[] = [];
    const unknown: Answer[] = [];
    for (let i = 0; i < 8; i++) {
      known.push(await once('adviser@example.org', '198.51.100.3'));
      unknown.push(await once('nobody.here@example.org', '198.51.100.4'));
    }
    const strip = (xs: typeof known) => xs.map(({ ms: _ms, ...rest }) => rest);
    expect(strip(known)).toEqual(strip(unknown));
    expect(known.map((x) => x.status)).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    // Checked attempts both verify a password hash; refused ones both skip it.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const k = median(known.slice(0, 6).map((x) => x.ms));
    const u = median(unknown.slice(0, 6).map((x) => x.ms));
    expect(Math.max(k, u) / Math.min(k, u)).toBeLessThan(3);
  });

  it('slows one address trying many accounts', async () => {
    const address = '198.51.100.5';
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++)
      statuses.push((await attempt(`guess${i}@example.org`, 'wrong', address)).status);
    expect(statuses.slice(0, 21).every((s) => s === 401)).toBe(true);
    const refused = await attempt('another@example.org', 'wrong', address);
    expectProblem(refused, 429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a forged X-Forwarded-For does not escape the delay behind one trusted proxy', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await attempt('head.of.finance@example.org', 'wrong', `10.${i}.0.1, 198.51.100.6`);
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(4);
  });

  it('audits each failed sign-in with the address and user agent, known or not', async () => {
    await attempt('chair@example.org', 'typo', '198.51.100.7', 'Mozilla/5.0 audit-check');
    await attempt('ghost@example.org', 'typo', '198.51.100.7', 'Mozilla/5.0 audit-check');
    const rows = t.app.sqlite
      .prepare(
        "SELECT user_id, entity_id, after, address, user_agent FROM audit_log WHERE event = 'sign_in_failed' AND address = ? ORDER BY id",
      )
      .all('198.51.100.7') as {
      user_id: number | null;
      entity_id: number | null;
      after: string;
      address: string;
      user_agent: string;
    }[];
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => JSON.parse(r.after).email)).toEqual(['chair@example.org', 'ghost@example.org']);
    expect(rows.every((r) => r.user_agent === 'Mozilla/5.0 audit-check' && r.user_id === null)).toBe(true);
    expect(rows[0]?.entity_id).toEqual(expect.any(Number));
    expect(rows[1]?.entity_id).toBeNull();
  });

  it('every audit row of a request carries its address and user agent', async () => {
    const res = await attempt('adviser@example.org', DEMO_PASSWORD, '198.51.100.8', 'Agent/8');
    expect(res.status).toBe(200);
    const row = t.app.sqlite
      .prepare("SELECT address, user_agent FROM audit_log WHERE event = 'sign_in' ORDER BY id DESC LIMIT 1")
      .get() as { address: string; user_agent: string };
    expect(row).toEqual({ address: '198.51.100.8', user_agent: 'Agent/8' });
    const admin = await signIn(t.app, 'admin@example.org');
    const log = await admin.agent.get('/api/audit').query({ entityType: 'user', userId: res.body.user.id });
    expect(log.body.items[0]).toMatchObject({
      event: 'sign_in',
      address: '198.51.100.8',
      userAgent: 'Agent/8',
    });
  });
});

describe('an administrator sees and clears the delays', () => {
  it('lists what is counted against an account, clears it (audited), and the address may try again', async () => {
    const email = 'head.of.quality.assurance@example.org';
    const address = '198.51.100.9';
    for (let i = 0; i < 7; i++) await attempt(email, 'wrong', address);
    expectProblem(await attempt(email, DEMO_PASSWORD, address), 429);

    const admin = await signIn(t.app, 'admin@example.org');
    const lead = await signIn(t.app, 'head.of.first.response@example.org');
    const users = await admin.agent.get('/api/users').query({ q: email });
    const userId = users.body.items[0].id as number;

    const seen = await admin.agent.get(`/api/users/${userId}/sign-in-throttle`);
    expect(seen.status).toBe(200);
    expect(seen.body.email).toBe(email);
    const pair = seen.body.entries.find((e: { kind: string }) => e.kind === 'pair');
    expect(pair).toMatchObject({ email, address, failures: 6 });
    expect(pair.waitUntil).toEqual(expect.any(String));
    const all = await admin.agent.get('/api/sign-in-throttles');
    expect(all.body.items.some((e: { address: string | null }) => e.address === address)).toBe(true);

    expectProblem(await lead.agent.get(`/api/users/${userId}/sign-in-throttle`), 403);
    expectProblem(
      await lead.agent.delete(`/api/users/${userId}/sign-in-throttle`).set('x-csrf-token', lead.csrf),
      403,
    );

    const cleared = await admin.agent
      .delete(`/api/users/${userId}/sign-in-throttle`)
      .set('x-csrf-token', admin.csrf);
    expect(cleared.status).toBe(200);
    expect(cleared.body.cleared).toBe(2);
    const audit = t.app.sqlite
      .prepare("SELECT user_id, entity_id FROM audit_log WHERE event = 'sign_in_throttle_cleared'")
      .all();
    expect(audit).toEqual([{ user_id: admin.user.id, entity_id: userId }]);
    // The address-wide count is another matter: clear it too, by address.
    const byAddress = await admin.agent
      .delete('/api/sign-in-throttles')
      .query({ address })
      .set('x-csrf-token', admin.csrf);
    expect(byAddress.status).toBe(200);
    expect((await attempt(email, DEMO_PASSWORD, address)).status).toBe(200);
  });
});

describe('an account attacked from many addresses', () => {
  it('answers more slowly, but the right password still works from a fresh address', async () => {
    const slow = await buildTestApp({
      demo: true,
      config: {
        trustProxy: 1,
        signInThrottle: {
          pairFreeFailures: 5,
          addressFreeFailures: 20,
          accountFreeFailures: 3,
          maxDelaySeconds: 900,
          accountMaxSlowMs: 400,
          forgetAfterHours: 24,
        },
      },
    });
    try {
      const go = (password: string, address: string) =>
        supertest(slow.app.server)
          .post('/api/auth/sign-in')
          .set('x-forwarded-for', address)
          .send({ email: 'chair@example.org', password });
      for (let i = 0; i < 6; i++) expectProblem(await go('wrong', `192.0.2.${i + 1}`), 401);
      const started = performance.now();
      const res = await go(DEMO_PASSWORD, '192.0.2.200');
      expect(res.status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    } finally {
      await slow.close();
    }
  });
});
