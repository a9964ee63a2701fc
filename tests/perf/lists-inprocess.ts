/**
 * CPU per request of the lists, in process: `tsx --tsconfig tests/tsconfig.json tests/perf/lists-inprocess.ts
 * [dataDir] [--large]`. Generates the bench's data (2,000 actions; 20,000 with --large) into dataDir once (kept
 * for the next run), then times N `app.inject` calls of the overdue list (the chair) and My actions (the
 * bench's lead), as `npm run bench` loads them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../../server/src/app.js';
import { testConfig } from '../../server/src/config.js';
import { BENCH_DATA, generate } from './generate.js';
import { signedInCookie } from './inprocess.js';

const large = process.argv.includes('--large');
const dir =
  process.argv.slice(2).find((a) => !a.startsWith('--')) ??
  (large ? '/tmp/ipt-lists-large' : '/tmp/ipt-lists-bench');
const N = Number(process.env.N ?? 500);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
if (!fs.existsSync(path.join(dir, 'generated.json'))) {
  fs.mkdirSync(dir, { recursive: true });
  const g = await generate(dir, {
    plans: large ? 100 : 10,
    actionsPerPlan: 200,
    updates: large ? 400_000 : 40_000,
    meetingsPerPlan: 30,
    evidence: large ? 50_000 : 5_000,
    leads: large ? 500 : 50,
    password: BENCH_DATA.password,
  });
  fs.writeFileSync(
    path.join(dir, 'generated.json'),
    JSON.stringify({ planId: g.planIds[0], chair: g.chairEmail, lead: g.leadEmails[0] }),
  );
}
const g = JSON.parse(fs.readFileSync(path.join(dir, 'generated.json'), 'utf8')) as {
  planId: number;
  chair: string;
  lead: string;
};
const app = await buildApp({ config: testConfig({ dataDir: dir }), logger: false });
await app.ready();
const cookieOf = (email: string) => signedInCookie(app, email);
const chair = await cookieOf(g.chair);
const lead = await cookieOf(g.lead);
const urls: [string, string, string][] = [
  ['me', '/api/auth/me', chair],
  ['overdue', `/api/plans/${g.planId}/actions?flag=overdue&sort=days_overdue&pageSize=50`, chair],
  ['my-actions', '/api/me/actions', lead],
];
const only = process.env.ONLY?.split(',');
// DUMP=file writes each answer once, to compare two builds byte for byte.
if (process.env.DUMP) {
  const out: string[] = [];
  for (const [, url, cookie] of urls) out.push((await app.inject({ url, headers: { cookie } })).body);
  fs.writeFileSync(process.env.DUMP, out.join('\n'));
}
const results = new Map<string, number[]>();
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, url, cookie] of urls) {
    if (only && !only.includes(name)) continue;
    for (let i = 0; i < 50; i++) {
      const r = await app.inject({ url, headers: { cookie } });
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    }
    const c = process.cpuUsage();
    for (let i = 0; i < N; i++) await app.inject({ url, headers: { cookie } });
    const d = process.cpuUsage(c);
    const list = results.get(name) ?? [];
    list.push((d.user + d.system) / 1000 / N);
    results.set(name, list);
  }
}
for (const [name, list] of results) {
  const sorted = [...list].sort((a, b) => a - b);
  const r = await app.inject({
    url: urls.find((u) => u[0] === name)?.[1] ?? '',
    headers: { cookie: name === 'my-actions' ? lead : chair },
  });
  console.log(
    `${name.padEnd(12)} median ${(sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(3)} ms CPU (min ${(sorted[0] ?? 0).toFixed(3)}), ${(r.rawPayload.length / 1024).toFixed(1)} KB`,
  );
}
await app.close();
