/**
 * Faults of the server's storage are named, not blamed on the user: a full database (a real SQLITE_FULL,
 * from SQLite's own page limit) answers 507 with Retry-After, nothing acknowledged is lost, /healthz says so,
 * and the service recovers without a restart once there is room again.
 */
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem, signIn, type SignedIn, type TestApp } from '../helpers/app.js';
import { demoIds, etagOf, post, type DemoIds } from '../helpers/demo.js';

let t: TestApp;
let admin: SignedIn;
let ids: DemoIds;
beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin@example.org');
  ids = await demoIds(admin);
});
afterAll(async () => {
  await t.close();
});

describe('a full disk', () => {
  it('answers 507 with Retry-After, stores nothing it did not acknowledge, shows in /healthz, and recovers without a restart', async () => {
    const id = ids.actionId('1.2');
    let etag = await etagOf(admin, id);
    const pages = Number(t.app.sqlite.pragma('page_count', { simple: true }));
    t.app.sqlite.pragma(`max_page_count = ${pages + 2}`);

    const acknowledged: string[] = [];
    let full: supertest.Response | null = null;
    for (let i = 0; i < 200 && !full; i++) {
      const commentary = `fill ${i} ${'x'.repeat(3000)}`;
      const res = await post(admin, `/api/actions/${id}/updates`, { status: 'on_track', commentary }, etag);
      if (res.status === 201) {
        acknowledged.push(commentary);
        etag = res.headers.etag as string;
      } else full = res;
    }
    expect(full, 'the page limit was never reached').not.toBeNull();
    const p = expectProblem(full as supertest.Response, 507);
    expect(full?.body.type).toBe('urn:ipt:problem:insufficient-storage');
    expect(full?.headers['retry-after']).toBe('300');
    expect(p.detail).toMatch(/Nothing was saved: the server’s disk is full/);

    const stored = t.app.sqlite
      .prepare("SELECT commentary FROM action_updates WHERE commentary LIKE 'fill %' ORDER BY id")
      .all()
      .map((r) => (r as { commentary: string }).commentary);
    expect(stored).toEqual(acknowledged);

    const health = await supertest(t.app.server).get('/healthz');
    expect(expectProblem(health, 503).detail).toMatch(/A write failed with SQLITE_FULL/);

    // Room again (an operator freed space): the next write succeeds and health recovers, with no restart.
    t.app.sqlite.pragma('max_page_count = 1073741823');
    const again = await post(
      admin,
      `/api/actions/${id}/updates`,
      { status: 'on_track', commentary: 'after' },
      etag,
    );
    expect(again.status).toBe(201);
    expect((await supertest(t.app.server).get('/healthz')).status).toBe(200);
  });
});

describe('/healthz', () => {
  it('is 200 with the database answering, folders writable and enough free space', async () => {
    const res = await supertest(t.app.server).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'ok' });
  });

  it('reports too little free space against MIN_FREE_MB', async () => {
    const saved = t.app.config.minFreeBytes;
    t.app.config.minFreeBytes = Number.MAX_SAFE_INTEGER;
    try {
      const res = await supertest(t.app.server).get('/healthz');
      expect(expectProblem(res, 503).errors?.map((e) => e.path)).toContain('disk');
      expect(res.body.detail).toMatch(/MB free, less than MIN_FREE_MB/);
    } finally {
      t.app.config.minFreeBytes = saved;
    }
  });
});
