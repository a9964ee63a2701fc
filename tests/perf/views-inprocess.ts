/**
 * CPU per request of the board's views, in process: `tsx --tsconfig tests/tsconfig.json
 * tests/perf/views-inprocess.ts [dataDir]`. Generates the bench's data (2,000 actions, 30 locked meetings a
 * plan) into dataDir once (kept for the next run), then times N `app.inject` calls of each view.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../../server/src/app.js';
import { testConfig } from '../../server/src/config.js';
import { BENCH_DATA, generate } from './generate.js';
import { signedInCookie } from './inprocess.js';

const dir = process.argv[2] ?? '/tmp/ipt-views-bench';
const N = Number(process.env.N ?? 200);
const fresh = !fs.existsSync(path.join(dir, 'generated.json'));
if (fresh) {
  fs.mkdirSync(dir, { recursive: true });
  const g = await generate(dir, BENCH_DATA);
  fs.writeFileSync(
    path.join(dir, 'generated.json'),
    JSON.stringify({
      planId: g.planIds[0],
      locked: g.lockedMeetings.get(g.planIds[0] ?? 1),
      scheduled: g.scheduledMeeting.get(g.planIds[0] ?? 1),
      chair: g.chairEmail,
    }),
  );
}
const g = JSON.parse(fs.readFileSync(path.join(dir, 'generated.json'), 'utf8')) as {
  planId: number;
  locked: number[];
  scheduled: number;
  chair: string;
};
const app = await buildApp({ config: testConfig({ dataDir: dir }), logger: false });
await app.ready();
const cookie = await signedInCookie(app, g.chair);
const urls: [string, string][] = [
  ['meeting-scheduled', `/api/meetings/${g.scheduled}`],
  ['meeting-locked', `/api/meetings/${g.locked.at(-1)}`],
  ['compare', `/api/meetings/${g.locked[0]}/compare/${g.locked.at(-1)}`],
  ['history', `/api/plans/${g.planId}/rag-history`],
];
const only = process.env.ONLY?.split(',');
for (const [name, url] of urls) {
  if (only && !only.includes(name)) continue;
  let bytes = 0;
  for (let i = 0; i < 20; i++) {
    const r = await app.inject({ url, headers: { cookie } });
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    bytes = r.rawPayload.length;
  }
  const times: number[] = [];
  for (let i = 0; i < N; i++) {
    const c = process.cpuUsage();
    await app.inject({ url, headers: { cookie } });
    const d = process.cpuUsage(c);
    times.push((d.user + d.system) / 1000);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  console.log(`${name.padEnd(18)} median ${median.toFixed(2)} ms CPU, ${(bytes / 1024).toFixed(0)} KB`);
}
await app.close();
