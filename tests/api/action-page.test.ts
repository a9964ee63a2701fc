/**
 * The action page (GET /api/actions/:id) is sent as the JSON text SQLite writes, not parsed and serialised
 * again. These tests hold that to the response schema and its own serializer: for every demo action, each
 * reader, and text that needs escaping, the answer validates against ActionDetail and its bytes are exactly
 * the bytes the serializer makes of the same answer (so no field is missing, extra or out of order); what
 * SQL decides beyond the row (a recommendation's label, what the reader may do) is checked against the rule
 * written in JavaScript.
 */
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ActionDetail } from '@ipt/shared/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canUpdateAction } from '../../server/src/domain/access.js';
import { recommendationLabel } from '../../server/src/domain/citations.js';
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

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const valid = addFormats(new Ajv({ strict: false, allErrors: true })).compile(withoutIds(ActionDetail));

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
  const body = JSON.parse(text) as ActionDetail;
  if (!valid(body)) throw new Error(`action ${id}: ${JSON.stringify(valid.errors, null, 1)}`);
  expect(text).toBe(serialize(body));
  expect(res.headers.etag).toBe(`"action${id}-v${body.version}"`);
  return { text, body };
}

describe('the action page', () => {
  it('sends every demo action valid and byte for byte as the response serializer would, with its ETag', async () => {
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

  it('writes an update’s optional fields only where they apply, in the serializer’s order', async () => {
    const id = ids.actionId('1.2');
    const before = (await page(chair, id)).body;
    const lead = before.leads[0];
    const corrected = before.updates[0];
    if (!lead || !corrected) throw new Error('action 1.2 has no lead or no update');
    const res = await post(
      chair,
      `/api/actions/${id}/updates`,
      {
        status: 'at_risk',
        commentary: 'A correction recorded for the lead.',
        correctsUpdateId: corrected.id,
        onBehalfOfLeadId: lead.id,
      },
      await etagOf(chair, id),
    );
    expect(res.status).toBe(201);
    const { body } = await page(chair, id);
    expect(body.updates[0]).toMatchObject({
      onBehalfOf: { id: lead.id, name: lead.name },
      correctsUpdateId: corrected.id,
    });
    expect(Object.keys(body.updates[1] ?? {})).not.toContain('actionId');
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

  it('gives each reader what they may do: a lead updates the live actions they lead, and no other', async () => {
    const lead = await signIn(t.app, 'head.of.first.response@example.org');
    const me = (await lead.agent.get('/api/auth/me')).body as {
      user: { role: 'lead'; leadId: number | null };
    };
    const all = (await admin.agent.get(`/api/plans/${ids.planId}/actions?pageSize=200&includeArchived=true`))
      .body.items as { id: number }[];
    const seen = new Set<boolean>();
    for (const a of all) {
      const { body } = await page(lead, a.id);
      const expected =
        body.archivedAt === null &&
        !body.planClosed &&
        canUpdateAction(
          me.user,
          body.leads.map((l) => l.id),
        );
      expect(body.canUpdate, `action ${body.ref}`).toBe(expected);
      seen.add(expected);
    }
    expect([...seen].sort()).toEqual([false, true]);
  });

  it('labels each recommendation as recommendationLabel does, white space in the citation included', async () => {
    const all = (await admin.agent.get(`/api/plans/${ids.planId}/actions?pageSize=200&includeArchived=true`))
      .body.items as { id: number }[];
    const listed = new Map(
      (
        (await admin.agent.get(`/api/recommendations?planId=${ids.planId}&pageSize=200&includeArchived=true`))
          .body.items as { id: number; label: string; number: string }[]
      ).map((r) => [r.id, r]),
    );
    let labels = 0;
    for (const a of all) {
      for (const r of (await page(admin, a.id)).body.recommendations) {
        expect(r.label).toBe(listed.get(r.id)?.label);
        labels++;
      }
    }
    expect(labels).toBeGreaterThan(10);

    const id = ids.actionId('1.1');
    const first = (await page(admin, id)).body.recommendations[0];
    if (!first) throw new Error('action 1.1 answers no recommendation');
    const source = await admin.agent.get(`/api/sources/${first.sourceId}`);
    const number = listed.get(first.id)?.number ?? '';
    let etag = source.headers.etag as string;
    for (const citation of ['\u00a0\u3000Ofsted  recommendation\u2028\ufeff ', '']) {
      const res = await admin.agent
        .patch(`/api/sources/${first.sourceId}`)
        .set('x-csrf-token', admin.csrf)
        .set('if-match', etag)
        .send({ citation });
      expect(res.status).toBe(200);
      etag = res.headers.etag as string;
      const label = (await page(admin, id)).body.recommendations.find((r) => r.id === first.id)?.label;
      expect(label).toBe(recommendationLabel(citation, source.body.kind, number));
    }
  });
});
