/**
 * The live RAG read in SQL (repositories/live-rag.ts, over the columns the engine keeps on each action row)
 * against the RAG engine itself, run on each action's full history: over the demo plan and a scaled-down
 * benchmark plan set, at many instants — across start dates, due dates, the due-soon and stale windows and
 * London midnights — the RAG, every flag, and each list filter and sort must agree.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays, londonDate, londonTimeToInstant, RAGS } from '@ipt/shared';
import { ACTION_FLAG_FILTERS, type ActionFlagFilter } from '@ipt/shared';
import type { RagAssessment } from '@ipt/shared/schemas';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app.js';
import { testConfig } from '../../server/src/config.js';
import { assessRag, factsAsOf } from '../../server/src/domain/rag.js';
import { createRepositories, type Repositories } from '../../server/src/repositories/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { generate } from '../perf/generate.js';

const RULES = { dueSoonDays: 28, staleDays: 42 };

function engineAt(repos: Repositories, planId: number, at: string): Map<number, RagAssessment> {
  const rows = repos.actions.rows({ planId, includeArchived: true });
  const ids = rows.map((r) => r.id);
  const updates = repos.progress.latestUpdatesAsOf(ids, at);
  const changes = repos.progress.approvedChangesAsOf(ids, at);
  const previousCutoff = repos.meetings.latestCutoffAtOrBefore(planId, at);
  return new Map(
    rows.map((r) => {
      const latest = updates.get(r.id);
      const facts = factsAsOf(
        {
          startDate: r.startDate,
          originalDueDate: r.originalDueDate,
          approvedDueDateChanges: changes.get(r.id) ?? [],
          signedOffAt: r.signedOffAt,
          updates: latest ? [latest] : [],
        },
        at,
      );
      return [r.id, assessRag(facts, { asOf: at, previousCutoff, rules: RULES })] as const;
    }),
  );
}

const FLAG_OF: Record<ActionFlagFilter, keyof RagAssessment['flags']> = {
  overdue: 'overdue',
  no_update: 'noUpdate',
  stale: 'stale',
  due_soon: 'dueSoon',
  awaiting_sign_off: 'awaitingSignOff',
  timeframe_revised: 'timeframeRevised',
};

/** Instants from the latest recorded one onwards: each day boundary the rules turn on, and London midnights. */
function instants(latest: string): string[] {
  const day0 = londonDate(latest);
  const out = new Set<string>([new Date(new Date(latest).getTime() + 1000).toISOString()]);
  for (const d of [
    0, 1, 2, 6, 7, 13, 27, 28, 29, 30, 41, 42, 43, 44, 60, 90, 120, 180, 200, 250, 365, 500, 800,
  ]) {
    const day = addDays(day0, d);
    if (day <= day0) continue;
    out.add(londonTimeToInstant(day, 0, 0).toISOString()); // just past midnight in London
    out.add(londonTimeToInstant(day, 23, 59).toISOString());
  }
  return [...out].sort();
}

function compareAt(repos: Repositories, planIds: number[], at: string): number {
  const live = { now: at, today: londonDate(at), ...RULES };
  let compared = 0;
  for (const planId of planIds) {
    const engine = engineAt(repos, planId, at);
    const { rows } = repos.actions.rated({ planId, includeArchived: true }, live);
    expect(rows.length).toBe(engine.size);
    for (const r of rows) {
      expect(r.assessment, `action ${r.id} (${r.ref}) at ${at}`).toEqual(engine.get(r.id));
      compared++;
    }
    const plain = { planId, includeArchived: true };
    for (const rag of RAGS) {
      const ids = repos.actions.rated({ ...plain, rag }, live).rows.map((r) => r.id);
      expect(ids, `rag=${rag} at ${at}`).toEqual(
        rows.filter((r) => engine.get(r.id)?.rag === rag).map((r) => r.id),
      );
    }
    for (const flag of ACTION_FLAG_FILTERS) {
      const ids = repos.actions.rated({ ...plain, flag }, live).rows.map((r) => r.id);
      expect(ids, `flag=${flag} at ${at}`).toEqual(
        rows.filter((r) => engine.get(r.id)?.flags[FLAG_OF[flag]]).map((r) => r.id),
      );
    }
    // Most overdue first, as the chair's list asks.
    const sorted = repos.actions.rated(plain, live, 'days_overdue').rows.map((r) => r.id);
    const expected = [...rows]
      .sort(
        (a, b) =>
          (engine.get(b.id)?.flags.daysOverdue ?? -1) - (engine.get(a.id)?.flags.daysOverdue ?? -1) ||
          (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
          a.id - b.id,
      )
      .map((r) => r.id);
    expect(sorted).toEqual(expected);
  }
  return compared;
}

function latestInstant(app: FastifyInstance): string {
  const row = app.sqlite
    .prepare(
      `SELECT max(x) AS at FROM (
        SELECT max(created_at) AS x FROM action_updates UNION ALL SELECT max(decided_at) FROM due_date_changes
        UNION ALL SELECT max(signed_off_at) FROM actions UNION ALL SELECT max(papers_cutoff) FROM meetings)`,
    )
    .get() as { at: string };
  return row.at;
}

describe('the live RAG in SQL agrees with the RAG engine', () => {
  let demo: TestApp;
  let dir: string;
  let bench: FastifyInstance;
  let benchPlans: number[];
  beforeAll(async () => {
    demo = await buildTestApp({ demo: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-live-rag-'));
    const g = await generate(dir, {
      plans: 3,
      actionsPerPlan: 40,
      updates: 1_200,
      meetingsPerPlan: 4,
      evidence: 60,
      leads: 8,
      password: 'bench-password-1',
    });
    benchPlans = g.planIds;
    bench = await buildApp({ config: testConfig({ dataDir: dir }), logger: false });
    // One plan whose meetings are all archived: "stale" falls back to STALE_DAYS without an update.
    bench.sqlite
      .prepare("UPDATE meetings SET archived_at = '2020-01-01T00:00:00.000Z' WHERE plan_id = ?")
      .run(benchPlans[2]);
  }, 120_000);
  afterAll(async () => {
    await demo.close();
    await bench.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('over the demo plan', () => {
    const repos = createRepositories(demo.app.db);
    const planIds = [...new Set(repos.actions.rows({ includeArchived: true }).map((r) => r.planId))];
    let n = 0;
    for (const at of instants(latestInstant(demo.app))) n += compareAt(repos, planIds, at);
    expect(n).toBeGreaterThan(21 * 40);
  });

  it('over the benchmark generator’s plans', () => {
    const repos = createRepositories(bench.db);
    let n = 0;
    for (const at of instants(latestInstant(bench))) n += compareAt(repos, benchPlans, at);
    expect(n).toBeGreaterThan(120 * 40);
  }, 60_000);

  it('the start-up backfill writes what the engine would, and only where missing', () => {
    const repos = createRepositories(bench.db);
    const before = bench.sqlite.prepare('SELECT id, rag_started, rag_before_start FROM actions').all();
    bench.sqlite.prepare('UPDATE actions SET rag_started = NULL, rag_before_start = NULL').run();
    expect(repos.actions.backfillLiveRag()).toBe(before.length);
    expect(repos.actions.backfillLiveRag()).toBe(0);
    expect(bench.sqlite.prepare('SELECT id, rag_started, rag_before_start FROM actions').all()).toEqual(
      before,
    );
  });
});
