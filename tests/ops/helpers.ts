/**
 * The built server as a process, for the operations tests: start it on a data folder and wait until it
 * answers, or run it to its exit and read what it said.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { freePort, repoRoot } from '../e2e/helpers/server.js';

export const SERVER = path.join(repoRoot, 'server', 'dist', 'server.js');
export const PASSWORD = 'ops-demo-password';

export function tempDir(prefix = 'ipt-ops-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function serverEnv(dataDir: string, env: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO: 'true',
    DEMO_PASSWORD: PASSWORD,
    CLIENT_DIR: 'none',
    LOG_LEVEL: 'warn',
    SIGN_IN_RATE_LIMIT: '100000',
    MIN_FREE_MB: '1',
    ...env,
  };
}

export interface Running {
  child: ChildProcess;
  base: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function start(
  dataDir: string,
  env: Record<string, string> = {},
  options: { uid?: number; gid?: number } = {},
): Promise<Running> {
  const port = await freePort();
  let log = '';
  const child = spawn(process.execPath, [SERVER], {
    cwd: repoRoot,
    env: serverEnv(dataDir, { PORT: String(port), ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  });
  child.stdout?.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited ${child.exitCode} before ready:\n${log}`);
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) return { child, base, output: () => log, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`not ready within 60 s:\n${log}`);
}

/** Runs the server expecting it to refuse to start; returns its exit code and what it printed. */
export async function refusal(
  dataDir: string,
  env: Record<string, string> = {},
  options: { uid?: number; gid?: number } = {},
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [SERVER], {
    cwd: repoRoot,
    env: serverEnv(dataDir, { PORT: '0', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output };
}

export async function signIn(base: string, email: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${res.status}: ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

export interface Writer {
  /** Commentaries the server acknowledged with 201. */
  acknowledged: string[];
  stop(): Promise<void>;
}

/**
 * Posts progress updates as fast as it can, one action per worker (so each knows its own ETag), until
 * stopped or the server goes away; keeps every update the server acknowledged.
 */
export async function writeUpdates(base: string, tag: string, workers = 4): Promise<Writer> {
  const s = await signIn(base, 'admin@example.org');
  const headers = { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' };
  const list = (await (await fetch(`${base}/api/plans`, { headers: { cookie: s.cookie } })).json()) as {
    items: { id: number }[];
  };
  const planId = list.items[0]?.id;
  const actions = (await (
    await fetch(`${base}/api/plans/${planId}/actions?pageSize=200`, { headers: { cookie: s.cookie } })
  ).json()) as { items: { id: number; status: string }[] };
  const ids = actions.items.filter((a) => a.status !== 'complete').map((a) => a.id);
  const acknowledged: string[] = [];
  let stopped = false;
  const loops = Array.from({ length: workers }, async (_, w) => {
    const id = ids[w % ids.length];
    let n = 0;
    let etag: string | null = null;
    while (!stopped) {
      try {
        if (!etag) etag = (await fetch(`${base}/api/actions/${id}`, { headers })).headers.get('etag');
        const commentary = `${tag} w${w} n${n++}`;
        const res: Response = await fetch(`${base}/api/actions/${id}/updates`, {
          method: 'POST',
          headers: { ...headers, 'if-match': etag ?? '' },
          body: JSON.stringify({ status: 'on_track', reportedRag: 'green', commentary }),
        });
        await res.arrayBuffer();
        if (res.status === 201) {
          acknowledged.push(commentary);
          etag = res.headers.get('etag');
        } else etag = null;
      } catch {
        stopped = true; // the server went away
      }
    }
  });
  return {
    acknowledged,
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

/** Reads the database file directly (the server stopped or not). */
export function openReadOnly(dataDir: string): Database.Database {
  return new Database(path.join(dataDir, 'tracker.db'), { readonly: true, fileMustExist: true });
}
