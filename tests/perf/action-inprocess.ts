/**
 * CPU per request of one action's page and of the bare signed-in pipeline, in process: `tsx --tsconfig
 * tests/tsconfig.json tests/perf/action-inprocess.ts [dataDir]`. Generates the bench's data (2,000 actions)
 * into dataDir once (kept for the next run), then times N `app.inject` calls of the busiest action (as the
 * bench loads it), of `GET /api/auth/me`, and of the floor's two statements for the same action.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { buildApp } from '../../server/src/app.js';
import { testConfig } from '../../server/src/config.js';
import { BENCH_DATA, generate } from './generate.js';
import { signedInCookie } from './inprocess.js';

const dir = process.argv[2] ?? '/tmp/ipt-action-bench';
const N = Number(process.env.N ?? 2000);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
if (!fs.existsSync(path.join(dir, 'generated.json'))) {
  fs.mkdirSync(dir, { recursive: true });
  const g = await generate(dir, BENCH_DATA);
  fs.writeFileSync(
    path.join(dir, 'generated.json'),
    JSON.stringify({ planId: g.planIds[0], chair: g.chairEmail }),
  );
}
const g = JSON.parse(fs.readFileSync(path.join(dir, 'generated.json'), 'utf8')) as {
  planId: number;
  chair: string;
};
const db = new Database(path.join(dir, 'tracker.db'), { readonly: true });
const busiest = db
  .prepare(
    'SELECT action_id AS id, count(*) AS n FROM action_updates WHERE action_id IN (SELECT id FROM actions WHERE plan_id = ?) GROUP BY action_id ORDER BY n DESC LIMIT 1',
  )
  .get(g.planId) as { id: number; n: number };
// The floor's own reads (tests/perf/floor.ts), for scale.
const floorAction = db.prepare('SELECT * FROM actions WHERE id = ?');
const floorUpdates = db.prepare(`
  SELECT u.id, u.created_at, u.status, u.reported_rag, u.commentary, us.name AS author
  FROM action_updates u JOIN users us ON us.id = u.author_id WHERE u.action_id = ? ORDER BY u.created_at DESC, u.id DESC`);

const app = await buildApp({ config: testConfig({ dataDir: dir }), logger: false });
await app.ready();
const cookie = await signedInCookie(app, g.chair);

async function time(name: string, run: () => Promise<number> | number): Promise<void> {
  let bytes = 0;
  for (let i = 0; i < 200; i++) bytes = await run();
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const c = process.cpuUsage();
    for (let i = 0; i < N; i++) await run();
    const d = process.cpuUsage(c);
    rounds.push((d.user + d.system) / N);
  }
  rounds.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(14)} min ${rounds[0]!.toFixed(1)} µs, median ${rounds[Math.floor(rounds.length / 2)]!.toFixed(1)} µs CPU per call, ${bytes} bytes`,
  );
}

const only = process.env.ONLY?.split(',');
const want = (name: string) => !only || only.includes(name);
const inject = async (url: string) => {
  const r = await app.inject({ url, headers: { cookie } });
  if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
  return r.rawPayload.length;
};
console.log(`Action ${busiest.id}: ${busiest.n} updates`);
if (want('action')) await time('action', () => inject(`/api/actions/${busiest.id}`));
if (want('me')) await time('auth/me', () => inject('/api/auth/me'));
if (want('floor-sql'))
  await time(
    'floor SQL',
    () =>
      JSON.stringify({ ...(floorAction.get(busiest.id) as object), updates: floorUpdates.all(busiest.id) })
        .length,
  );
await app.close();
db.close();
