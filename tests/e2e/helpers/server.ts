/**
 * Starts the BUILT application (server/dist + client/dist) as its own process on a free port, with a fresh
 * data directory and the demo plan, exactly as `npm start` would run it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const DEMO_PASSWORD = 'e2e-demo-password-2019';
/**
 * The day the browser tests' demo stands on (the same Monday as the API tests' clock): the demo plan is
 * built relative to "now", so without a fixed day its meetings, RAGs and dates would move under the tests.
 */
export const DEMO_CLOCK_START = '2026-11-23T12:00:00.000Z';

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  /** Where the server's clock started (the demo's day), or null when it runs on the real time. */
  clockStart: string | null;
  /** What the process printed (start-up banner with the demo accounts, warnings). */
  output: () => string;
  stop: () => Promise<void>;
}

/** Fails early, and says what to do, when the app has not been built. */
export function assertBuilt(): void {
  const missing = [
    path.join(repoRoot, 'server', 'dist', 'server.js'),
    path.join(repoRoot, 'client', 'dist', 'index.html'),
  ].filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `The browser tests run against the built app, and these are missing:\n  ${missing.join('\n  ')}\n` +
        'Build it first:  npm run build   (or: npx tsc -b server && npm run build -w client)',
    );
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('No free port found'))));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The server exited with code ${child.exitCode} before it was ready:\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`The server did not answer GET /healthz with 200 within 60 seconds:\n${output()}`);
}

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  assertBuilt();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-e2e-'));
  const demo = (env.DEMO ?? 'true') !== 'false';
  const clockStart = demo ? (env.DEMO_CLOCK_START ?? DEMO_CLOCK_START) : null;
  let log = '';
  const child = spawn(process.execPath, [path.join(repoRoot, 'server', 'dist', 'server.js')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO: 'true',
      DEMO_PASSWORD,
      LOG_LEVEL: 'warn',
      ...(clockStart ? { DEMO_CLOCK_START: clockStart } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const output = () => log;
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, dataDir, clockStart, output, stop };
}
