/**
 * In-process CPU per request for the reads whose answers carry the most nullable values, and the cost of
 * serialising each answer alone: `npx tsx --tsconfig tests/tsconfig.json tests/perf/serializer-timing.ts`.
 * Generates a small bench data set (2 plans × 200 actions) in a temporary directory, then times N
 * `app.inject` calls per read, and N serialisations of each answer by the schema as the server compiles it
 * (`serializerSchema`), by fast-json-stringify on the schema as written, and by JSON.stringify.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TSchema } from '@sinclair/typebox';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { ActionDetail, ActionPage, MeetingView, MyActions, RagHistory } from '@ipt/shared/schemas';
import { buildApp } from '../../server/src/app.js';
import { testConfig } from '../../server/src/config.js';
import { documentSerializer } from '../../server/src/lib/documents.js';
import { withoutIds } from '../../server/src/lib/lazy-compilers.js';
import { BENCH_DATA, generate } from './generate.js';
import { signedInCookie } from './inprocess.js';

const N = Number(process.env.N ?? 300);

/** Mean ms per call over the fastest of 5 rounds of `n` calls (the machine is shared: the other rounds waited). */
function time(fn: () => unknown, n = N): number {
  for (let i = 0; i < 50; i++) fn();
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) fn();
    best = Math.min(best, (performance.now() - t) / n);
  }
  return best;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-serial-'));
try {
  const g = await generate(dir, {
    plans: 2,
    actionsPerPlan: 200,
    updates: 8_000,
    meetingsPerPlan: 6,
    evidence: 500,
    leads: 20,
    password: BENCH_DATA.password,
  });
  const app = await buildApp({ config: testConfig({ dataDir: dir }), logger: false });
  await app.ready();
  const signIn = async (email: string) => ({ cookie: await signedInCookie(app, email) });
  const chair = await signIn(g.chairEmail);
  const lead = await signIn(g.leadEmails[0] ?? '');
  const planId = g.planIds[0] ?? 1;
  const actionId = g.actionIds.get(planId)?.[0] ?? 1;
  const reads: [string, string, { cookie: string }, TSchema][] = [
    ['meeting, scheduled', `/api/meetings/${g.scheduledMeeting.get(planId)}`, chair, MeetingView],
    ['meeting, locked', `/api/meetings/${g.lockedMeetings.get(planId)?.at(-1)}`, chair, MeetingView],
    ['action list, 50 rows', `/api/plans/${planId}/actions?pageSize=50`, chair, ActionPage],
    ['one action', `/api/actions/${actionId}`, chair, ActionDetail],
    ['RAG history', `/api/plans/${planId}/rag-history`, chair, RagHistory],
    ['My actions', `/api/me/actions`, lead, MyActions],
  ];
  console.log(
    `ms per call: the fastest of 5 rounds (inject ${N / 5} calls a round, serialisers ${N}) (load ${os.loadavg()[0]?.toFixed(2)})`,
  );
  console.log('read                  | bytes  | inject | server schema | fjs as written | JSON.stringify');
  for (const [name, url, who, schema] of reads) {
    const res = await app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    const value = JSON.parse(res.body) as never;
    const server = documentSerializer(schema);
    const asWritten = SerializerSelector()(undefined, undefined)({
      schema: withoutIds(schema),
      method: 'GET',
      url: '',
      httpStatus: '200',
    } as never) as (v: unknown) => string;
    if (server(value) !== res.body || asWritten(value) !== res.body) throw new Error(`${name}: bytes differ`);
    let inject = Infinity;
    for (let round = -1; round < 5; round++) {
      const t = performance.now();
      for (let i = 0; i < N / 5; i++)
        await app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
      if (round >= 0) inject = Math.min(inject, (performance.now() - t) / (N / 5));
    }
    const cells = [
      inject,
      time(() => server(value)),
      time(() => asWritten(value)),
      time(() => JSON.stringify(value)),
    ].map((ms) => ms.toFixed(3).padStart(6));
    console.log(`${name.padEnd(21)} | ${String(res.body.length).padStart(6)} | ${cells.join(' | ')}`);
  }
  await app.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
