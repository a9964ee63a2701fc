/**
 * The action page (GET /api/actions/:id) sends its history lists — updates, timeframe changes, sign-offs — as
 * SQLite wrote them, not parsed and serialised again. These tests hold that to the response schema's own
 * serializer: for every demo action, and for text that needs escaping, the bytes sent are exactly the bytes
 * the serializer makes of the same answer.
 */
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { ActionDetail } from '@ipt/shared/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutIds } from '../../server/src/lib/lazy-compilers.js';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../helpers/app.js';
import { demoIds, etagOf, post, type DemoIds } from '../helpers/demo.js';

/** The serializer fastify compiles for the route's 200 answer, made the same way. */
const serialize = SerializerSelector()()({
  schema: withoutIds(ActionDetail),
  method: 'GET',
  url: '/api/actions/:id',
  httpStatus: '200',
}) as (data: unknown) => string;

let t: TestApp;
let admin: SignedIn;
let chair: SignedIn;
let ids: DemoIds;
beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin@example.org');
  chair = await signIn(t.app, 'chair@example.org');
  ids = await demoIds(admin);
});
afterAll(async () => {
  await t.close();
});

async function page(s: SignedIn, id: number): Promise<{ text: string; body: ActionDetail }> {
  const res = await s.agent
    .get(`/api/actions/${id}`)
    .buffer(true)
    .parse((r, cb) => {
      let text = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (text += c));
      r.on('end', () => cb(null, text));
    });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  const text = res.body as string;
  return { text, body: JSON.parse(text) as ActionDetail };
}

describe('the action page', () => {
  it('sends every demo action byte for byte as the response serializer would, with its ETag', async () => {
    const all = (await admin.agent.get(`/api/plans/${ids.planId}/actions?pageSize=200&includeArchived=true`))
      .body.items as { id: number; version: number }[];
    expect(all.length).toBeGreaterThan(20);
    let updates = 0;
    let changes = 0;
    let signOffs = 0;
    for (const a of all) {
      const { text, body } = await page(admin, a.id);
      expect(text).toBe(serialize(body));
      expect(body.id).toBe(a.id);
      updates += body.updates.length;
      changes += body.dueDateChanges.length;
      signOffs += body.signOffs.length;
    }
    // The demo plan has each kind of history, so each list was compared with something in it.
    expect(updates).toBeGreaterThan(0);
    expect(changes).toBeGreaterThan(0);
    expect(signOffs).toBeGreaterThan(0);
  });

  it('escapes text exactly as the serializer does, even text that looks like the answer’s own keys', async () => {
    const id = ids.actionId('1.1');
    const commentary =
      'Line one\nline two\ttabbed, "quoted", back\\slash, \u0001 control, ünïcödé, 😀, \u2028 and "updates":[],"dueDateChanges":[],"signOffs":[] as text';
    const res = await post(
      chair,
      `/api/actions/${id}/updates`,
      { status: 'on_track', reportedRag: 'green', commentary },
      await etagOf(chair, id),
    );
    expect(res.status).toBe(201);
    const { text, body } = await page(chair, id);
    expect(body.updates[0]?.commentary).toBe(commentary);
    expect(text).toBe(serialize(body));
  });

  it('answers each reader as the serializer would: canUpdate and the ETag follow the reader and the version', async () => {
    const id = ids.actionId('1.1');
    const viewer = await signIn(t.app, 'viewer@example.org');
    const asChair = await page(chair, id);
    const asViewer = await page(viewer, id);
    expect(asChair.body.canUpdate).toBe(true);
    expect(asViewer.body.canUpdate).toBe(false);
    expect(asViewer.text).toBe(serialize(asViewer.body));
    expect(await etagOf(viewer, id)).toBe(`"action${id}-v${asViewer.body.version}"`);
  });
});
