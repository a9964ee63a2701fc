import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  DEMO_PASSWORD,
  dbFingerprint,
  expectProblem,
  signIn,
  type TestApp,
} from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ demo: true });
});
afterAll(async () => {
  await t.close();
});

describe('sign-in', () => {
  it('signs in with email and password, sets a safe session cookie, and answers the user and a CSRF token', async () => {
    const res = await supertest(t.app.server)
      .post('/api/auth/sign-in')
      .send({ email: 'Chair@Example.org', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: 'chair@example.org', role: 'chair' });
    expect(res.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^ipt_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
  });

  it('stores the password as argon2id and the session only as a hash of its id', async () => {
    const { user } = await signIn(t.app, 'adviser@example.org');
    const row = t.app.sqlite.prepare('SELECT password_hash FROM users WHERE id = ?').get(user.id) as {
      password_hash: string;
    };
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const res = await supertest(t.app.server)
      .post('/api/auth/sign-in')
      .send({ email: 'adviser@example.org', password: DEMO_PASSWORD });
    const token = /ipt_session=([^;]+)/.exec(String(res.headers['set-cookie']))?.[1] ?? '';
    const stored = t.app.sqlite.prepare('SELECT id_hash FROM sessions').all() as { id_hash: string }[];
    expect(stored.some((s) => s.id_hash === token)).toBe(false);
    expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.id_hash))).toBe(true);
  });

  it('answers a wrong password and an unknown email alike, with 401 problem details', async () => {
    const wrong = await supertest(t.app.server)
      .post('/api/auth/sign-in')
      .send({ email: 'viewer@example.org', password: 'nope' });
    const unknown = await supertest(t.app.server)
      .post('/api/auth/sign-in')
      .send({ email: 'nobody@example.org', password: 'nope' });
    expect(expectProblem(wrong, 401).detail).toBe(expectProblem(unknown, 401).detail);
  });

  it('refuses a sign-in posted from another site', async () => {
    const res = await supertest(t.app.server)
      .post('/api/auth/sign-in')
      .set('origin', 'https://evil.example.com')
      .send({ email: 'chair@example.org', password: DEMO_PASSWORD });
    expectProblem(res, 403);
  });
});

describe('sign-in throttling', () => {
  it('answers 429 with Retry-After once the per-address limit is reached', async () => {
    const limited = await buildTestApp({ config: { signInRateLimit: { max: 3, windowSeconds: 60 } } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await supertest(limited.app.server)
          .post('/api/auth/sign-in')
          .send({ email: 'x@example.org', password: 'y' });
        codes.push(res.status);
        if (res.status === 429) {
          expectProblem(res, 429);
          expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        }
      }
      expect(codes).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('session', () => {
  it('GET /api/auth/me answers the user and the same CSRF token; 401 without a session', async () => {
    const s = await signIn(t.app, 'head.of.quality.assurance@example.org');
    const me = await s.agent.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.role).toBe('lead');
    expect(me.body.user.leadId).toEqual(expect.any(Number));
    expect(me.body.csrfToken).toBe(s.csrf);
    expectProblem(await supertest(t.app.server).get('/api/auth/me'), 401);
  });

  it('refuses a change without the CSRF token, or with the wrong one, and changes nothing', async () => {
    const s = await signIn(t.app, 'admin@example.org');
    const before = dbFingerprint(t.app, { includeAudit: true });
    const missing = await s.agent.post('/api/plans').send({ title: 'Sneaky plan' });
    expect(expectProblem(missing, 403).detail).toMatch(/X-CSRF-Token header is missing/);
    const wrong = await s.agent
      .post('/api/plans')
      .set('x-csrf-token', 'x'.repeat(43))
      .send({ title: 'Sneaky plan' });
    expect(expectProblem(wrong, 403).detail).toMatch(/does not match/);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });

  it('sign-out ends the session for good', async () => {
    const s = await signIn(t.app, 'viewer@example.org');
    const out = await s.agent.post('/api/auth/sign-out').set('x-csrf-token', s.csrf);
    expect(out.status).toBe(204);
    expectProblem(await s.agent.get('/api/auth/me'), 401);
  });

  it('a session expires after the idle time', async () => {
    const s = await signIn(t.app, 'viewer@example.org');
    t.clock.advance((t.config.sessionIdleMinutes + 1) * 60_000);
    expectProblem(await s.agent.get('/api/auth/me'), 401);
  });

  it('closing an account ends its sessions', async () => {
    const admin = await signIn(t.app, 'admin@example.org');
    const lead = await signIn(t.app, 'head.of.placements@example.org');
    const etag = (await admin.agent.get(`/api/users/${lead.user.id}`)).headers.etag as string;
    const res = await admin.agent
      .patch(`/api/users/${lead.user.id}`)
      .set('x-csrf-token', admin.csrf)
      .set('if-match', etag)
      .send({ active: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expectProblem(await lead.agent.get('/api/auth/me'), 401);
    const again = await supertest(t.app.server)
      .post('/api/auth/sign-in')
      .send({ email: 'head.of.placements@example.org', password: DEMO_PASSWORD });
    expect(expectProblem(again, 401).detail).toMatch(
      /deactivated\. If you still need access, ask your programme office \(an administrator of this tracker\) to reactivate it/,
    );
  });
});

describe('cookies over HTTPS', () => {
  it('marks the session cookie Secure when served over HTTPS behind a trusted proxy', async () => {
    const proxied = await buildTestApp({ demo: true, config: { trustProxy: 1 } });
    try {
      const res = await supertest(proxied.app.server)
        .post('/api/auth/sign-in')
        .set('x-forwarded-proto', 'https')
        .send({ email: 'chair@example.org', password: DEMO_PASSWORD });
      expect(res.status).toBe(200);
      expect(String(res.headers['set-cookie'])).toContain('Secure');
    } finally {
      await proxied.close();
    }
  });
});
