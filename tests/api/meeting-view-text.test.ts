/**
 * A scheduled meeting's page is sent as SQLite writes it (rows rated in SQL as of the cut-off), not through
 * the response schema's serializer: so each kind of page is validated here against MeetingView with ajv and
 * compared byte for byte with the serializer's answer for the same meeting built by view() — the RAG engine's
 * path, which locking freezes. Cases: the cut-off passed and still ahead, agreed RAGs, an archived action,
 * withdrawn evidence, text needing escapes, the previous meeting not locked, no previous meeting, and the
 * benchmark generator's plans.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeetingView } from '@ipt/shared/schemas';
import { buildApp } from '../../server/src/app.js';
import { testConfig } from '../../server/src/config.js';
import { documentSerializer } from '../../server/src/lib/documents.js';
import { withoutIds } from '../../server/src/lib/lazy-compilers.js';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../helpers/app.js';
import { demoIds, etagOf, post, type DemoIds } from '../helpers/demo.js';
import { generate } from '../perf/generate.js';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const valid: ValidateFunction = addFormats(new Ajv({ strict: false, allErrors: true })).compile(
  withoutIds(MeetingView),
);
const serializeView = documentSerializer(MeetingView);

type Get = (url: string) => Promise<{ status: number; text: string; headers: Record<string, unknown> }>;

/** The page as sent, checked against the schema and against the engine's page; returned parsed. */
async function expectPage(app: FastifyInstance, get: Get, id: number): Promise<MeetingView> {
  const res = await get(`/api/meetings/${id}`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(res.headers.etag).toBeUndefined();
  const body = JSON.parse(res.text) as MeetingView;
  if (!valid(body)) throw new Error(`meeting ${id}: ${JSON.stringify(valid.errors, null, 1)}`);
  expect(body.frozen).toBe(false);
  expect(res.text).toBe(serializeView(app.services.meetings.view(id)));
  return body;
}

describe('a scheduled meeting’s page as SQLite writes it (demo plan)', () => {
  let t: TestApp;
  let ids: DemoIds;
  let chair: SignedIn;
  let scheduled: { id: number; meetingDate: string; papersCutoff: string };
  const get: Get = async (url) => {
    const res = await chair.agent
      .get(url)
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (text += c));
        r.on('end', () => done(null, text));
      });
    return { status: res.status, text: res.body as string, headers: res.headers };
  };
  /** Moves the clock, and signs in again (a session does not span the days the clock jumps). */
  async function at(instant: string | Date): Promise<void> {
    t.clock.set(instant);
    chair = await signIn(t.app, 'chair@example.org');
  }
  let previousId: number;
  beforeAll(async () => {
    t = await buildTestApp({ demo: true });
    chair = await signIn(t.app, 'chair@example.org');
    ids = await demoIds(chair);
    const meetings = (await chair.agent.get(`/api/plans/${ids.planId}/meetings`)).body.items as {
      id: number;
      status: string;
      meetingDate: string;
      papersCutoff: string;
    }[];
    scheduled = meetings.find((m) => m.status === 'scheduled')!;
    previousId = meetings[meetings.indexOf(scheduled as never) - 1]!.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('before its cut-off (rated now) and after it (rated as of the cut-off)', async () => {
    await at(new Date(new Date(scheduled.papersCutoff).getTime() - 3_600_000));
    const before = await expectPage(t.app, get, scheduled.id);
    expect(before.asOf).toBe(t.clock.now().toISOString());
    await at(`${scheduled.meetingDate}T18:00:00.000Z`);
    const after = await expectPage(t.app, get, scheduled.id);
    expect(after.asOf).toBe(scheduled.papersCutoff);
    expect(after.actions.length).toBeGreaterThan(20);
    expect(after.previousMeeting?.id).toBe(previousId);
    expect(after.actions.some((a) => a.previousRag !== null)).toBe(true);
    expect(after.evidence.length).toBeGreaterThan(0);
    // Leads as lists carry them: id, name, kind. A view stored at a lock before that also has userId, and
    // still meets the schema.
    expect(Object.keys(after.actions.find((a) => a.leads.length > 0)!.leads[0]!)).toEqual([
      'id',
      'name',
      'kind',
    ]);
    const storedEarlier = {
      ...after,
      actions: after.actions.map((a) => ({ ...a, leads: a.leads.map((l) => ({ ...l, userId: null })) })),
    };
    expect(valid(storedEarlier)).toBe(true);
  });

  it('with agreed RAGs (the latest recorded stands) and commentary needing escapes', async () => {
    await at(new Date(new Date(scheduled.papersCutoff).getTime() - 7_200_000));
    const id = ids.actionId('2.2');
    const commentary = 'He said "no" \\ then\nleft\t— ✓ 😀 \u2028 </script> \u0001 end';
    const res = await post(
      chair,
      `/api/actions/${id}/updates`,
      { status: 'at_risk', reportedRag: 'red', commentary },
      await etagOf(chair, id),
    );
    expect(res.status).toBe(201);
    await at(`${scheduled.meetingDate}T18:00:00.000Z`);
    for (const [actionId, rag] of [
      [id, 'amber'],
      [id, 'green'],
      [ids.actionId('1.3'), 'red'],
    ] as const) {
      const agreed = await post(chair, `/api/meetings/${scheduled.id}/actions/${actionId}/agreed-rag`, {
        rag,
        reason: `Agreed "${rag}" \\ at the board`,
      });
      expect(agreed.status).toBe(200);
    }
    const page = await expectPage(t.app, get, scheduled.id);
    const row = page.actions.find((a) => a.actionId === id);
    expect(row?.latestCommentary?.text).toBe(commentary);
    expect(row?.agreed?.rag).toBe('green');
    expect(page.actions.find((a) => a.actionId === ids.actionId('1.3'))?.agreed?.rag).toBe('red');
  });

  it('leaves out an action archived before the cut-off and evidence withdrawn since', async () => {
    const before = await expectPage(t.app, get, scheduled.id);
    const archived = ids.actionId('3.3');
    t.app.sqlite
      .prepare('UPDATE actions SET archived_at = ?, archived_reason = ? WHERE id = ?')
      .run('2020-01-01T00:00:00.000Z', 'Merged', archived);
    const item = before.evidence[0]!;
    t.app.sqlite
      .prepare('UPDATE evidence SET withdrawn_at = ? WHERE id = ?')
      .run(t.clock.now().toISOString(), item.id);
    const after = await expectPage(t.app, get, scheduled.id);
    expect(after.actions.map((a) => a.actionId)).not.toContain(archived);
    expect(after.actions).toHaveLength(before.actions.length - 1);
    expect(after.evidence.map((e) => e.id)).not.toContain(item.id);
  });

  it('with the previous meeting not locked (rated as it reports), and with none', async () => {
    t.app.sqlite
      .prepare("UPDATE meetings SET status = 'scheduled', locked_at = NULL, locked_by = NULL WHERE id = ?")
      .run(previousId);
    const unlocked = await expectPage(t.app, get, scheduled.id);
    expect(unlocked.previousMeeting?.status).toBe('scheduled');
    expect(unlocked.previousCounts).not.toBeNull();
    t.app.sqlite
      .prepare('UPDATE meetings SET archived_at = ? WHERE plan_id = ? AND id <> ?')
      .run('2020-01-01T00:00:00.000Z', ids.planId, scheduled.id);
    const first = await expectPage(t.app, get, scheduled.id);
    expect(first.previousMeeting).toBeNull();
    expect(first.previousCounts).toBeNull();
    expect(first.actions.every((a) => a.previousRag === null && a.movement === 'new')).toBe(true);
  });
});

describe('a scheduled meeting’s page as SQLite writes it (benchmark generator)', () => {
  let dir: string;
  let app: FastifyInstance;
  let get: Get;
  let scheduled: number[];
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-view-text-'));
    const g = await generate(dir, {
      plans: 3,
      actionsPerPlan: 40,
      updates: 900,
      meetingsPerPlan: 4,
      evidence: 80,
      leads: 8,
      password: 'bench-password-1',
    });
    scheduled = g.planIds.map((p) => g.scheduledMeeting.get(p)!);
    app = await buildApp({ config: testConfig({ dataDir: dir }), logger: false });
    await app.ready();
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: g.chairEmail, password: 'bench-password-1' },
    });
    const cookie = String(res.headers['set-cookie']).split(';')[0] ?? '';
    get = async (url) => {
      const r = await app.inject({ url, headers: { cookie } });
      return { status: r.statusCode, text: r.body, headers: r.headers };
    };
  }, 120_000);
  afterAll(async () => {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('every plan’s scheduled meeting', async () => {
    for (const id of scheduled) {
      const page = await expectPage(app, get, id);
      expect(page.actions).toHaveLength(40);
      expect(page.previousMeeting?.status).toBe('locked');
    }
  });
});
