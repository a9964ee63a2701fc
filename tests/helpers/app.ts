/**
 * The test app: the real buildApp on a fresh SQLite file with the committed migrations, optionally with
 * the demo data, and a clock the test can move.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { buildApp } from '../../server/src/app.js';
import { testConfig, type AppConfig } from '../../server/src/config.js';
import { seedDemo } from '../../server/src/setup/seed.js';

export const DEMO_PASSWORD = 'demo-password-for-tests';
/** Where the demo's "now" stands unless a test says otherwise: a Monday, in GMT. */
export const DEFAULT_NOW = '2026-11-23T12:00:00.000Z';

export class TestClock {
  private t: number;
  constructor(start: string | Date = DEFAULT_NOW) {
    this.t = new Date(start).getTime();
  }
  now = (): Date => new Date(this.t);
  set(at: string | Date): void {
    this.t = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface TestApp {
  app: FastifyInstance;
  clock: TestClock;
  config: AppConfig;
  dataDir: string;
  close(): Promise<void>;
}

export async function buildTestApp(
  options: { demo?: boolean; now?: string; config?: Partial<AppConfig> } = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-test-'));
  const config = testConfig({
    dataDir,
    signInRateLimit: { max: 10_000, windowSeconds: 60 },
    // Tests move the clock by hours; the 30-minute default would end their sessions between steps.
    sessionIdleMinutes: 480,
    sessionMaxHours: 24,
    ...options.config,
  });
  const clock = new TestClock(options.now);
  const app = await buildApp({ config, clock: clock.now, logger: false });
  if (options.demo) await seedDemo(app.services, { password: DEMO_PASSWORD, now: clock.now() });
  await app.ready();
  return {
    app,
    clock,
    config,
    dataDir,
    async close() {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface SignedIn {
  agent: supertest.Agent;
  csrf: string;
  user: {
    id: number;
    email: string;
    role: string;
    leadId: number | null;
    name: string;
    mustChangePassword: boolean;
  };
}

export async function signIn(
  app: FastifyInstance,
  email: string,
  password = DEMO_PASSWORD,
): Promise<SignedIn> {
  const agent = supertest.agent(app.server);
  const res = await agent.post('/api/auth/sign-in').send({ email, password });
  if (res.status !== 200)
    throw new Error(`sign-in as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { agent, csrf: res.body.csrfToken as string, user: res.body.user as SignedIn['user'] };
}

/**
 * Every row of every table (sessions and, unless asked, the audit log aside), for "nothing changed" checks.
 */
export function dbFingerprint(app: FastifyInstance, options: { includeAudit?: boolean } = {}): string {
  const tables = app.sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name",
    )
    .all() as { name: string }[];
  const skip = new Set(['sessions', ...(options.includeAudit ? [] : ['audit_log'])]);
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    if (skip.has(name)) continue;
    out[name] = app.sqlite.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
  }
  return JSON.stringify(out);
}

export function auditRows(
  app: FastifyInstance,
): { id: number; event: string; entity_type: string; entity_id: number | null; user_id: number | null }[] {
  return app.sqlite
    .prepare('SELECT id, event, entity_type, entity_id, user_id FROM audit_log ORDER BY id')
    .all() as never;
}

/** Checks an error response is RFC 9457 problem details with a message a person can act on. */
export function expectProblem(
  res: supertest.Response,
  status: number,
): { title: string; detail?: string; errors?: { path: string; message: string }[] } {
  if (res.status !== status) {
    throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  }
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) throw new Error(`expected problem+json, got ${type}`);
  const body = res.body as { status: number; title: string; type: string; detail?: string };
  if (body.status !== status || !body.title || !body.type)
    throw new Error(`not a problem body: ${JSON.stringify(res.body)}`);
  return res.body;
}

const VERSIONED_TABLES = {
  action: 'actions',
  plan: 'plans',
  source: 'sources',
  recommendation: 'recommendations',
  theme: 'themes',
  area: 'areas',
  meeting: 'meetings',
  evidence: 'evidence',
  user: 'users',
  lead: 'leads',
} as const;

/** The current ETag of a versioned record, read from the database, for If-Match. */
export function versionTag(app: FastifyInstance, kind: keyof typeof VERSIONED_TABLES, id: number): string {
  const row = app.sqlite.prepare(`SELECT version FROM "${VERSIONED_TABLES[kind]}" WHERE id = ?`).get(id) as
    { version: number } | undefined;
  return `"${kind}${id}-v${row?.version ?? 1}"`;
}
