/**
 * The RAG as of a moment in SQL (repositories/asof-rag.ts, which a scheduled meeting's page is rated with)
 * against the RAG engine itself: every combination of the inputs the rules turn on, at a summer (BST) and a
 * winter (GMT) moment, with and without a previous cut-off; movement over every pair of RAGs; and the demo
 * plan and a scaled-down benchmark plan set at many moments across their history — each action's whole
 * history reduced by the engine's factsAsOf(), against SQL's seeks as of the moment.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ACTION_STATUSES, addDays, londonDate, londonTimeToInstant, RAGS, REPORTED_RAGS } from '@ipt/shared';
import type { ActionStatus, Rag, ReportedRag } from '@ipt/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app.js';
import { testConfig } from '../../server/src/config.js';
import { movementOf } from '../../server/src/domain/movement.js';
import { assessRag, factsAsOf, type ActionFacts, type ActionHistory } from '../../server/src/domain/rag.js';
import {
  asOfFlagsJson,
  asOfParams,
  asOfRag,
  asOfRatedCtes,
  asOfStatus,
  createAsOfRagReader,
  existedAt,
  movementSql,
  rated,
  type AsOfInputs,
} from '../../server/src/repositories/asof-rag.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { generate } from '../perf/generate.js';

const RULES = { dueSoonDays: 28, staleDays: 42 };

describe('the as-of RAG in SQL, input by input', () => {
  const db = new Database(':memory:');
  afterAll(() => db.close());
  const input = (name: string) => `:${name}`;
  const I: AsOfInputs = {
    startDate: input('startDate'),
    originalDueDate: input('originalDueDate'),
    dueDate: input('dueDate'),
    revisions: input('revisions'),
    signedOffAt: input('signedOffAt'),
    updateAt: input('updateAt'),
    status: input('status'),
    reportedRag: input('reportedRag'),
  };
  const stmt = db.prepare<Record<string, unknown>, { rag: Rag; flags: string; status: ActionStatus }>(
    `SELECT rag, ${asOfFlagsJson(I, 'rag')} AS flags, ${asOfStatus(I)} AS status
    FROM (SELECT ${asOfRag(I)} AS rag)`,
  );

  it.each([
    ['in summer (BST)', '2026-06-15T11:00:00.000Z'],
    ['in winter (GMT)', '2026-01-20T12:00:00.000Z'],
    ['just after a London midnight', '2026-06-14T23:00:00.000Z'],
  ])('agrees with the engine on every combination %s', (_, asOf) => {
    const today = londonDate(asOf);
    const day = (d: number) => addDays(today, d);
    const staleEdge = londonTimeToInstant(day(-RULES.staleDays), 0, 0).getTime();
    const updateTimes = [
      new Date(new Date(asOf).getTime() - 3_600_000).toISOString(), // an hour ago
      new Date(staleEdge - 1).toISOString(), // the last instant of the day past the stale window
      new Date(staleEdge).toISOString(), // the first instant of the day at its edge
      `${day(-200)}T10:00:00.000Z`,
    ];
    const updates: ({ createdAt: string; status: ActionStatus; reportedRag: ReportedRag | null } | null)[] = [
      null,
    ];
    for (const createdAt of updateTimes)
      for (const status of ACTION_STATUSES)
        for (const reportedRag of [null, ...REPORTED_RAGS]) updates.push({ createdAt, status, reportedRag });
    let n = 0;
    for (const startDate of [null, day(-10), today, day(1)])
      for (const dueDate of [null, day(-1), today, day(RULES.dueSoonDays), day(RULES.dueSoonDays + 1)])
        for (const originalDueDate of [null, day(-30)])
          for (const revisions of [0, 2])
            for (const signedOffAt of [null, new Date(new Date(asOf).getTime() - 60_000).toISOString()])
              for (const previousCutoff of [null, `${day(-20)}T16:00:00.000Z`])
                for (const latestUpdate of updates) {
                  const facts: ActionFacts = {
                    startDate,
                    originalDueDate,
                    dueDate,
                    revisions,
                    signedOffAt,
                    latestUpdate,
                  };
                  const engine = assessRag(facts, { asOf, previousCutoff, rules: RULES });
                  const row = stmt.get({
                    startDate,
                    originalDueDate,
                    dueDate,
                    revisions,
                    signedOffAt,
                    updateAt: latestUpdate?.createdAt ?? null,
                    status: latestUpdate?.status ?? null,
                    reportedRag: latestUpdate?.reportedRag ?? null,
                    ...asOfParams(asOf, previousCutoff, RULES),
                  });
                  const what = JSON.stringify({ facts, previousCutoff });
                  expect({ rag: row?.rag, flags: JSON.parse(row?.flags ?? 'null') }, what).toEqual(engine);
                  expect(row?.status, what).toBe(
                    latestUpdate?.status ?? (signedOffAt ? 'complete' : 'not_started'),
                  );
                  n++;
                }
    expect(n).toBe(4 * 5 * 2 * 2 * 2 * 2 * updates.length);
  });

  it('writes movement as movementOf() does, for every pair', () => {
    const move = db.prepare<{ p: Rag | null; r: Rag }, { m: string }>(
      `SELECT ${movementSql(':p', ':r')} AS m`,
    );
    for (const p of [null, ...RAGS])
      for (const r of RAGS) expect(move.get({ p, r })?.m, `${p} → ${r}`).toBe(movementOf(p, r));
  });
});

/** Each action's whole history (every update, every approved change), as the engine reads it. */
function histories(app: FastifyInstance) {
  const actions = app.sqlite
    .prepare(
      `SELECT id, plan_id AS planId, start_date AS startDate, original_due_date AS originalDueDate,
        signed_off_at AS signedOffAt, created_at AS createdAt, archived_at AS archivedAt FROM actions ORDER BY id`,
    )
    .all() as {
    id: number;
    planId: number;
    startDate: string | null;
    originalDueDate: string | null;
    signedOffAt: string | null;
    createdAt: string;
    archivedAt: string | null;
  }[];
  const history = new Map<number, ActionHistory>(
    actions.map((a) => [a.id, { ...a, approvedDueDateChanges: [], updates: [] } as unknown as ActionHistory]),
  );
  for (const u of app.sqlite
    .prepare(
      'SELECT action_id AS actionId, created_at AS createdAt, status, reported_rag AS reportedRag FROM action_updates ORDER BY id',
    )
    .all() as {
    actionId: number;
    createdAt: string;
    status: ActionStatus;
    reportedRag: ReportedRag | null;
  }[])
    history.get(u.actionId)?.updates.push(u);
  for (const c of app.sqlite
    .prepare(
      "SELECT action_id AS actionId, to_date AS toDate, decided_at AS decidedAt FROM due_date_changes WHERE decision = 'approved' ORDER BY id",
    )
    .all() as { actionId: number; toDate: string; decidedAt: string }[])
    history.get(c.actionId)?.approvedDueDateChanges.push(c);
  return { actions, history };
}

/** Moments across the data's history: each meeting's cut-off, just before and after, and days between. */
function moments(app: FastifyInstance): string[] {
  const cutoffs = (
    app.sqlite.prepare('SELECT papers_cutoff AS c FROM meetings').all() as { c: string }[]
  ).map((r) => r.c);
  const { first, last } = app.sqlite
    .prepare(
      `SELECT min(x) AS first, max(x) AS last FROM (SELECT created_at AS x FROM action_updates
        UNION ALL SELECT decided_at FROM due_date_changes WHERE decided_at IS NOT NULL
        UNION ALL SELECT signed_off_at FROM actions WHERE signed_off_at IS NOT NULL)`,
    )
    .get() as { first: string; last: string };
  const out = new Set<string>();
  for (const c of cutoffs) {
    out.add(c);
    out.add(new Date(new Date(c).getTime() + 1).toISOString());
  }
  const from = londonDate(first);
  for (let d = -3; addDays(from, d) <= addDays(londonDate(last), 60); d += 17) {
    out.add(londonTimeToInstant(addDays(from, d), 0, 0).toISOString());
    out.add(londonTimeToInstant(addDays(from, d), 17, 0).toISOString());
  }
  return [...out].sort();
}

function compareOver(app: FastifyInstance): number {
  const { actions, history } = histories(app);
  const planIds = [...new Set(actions.map((a) => a.planId))];
  const rows = app.sqlite.prepare<
    Record<string, unknown>,
    { id: number; rag: Rag; flags: string; status: ActionStatus }
  >(
    `WITH ${asOfRatedCtes(`FROM actions a WHERE a.plan_id = :planId AND ${existedAt('a')}`)}
    SELECT r.id, r.rag, ${asOfFlagsJson(rated, 'r.rag')} AS flags, ${asOfStatus(rated)} AS status FROM r`,
  );
  const reader = createAsOfRagReader(app.sqlite);
  let n = 0;
  for (const asOf of moments(app))
    for (const planId of planIds)
      for (const previousCutoff of [null, `${addDays(londonDate(asOf), -30)}T16:00:00.000Z`]) {
        const sql = rows.all({ planId, asOf, ...asOfParams(asOf, previousCutoff, RULES) });
        const existed = actions.filter(
          (a) => a.planId === planId && a.createdAt <= asOf && (a.archivedAt === null || a.archivedAt > asOf),
        );
        expect(sql.map((r) => r.id).sort((x, y) => x - y)).toEqual(existed.map((a) => a.id));
        const rags = reader.ragsAsOf(planId, asOf, previousCutoff, RULES);
        for (const r of sql) {
          const facts = factsAsOf(history.get(r.id) as ActionHistory, asOf);
          const engine = assessRag(facts, { asOf, previousCutoff, rules: RULES });
          const what = `action ${r.id} as of ${asOf} (previous cut-off ${previousCutoff})`;
          expect({ rag: r.rag, flags: JSON.parse(r.flags) }, what).toEqual(engine);
          expect(rags.get(r.id), what).toBe(engine.rag);
          expect(r.status, what).toBe(
            facts.latestUpdate?.status ?? (facts.signedOffAt ? 'complete' : 'not_started'),
          );
          n++;
        }
      }
  return n;
}

describe('the as-of RAG in SQL agrees with the engine over whole histories', () => {
  let demo: TestApp;
  let dir: string;
  let bench: FastifyInstance;
  beforeAll(async () => {
    demo = await buildTestApp({ demo: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-asof-rag-'));
    await generate(dir, {
      plans: 2,
      actionsPerPlan: 40,
      updates: 800,
      meetingsPerPlan: 4,
      evidence: 40,
      leads: 8,
      password: 'bench-password-1',
    });
    bench = await buildApp({ config: testConfig({ dataDir: dir }), logger: false });
  }, 120_000);
  afterAll(async () => {
    await demo.close();
    await bench.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('over the demo plan, at every cut-off and across its history', () => {
    expect(compareOver(demo.app)).toBeGreaterThan(1_000);
  });

  it('over the benchmark generator’s plans', () => {
    expect(compareOver(bench)).toBeGreaterThan(1_000);
  }, 60_000);
});
