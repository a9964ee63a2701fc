/**
 * npm run bench: generates a large plan set on an empty temporary data directory, starts the real server on
 * loopback, loads it with autocannon (10 connections, a warm-up, then a bounded run per scenario), does the
 * same for the floor (a bare fastify route with hand-written SQL), times each export of a 500-action plan,
 * and prints one table (also written as JSON to tests/perf/results/).
 *
 *   npm run bench                 full size: 2,000 actions in 10 plans, 40,000 updates, 30 locked meetings per plan
 *   npm run bench -- --large      the same reads again at 20,000 actions (100 plans, 400,000 updates), to show
 *                                 what grows with the data (about 10 minutes more)
 *   npm run bench -- --quick      a small run to check the bench itself works (CI)
 *   npm run bench -- --runs 3     each scenario (and the floor) measured 3 times; the table shows the medians
 *   npm run bench -- --only overdue,action
 *                                 only these scenarios (names below, in SCENARIOS); the floor runs when the
 *                                 overdue list or one action is chosen; exports, import, start-up and the
 *                                 client's size only in a run without --only
 *   npm run bench -- --import     only the import scenario: a 500-row sheet previewed and committed
 *   npm run bench -- --scorecard  only the scorecard scenario: 50 indicators × 36 periods, computed afresh
 *
 * There is no response cache: every read is computed afresh, as the first reader after a write sees it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { BENCH_DATA, generate, type Generated, type GenerateOptions } from './generate.js';
import { timeImport, type ImportTiming } from './import-bench.js';
import { setUpScorecard } from './scorecard-bench.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const quick = process.argv.includes('--quick');
const large = process.argv.includes('--large');
const DURATION = quick ? 2 : 10;
/** `--name value` or `--name=value`. */
function option(name: string): string | undefined {
  const i = process.argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  const arg = process.argv[i] ?? '';
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : process.argv[i + 1];
}
const RUNS = Number(option('--runs') ?? 1);
if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 20) throw new Error('--runs takes a whole number, 1 to 20');

/** The scenarios, by the name --only takes, with what each one's work grows with. */
const SCENARIOS = {
  overdue: 'the plan’s overdue actions (counted and sorted), then 50 rows',
  action: 'the action’s own updates, timeframe changes and sign-offs',
  post: 'one insert each into updates and audit, and their indexes',
  'meeting-scheduled': 'every action of the plan, rated as of the cut-off from its history',
  'meeting-locked': 'the meeting’s snapshot rows (one per action of the plan)',
  compare: 'the two meetings’ snapshot rows',
  history: 'actions × meetings of the plan (snapshot RAGs)',
  'my-actions': 'the lead’s actions across live plans',
  scorecard: 'indicators × periods of the plan',
} as const;
type ScenarioName = keyof typeof SCENARIOS;
const onlyArg = option('--only');
const only = onlyArg ? new Set(onlyArg.split(',').map((s) => s.trim())) : null;
for (const name of only ?? [])
  if (!(name in SCENARIOS))
    throw new Error(`--only: no scenario "${name}"; choose from ${Object.keys(SCENARIOS).join(', ')}`);
const wanted = (name: ScenarioName) => only === null || only.has(name);
const WARMUP = quick ? 1 : 3;
const PASSWORD = 'bench-password-1';
const LOAD_AT_START = os.loadavg()[0]?.toFixed(2) ?? '?';

const FULL: GenerateOptions = { ...BENCH_DATA, password: PASSWORD };
const LARGE: GenerateOptions = {
  plans: 100,
  actionsPerPlan: 200,
  updates: 400_000,
  meetingsPerPlan: 30,
  evidence: 50_000,
  leads: 500,
  password: PASSWORD,
};
const SMALL: GenerateOptions = {
  plans: 2,
  actionsPerPlan: 50,
  updates: 2_000,
  meetingsPerPlan: 5,
  evidence: 200,
  leads: 10,
  password: PASSWORD,
};
const EXPORTS: GenerateOptions = {
  plans: 1,
  actionsPerPlan: quick ? 50 : 500,
  updates: quick ? 500 : 10_000,
  meetingsPerPlan: quick ? 3 : 10,
  evidence: quick ? 50 : 1_000,
  leads: 20,
  password: PASSWORD,
};

interface Row {
  name: ScenarioName;
  scenario: string;
  rps: number;
  p50: number;
  p99: number;
  /** Responses that were not 2xx (each one a failure: the bench sends only valid requests). */
  non2xx: number;
  /** Connection errors and timeouts (autocannon counts the requests cut off when a run ends). */
  errors: number;
  floorRps?: number;
  floorP50?: number;
  floorP99?: number;
  ratio?: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitFor(url: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Every child process started, so that a failed run leaves none behind. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

async function startServer(
  dataDir: string,
): Promise<{ child: ChildProcess; base: string; startupMs: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'server/dist/server.js')], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO: 'false',
      LOG_LEVEL: 'warn',
      SIGN_IN_RATE_LIMIT: '100000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/healthz`);
  return { child, base, startupMs: performance.now() - started };
}

function peakMemoryMb(pid: number | undefined): number {
  if (!pid) return 0;
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function signIn(base: string, email: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in ${email}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Each run's req/s when measured more than once (--runs). */
  runs?: number[];
}

function measured(r: autocannon.Result): Measured {
  return {
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

/** The median of each figure over the runs (failures summed: any one is a failure). */
function medianOf(runs: Measured[]): Measured {
  if (runs.length === 1) return runs[0]!;
  return {
    rps: Math.round(median(runs.map((r) => r.rps))),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    runs: runs.map((r) => r.rps),
  };
}

/** One warm-up, then RUNS measured runs; the median of them. */
async function load(url: string, options: Partial<autocannon.Options> = {}): Promise<Measured> {
  const run = (duration: number) =>
    autocannon({ url, connections: 10, duration, ...options } as autocannon.Options);
  await run(WARMUP);
  const runs: Measured[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(measured(await run(DURATION)));
  return medianOf(runs);
}

function clientSizes(): { firstPageJsGzipKb: number; firstPageCssGzipKb: number; allJsGzipKb: number } {
  const dist = path.join(ROOT, 'client/dist');
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
  const gz = (file: string) =>
    zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length / 1024;
  const js = refs.filter((r) => r.endsWith('.js'));
  const css = refs.filter((r) => r.endsWith('.css'));
  const all = fs.readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js'));
  return {
    firstPageJsGzipKb: Math.round(js.reduce((n, f) => n + gz(f), 0) * 10) / 10,
    firstPageCssGzipKb: Math.round(css.reduce((n, f) => n + gz(f), 0) * 10) / 10,
    allJsGzipKb: Math.round(all.reduce((n, f) => n + gz(`/assets/${f}`), 0) * 10) / 10,
  };
}

interface Reads {
  rows: Row[];
  generateSeconds: number;
  peakMb: number;
  startupMs: number;
}

/** Generates `size` on an empty data directory and loads each read (and posting) against the real server. */
async function measureReads(size: GenerateOptions): Promise<Reads> {
  const rows: Row[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-bench-'));

  const t = performance.now();
  const g: Generated = await generate(dir, size);
  const generateSeconds = (performance.now() - t) / 1000;
  console.log(
    `Generated ${size.plans * size.actionsPerPlan} actions, ${size.updates} updates, ${size.plans * size.meetingsPerPlan} locked meetings, ${size.evidence} evidence rows, ${size.leads} leads in ${generateSeconds.toFixed(1)} s`,
  );

  const db = new Database(path.join(dir, 'tracker.db'), { readonly: true });
  const planId = g.planIds[0] ?? 1;
  const busiest = db
    .prepare(
      'SELECT action_id AS id, count(*) AS n FROM action_updates WHERE action_id IN (SELECT id FROM actions WHERE plan_id = ?) GROUP BY action_id ORDER BY n DESC LIMIT 1',
    )
    .get(planId) as { id: number; n: number };
  const versions = new Map(
    (db.prepare('SELECT id, version FROM actions').all() as { id: number; version: number }[]).map((r) => [
      r.id,
      r.version,
    ]),
  );
  const overdueCount = (
    db
      .prepare(
        "SELECT count(*) AS n FROM actions WHERE plan_id = ? AND due_date < date('now') AND signed_off_at IS NULL",
      )
      .get(planId) as { n: number }
  ).n;
  db.close();

  const server = await startServer(dir);
  const chair = await signIn(server.base, g.chairEmail);
  const lead = await signIn(server.base, g.leadEmails[0] ?? '');
  const chairHeaders = { cookie: chair.cookie };
  const locked = g.lockedMeetings.get(planId) ?? [];
  const lastLocked = locked.at(-1) ?? 0;
  const firstLocked = locked[0] ?? 0;

  const overdueUrl = `${server.base}/api/plans/${planId}/actions?flag=overdue&sort=days_overdue&pageSize=50`;
  const check = await fetch(overdueUrl, { headers: chairHeaders });
  const checkBody = (await check.json()) as { items: unknown[]; total: number };
  console.log(
    `Plan ${planId}: ${checkBody.total} overdue actions (SQL count ${overdueCount}); busiest action ${busiest.id} has ${busiest.n} updates`,
  );

  const actionUrl = `${server.base}/api/actions/${busiest.id}`;
  if (wanted('overdue'))
    rows.push({
      name: 'overdue',
      scenario: 'List overdue actions (50, by days overdue)',
      ...(await load(overdueUrl, { headers: chairHeaders })),
    });
  if (wanted('action'))
    rows.push({
      name: 'action',
      scenario: 'One action with its update history',
      ...(await load(actionUrl, { headers: chairHeaders })),
    });

  // Post an update: requests go round a pool of actions far larger than the number in flight, so no two
  // are ever on the same action at once; each acknowledged post bumps the version the next one sends.
  const pool = [...(g.actionIds.get(g.planIds[1] ?? planId) ?? [])];
  let turn = 0;
  const readVersions = async () => {
    // Requests still in flight when a run stopped were written, but their answers never came back: read
    // every version afresh so that the next run's If-Match headers are all current.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const fresh = new Database(path.join(dir, 'tracker.db'), { readonly: true });
    for (const r of fresh.prepare('SELECT id, version FROM actions').all() as {
      id: number;
      version: number;
    }[]) {
      versions.set(r.id, r.version);
    }
    fresh.close();
  };
  const post = async () => {
    const run = (duration: number) =>
      autocannon({
        url: server.base,
        connections: 10,
        duration,
        requests: [
          {
            method: 'POST',
            setupRequest: (req: autocannon.Request, ctx: Record<string, unknown>) => {
              const id = pool[turn++ % pool.length] ?? 0;
              ctx.current = id;
              return {
                ...req,
                path: `/api/actions/${id}/updates`,
                headers: {
                  ...req.headers,
                  cookie: chair.cookie,
                  'x-csrf-token': chair.csrf,
                  'content-type': 'application/json',
                  'if-match': `"action${id}-v${versions.get(id)}"`,
                },
                body: JSON.stringify({
                  status: 'on_track',
                  reportedRag: 'green',
                  commentary: 'Benchmark update: progress recorded before the papers deadline.',
                }),
              };
            },
            onResponse: (status: number, _body: string, ctx: Record<string, unknown>) => {
              if (status === 201) {
                const id = ctx.current as number;
                versions.set(id, (versions.get(id) ?? 0) + 1);
              }
            },
          },
        ],
      } as unknown as autocannon.Options);
    await run(WARMUP);
    const runs: Measured[] = [];
    for (let i = 0; i < RUNS; i++) {
      await readVersions();
      runs.push(measured(await run(DURATION)));
    }
    return medianOf(runs);
  };
  if (wanted('post'))
    rows.push({ name: 'post', scenario: 'Post an update (with its audit row)', ...(await post()) });

  const boardViews: [ScenarioName, string, string][] = [
    [
      'meeting-scheduled',
      'Meeting view, scheduled (as of cut-off)',
      `/api/meetings/${g.scheduledMeeting.get(planId)}`,
    ],
    ['meeting-locked', 'Meeting view, locked', `/api/meetings/${lastLocked}`],
    ['compare', 'Compare two meetings', `/api/meetings/${firstLocked}/compare/${lastLocked}`],
    ['history', `RAG history grid (${size.meetingsPerPlan} meetings)`, `/api/plans/${planId}/rag-history`],
  ];
  for (const [name, scenario, url] of boardViews)
    if (wanted(name))
      rows.push({ name, scenario, ...(await load(`${server.base}${url}`, { headers: chairHeaders })) });
  if (wanted('my-actions'))
    rows.push({
      name: 'my-actions',
      scenario: "A lead's my actions",
      ...(await load(`${server.base}/api/me/actions`, { headers: { cookie: lead.cookie } })),
    });

  if (wanted('scorecard'))
    rows.push(
      await scorecardRow(server.base, g.planIds[1] ?? planId, g.actionIds.get(g.planIds[1] ?? planId) ?? []),
    );

  const peakMb = peakMemoryMb(server.child.pid);
  server.child.kill('SIGTERM');
  // Start-up again on the (now larger) database, with no demo seeding: what an operator sees on a restart.
  const restart = await startServer(dir);
  const startupMs = restart.startupMs;
  restart.child.kill('SIGTERM');

  // The floor, loaded the same way, for the two reads it serves.
  if (wanted('overdue') || wanted('action')) {
    const floorPort = await freePort();
    const floor = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(ROOT, 'tests/perf/floor.ts'),
        path.join(dir, 'tracker.db'),
        String(floorPort),
      ],
      { stdio: ['ignore', 'ignore', 'inherit'], cwd: ROOT },
    );
    children.add(floor);
    const floorBase = `http://127.0.0.1:${floorPort}`;
    await waitFor(`${floorBase}/action/${busiest.id}`);
    const floors: [ScenarioName, string][] = [
      ['overdue', `${floorBase}/overdue/${planId}`],
      ['action', `${floorBase}/action/${busiest.id}`],
    ];
    for (const [name, url] of floors) {
      const row = rows.find((r) => r.name === name);
      if (!row) continue;
      const f = await load(url);
      row.floorRps = f.rps;
      row.floorP50 = f.p50;
      row.floorP99 = f.p99;
      row.ratio = Math.round((row.rps / f.rps) * 100) / 100;
    }
    floor.kill('SIGTERM');
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return { rows, generateSeconds, peakMb, startupMs };
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

function table(rows: Row[]): string[] {
  return [
    `${'Scenario'.padEnd(44)}${pad('req/s', 8)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('non-2xx', 9)}${pad('errors', 8)}${pad('floor r/s', 11)}${pad('floor p50', 11)}${pad('floor p99', 11)}${pad('ratio', 7)}`,
    ...rows.map(
      (r) =>
        `${r.scenario.padEnd(44)}${pad(r.rps, 8)}${pad(r.p50, 8)}${pad(r.p99, 8)}${pad(r.non2xx, 9)}${pad(r.errors, 8)}${pad(r.floorRps ?? '', 11)}${pad(r.floorP50 ?? '', 11)}${pad(r.floorP99 ?? '', 11)}${pad(r.ratio ?? '', 7)}`,
    ),
  ];
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'server/dist/server.js')))
    throw new Error('Run "npm run build" first (npm run bench does).');
  if (process.argv.includes('--import')) return importOnly();
  if (process.argv.includes('--scorecard')) return scorecardOnly();
  const size = quick ? SMALL : FULL;
  const reads = await measureReads(size);
  const { peakMb, startupMs } = reads;
  const largeReads = large && !quick ? await measureReads(LARGE) : null;
  const extras = only === null ? await exportsAndImport() : null;

  const client = only === null ? clientSizes() : null;
  const result = {
    at: new Date().toISOString(),
    quick,
    only: only ? [...only] : null,
    runs: RUNS,
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? '',
      node: process.version,
      loadAverageAtStart: LOAD_AT_START,
    },
    data: { ...size, password: undefined, generateSeconds: Math.round(reads.generateSeconds * 10) / 10 },
    durationSeconds: DURATION,
    connections: 10,
    rows: reads.rows,
    large: largeReads
      ? { data: { ...LARGE, password: undefined }, rows: largeReads.rows, peakMb: largeReads.peakMb }
      : null,
    exportsMs: extras ? { actions: EXPORTS.actionsPerPlan, ...extras.exportTimes } : null,
    importMs: extras?.imported ?? null,
    serverPeakMemoryMb: peakMb,
    startupMs: Math.round(startupMs),
    client,
  };

  const lines = [
    '',
    `Improvement Plan Tracker benchmark${quick ? ' (quick)' : ''} — ${result.machine.cpus} cores, Node ${result.machine.node}, load average ${LOAD_AT_START} at the start, 10 connections, ${DURATION} s per scenario after a ${WARMUP} s warm-up${RUNS > 1 ? `, median of ${RUNS} runs` : ''}; every read computed afresh (no response cache)`,
    '',
    `${size.plans * size.actionsPerPlan} actions in ${size.plans} plans, ${size.updates} updates:`,
    ...table(reads.rows),
    ...(largeReads
      ? [
          '',
          `${LARGE.plans * LARGE.actionsPerPlan} actions in ${LARGE.plans} plans, ${LARGE.updates} updates (peak memory ${largeReads.peakMb} MB, start-up ${Math.round(largeReads.startupMs)} ms):`,
          ...table(largeReads.rows),
          '',
          `Side by side: ${size.plans * size.actionsPerPlan} → ${LARGE.plans * LARGE.actionsPerPlan} actions (each plan keeps ${size.actionsPerPlan} actions; the tables grow tenfold)`,
          ...sideBySide(reads.rows, largeReads.rows),
        ]
      : []),
    '',
    ...(extras
      ? [
          `Exports of a ${EXPORTS.actionsPerPlan}-action plan (median of 3, ms): ${Object.entries(
            extras.exportTimes,
          )
            .map(([f, ms]) => `${f} ${ms}`)
            .join(', ')}`,
          importLine(extras.imported),
        ]
      : []),
    `Server peak memory (VmHWM): ${peakMb} MB; start-up (spawn to /healthz 200): ${result.startupMs} ms`,
    ...(client
      ? [
          `Client first page: JS ${client.firstPageJsGzipKb} KB gzip, CSS ${client.firstPageCssGzipKb} KB gzip (all JS chunks ${client.allJsGzipKb} KB gzip)`,
        ]
      : []),
    '',
  ];
  console.log(lines.join('\n'));
  const out = path.join(ROOT, 'tests/perf/results');
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `bench-${result.at.replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2));
  console.log(`Written ${path.relative(ROOT, file)}`);
}

/** Each export of a 500-action plan (median of three, through the real route) and an import. */
async function exportsAndImport(): Promise<{ exportTimes: Record<string, number>; imported: ImportTiming }> {
  const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-bench-exports-'));
  const ge = await generate(exportDir, EXPORTS);
  const exportServer = await startServer(exportDir);
  const adviser = await signIn(exportServer.base, ge.chairEmail);
  const exportPlan = ge.planIds[0] ?? 1;
  const exportMeeting = ge.lockedMeetings.get(exportPlan)?.at(-1);
  const exportTimes: Record<string, number> = {};
  for (const format of ['json', 'docx', 'pdf', 'xlsx', 'csv']) {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      const res = await fetch(
        `${exportServer.base}/api/plans/${exportPlan}/export?format=${format}&meeting=${exportMeeting}`,
        { headers: { cookie: adviser.cookie } },
      );
      const body = await res.arrayBuffer();
      if (!res.ok) throw new Error(`export ${format}: ${res.status} ${Buffer.from(body).toString()}`);
      times.push(performance.now() - start);
    }
    exportTimes[format] = Math.round(times.sort((a, b) => a - b)[1] ?? 0);
  }
  const imported = await timeImport(
    exportServer.base,
    await signIn(exportServer.base, ADMIN),
    500,
    EXPORTS.leads,
  );
  exportServer.child.kill('SIGTERM');
  fs.rmSync(exportDir, { recursive: true, force: true });
  return { exportTimes, imported };
}

/**
 * The same reads at both scales: req/s and p50 at each, the factor, and what each read's work grows with.
 * A read whose p50 more than doubles (or req/s halves) is marked as growing with the data.
 */
function sideBySide(small: Row[], big: Row[]): string[] {
  return [
    `${'Scenario'.padEnd(44)}${pad('req/s', 8)}${pad('→', 8)}${pad('p50 ms', 8)}${pad('→', 8)}${pad('×p50', 7)}  grows?  work grows with`,
    ...small.map((s) => {
      const b = big.find((r) => r.name === s.name);
      if (!b) return s.scenario;
      const factor = s.p50 > 0 ? b.p50 / s.p50 : b.p50 > 0 ? Infinity : 1;
      const grows = factor > 2 || b.rps < s.rps / 2;
      return `${s.scenario.padEnd(44)}${pad(s.rps, 8)}${pad(b.rps, 8)}${pad(s.p50, 8)}${pad(b.p50, 8)}${pad(Number.isFinite(factor) ? factor.toFixed(1) : '∞', 7)}  ${(grows ? 'yes' : 'no').padEnd(6)}  ${SCENARIOS[s.name]}`;
    }),
  ];
}

const ADMIN = 'admin@bench.example.org';

function importLine(r: ImportTiming): string {
  return `Import of a ${r.rows}-row .xlsx into a new plan (ms): preview ${r.previewMs}, commit ${r.commitMs}, together ${r.previewMs + r.commitMs}`;
}

/**
 * The scorecard of 50 indicators × 36 periods (set up through the API on the plan given), computed afresh on
 * every read: there is no cache in front of it.
 */
async function scorecardRow(base: string, planId: number, actionIds: number[]): Promise<Row> {
  const setup = await setUpScorecard(base, await signIn(base, ADMIN), planId, actionIds);
  const chair = await signIn(base, 'chair@bench.example.org');
  return {
    name: 'scorecard',
    scenario: `Scorecard, ${setup.indicators} indicators × ${setup.periods} periods (afresh)`,
    ...(await load(`${base}${setup.url}`, {
      headers: { cookie: chair.cookie, 'cache-control': 'no-cache' },
    })),
  };
}

/** The scorecard scenario alone, on a small generated data set: `npm run bench -- --scorecard`. */
async function scorecardOnly(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-bench-scorecard-'));
  const g = await generate(dir, {
    ...SMALL,
    plans: 1,
    updates: 200,
    meetingsPerPlan: 2,
    evidence: 10,
    leads: 20,
  });
  const server = await startServer(dir);
  const planId = g.planIds[0] ?? 1;
  const row = await scorecardRow(server.base, planId, g.actionIds.get(planId) ?? []);
  server.child.kill('SIGTERM');
  console.log(
    `${row.scenario}: ${row.rps} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, non-2xx ${row.non2xx}, errors ${row.errors}`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The import scenario alone, on a small generated data set. */
async function importOnly(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-bench-import-'));
  await generate(dir, { ...SMALL, plans: 1, updates: 200, meetingsPerPlan: 2, evidence: 10, leads: 20 });
  const server = await startServer(dir);
  const times: ImportTiming[] = [];
  for (let i = 0; i < 3; i++)
    times.push(await timeImport(server.base, await signIn(server.base, ADMIN), 500, 20));
  server.child.kill('SIGTERM');
  times.sort((a, b) => a.previewMs + a.commitMs - (b.previewMs + b.commitMs));
  console.log(`${importLine(times[1]!)} (median of 3)`);
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
