/**
 * What the set-up page's change screens send: a source's name, kind and date; a recommendation's wording and
 * number; a theme's and an area's name; and a source's recommendations in a new order — each administrators
 * only, under If-Match, refused whole when wrong, and audited.
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

const etag = (kind: string, r: { id: number; version: number }) => `"${kind}${r.id}-v${r.version}"`;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin@example.org');
  chair = await signIn(t.app, 'chair@example.org');
});
afterAll(async () => {
  await t.close();
});

async function send(
  who: SignedIn,
  method: 'post' | 'patch' | 'put',
  url: string,
  body: object,
  ifMatch?: string,
) {
  const req = who.agent[method](url).set('x-csrf-token', who.csrf);
  if (ifMatch) req.set('if-match', ifMatch);
  return req.send(body);
}

async function sourceWithRecs(title: string, numbers: string[]) {
  const plan = (await send(admin, 'post', '/api/plans', { title: `${title} plan` })).body;
  const source = (
    await send(admin, 'post', '/api/sources', {
      kind: 'monitoring_visit',
      title,
      issuedOn: '2026-03-01',
      planIds: [plan.id],
    })
  ).body;
  const recs = [];
  for (const number of numbers)
    recs.push(
      (
        await send(admin, 'post', '/api/recommendations', {
          sourceId: source.id,
          number,
          text: `Rec ${number}`,
        })
      ).body,
    );
  return { plan, source, recs };
}

describe('changing a source from the set-up page', () => {
  it('changes its name, kind and date under If-Match, audited; refuses a bad date whole', async () => {
    const { source } = await sourceWithRecs('Monitoring visit letter', ['1']);
    const url = `/api/sources/${source.id}`;
    const before = dbFingerprint(t.app, { includeAudit: true });
    const bad = await send(
      admin,
      'patch',
      url,
      { issuedOn: '2026-02-30', title: 'X' },
      etag('source', source),
    );
    expect(expectProblem(bad, 400).errors?.[0]?.path).toMatch(/issuedOn/);
    expectProblem(await send(chair, 'patch', url, { title: 'X' }, etag('source', source)), 403);
    expectProblem(await send(admin, 'patch', url, { title: 'X' }), 428);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);

    const ok = await send(
      admin,
      'patch',
      url,
      { title: 'Peer review of the front door', kind: 'peer_review', issuedOn: '2026-04-15' },
      etag('source', source),
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      title: 'Peer review of the front door',
      kind: 'peer_review',
      issuedOn: '2026-04-15',
    });
    expect(auditRows(t.app).at(-1)).toMatchObject({
      event: 'update',
      entity_type: 'source',
      entity_id: source.id,
      user_id: admin.user.id,
    });
    expectProblem(await send(admin, 'patch', url, { title: 'Again' }, etag('source', source)), 412);
  });
});

describe('the answer to a change of a versioned record', () => {
  it('carries the ETag of its new version: a source, a recommendation and a plan, changed and archived', async () => {
    const { plan, source, recs } = await sourceWithRecs('ETag letter', ['1']);
    type Record = { id: number; version: number; archivedAt?: string | null };
    /** Sends a change under the record's If-Match; expects 200 and the ETag of the version it answers. */
    async function change(kind: string, method: 'patch' | 'post', url: string, body: object, record: Record) {
      const res = await send(admin, method, url, body, etag(kind, record));
      expect(res.status, `${kind}: ${JSON.stringify(res.body)}`).toBe(200);
      expect(res.headers.etag).toBe(etag(kind, res.body as Record));
      return res.body as Record;
    }
    const src = await change(
      'source',
      'patch',
      `/api/sources/${source.id}`,
      { title: 'ETag letter, 2026' },
      source,
    );
    const rec = await change(
      'recommendation',
      'patch',
      `/api/recommendations/${recs[0]!.id}`,
      { text: 'Rec one' },
      recs[0]!,
    );
    const reason = { reason: 'Withdrawn' };
    for (const archived of [
      await change('recommendation', 'post', `/api/recommendations/${rec.id}/archive`, reason, rec),
      await change('source', 'post', `/api/sources/${src.id}/archive`, reason, src),
      await change('plan', 'post', `/api/plans/${plan.id}/archive`, reason, plan),
    ])
      expect(archived.archivedAt).not.toBeNull();
  });
});

describe('putting a source’s recommendations in a new order', () => {
  it('needs the source’s If-Match (428, 412), every live recommendation once (400), administrators only; audited', async () => {
    const { source, recs } = await sourceWithRecs('Ordered letter', ['1', '2', '3']);
    const url = `/api/sources/${source.id}/recommendation-order`;
    const ids = recs.map((r: { id: number }) => r.id);
    const order = [ids[2], ids[0], ids[1]];

    const before = dbFingerprint(t.app, { includeAudit: true });
    expectProblem(await send(admin, 'put', url, { recommendationIds: order }), 428);
    expectProblem(
      await send(admin, 'put', url, { recommendationIds: order }, etag('source', { ...source, version: 9 })),
      412,
    );
    const wrong = expectProblem(
      await send(admin, 'put', url, { recommendationIds: [ids[0], ids[1]] }, etag('source', source)),
      400,
    );
    expect(wrong.errors?.[0]).toMatchObject({ path: 'body.recommendationIds' });
    expect(wrong.errors?.[0]?.message).toMatch(/list every live recommendation of this source once/);
    expectProblem(await send(chair, 'put', url, { recommendationIds: order }, etag('source', source)), 403);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);

    const res = await send(admin, 'put', url, { recommendationIds: order }, etag('source', source));
    expect(res.status).toBe(200);
    expect(res.body.map((r: { id: number }) => r.id)).toEqual(order);
    const listed = (await admin.agent.get('/api/recommendations').query({ sourceId: source.id })).body.items;
    expect(listed.map((r: { number: string }) => r.number)).toEqual(['3', '1', '2']);
    expect((await admin.agent.get(`/api/sources/${source.id}`)).body.version).toBe(source.version + 1);
    expect(auditRows(t.app).at(-1)).toMatchObject({
      event: 'reorder',
      entity_type: 'source',
      entity_id: source.id,
      user_id: admin.user.id,
    });
  });

  it('changes a recommendation’s wording and number, refusing a number the source already has', async () => {
    const { recs } = await sourceWithRecs('Wording letter', ['1', '2']);
    const url = `/api/recommendations/${recs[1].id}`;
    const before = dbFingerprint(t.app, { includeAudit: true });
    expect(
      expectProblem(await send(admin, 'patch', url, { number: '1' }, etag('recommendation', recs[1])), 409)
        .detail,
    ).toMatch(/already has a recommendation 1/);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
    const ok = await send(
      admin,
      'patch',
      url,
      { number: '2a', text: 'Sharper words' },
      etag('recommendation', recs[1]),
    );
    expect(ok.body).toMatchObject({ number: '2a', text: 'Sharper words' });
    expect(auditRows(t.app).at(-1)).toMatchObject({ event: 'update', entity_type: 'recommendation' });
  });
});
