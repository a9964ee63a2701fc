/**
 * Configuration from the environment, with safe defaults. Anything set but unreadable stops start-up with a
 * message that names the variable: a council's operator must never find out from a half-working service.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SignInThrottleConfig } from './lib/sign-in-throttle.js';

export interface RagRulesConfig {
  /** An action is "due soon" this many days before its due date. */
  dueSoonDays: number;
  /** With no previous meeting, an action with no update for this many days is "stale". */
  staleDays: number;
}

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  /** SQLite file; `${dataDir}/tracker.db` unless DATABASE_FILE says otherwise. */
  databaseFile: string;
  demo: boolean;
  demoPassword: string;
  /**
   * Demo only: the instant the server's clock starts from (it then runs on in real time), so that a
   * demonstration, a screenshot or a browser test sees the demo plan as it stood on a chosen day.
   */
  demoClockStart: Date | null;
  /** The first administrator, created on an empty database when all three are set. */
  firstAdmin: { email: string; name: string; password: string } | null;
  councilName: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * Which reverse proxies to believe about the client's address and protocol: false (none), a hop count, or
   * the proxies' addresses/CIDR ranges. Never plain `true`, which would believe any X-Forwarded-For.
   */
  trustProxy: false | number | string[];
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  signInRateLimit: { max: number; windowSeconds: number };
  signInThrottle: SignInThrottleConfig;
  rag: RagRulesConfig;
  /** Default papers cut-off: this many days before the meeting, at 17:00 London time. */
  papersCutoffDays: number;
  uploadMaxBytes: number;
  /** /healthz fails when the database's or evidence's filesystem has less free space than this. */
  minFreeBytes: number;
  /** What evidence files may take: per person, in all, and the free space always left on the disk. */
  uploadQuota: { perUserBytes: number; totalBytes: number; minFreeBytes: number };
  /** Built client to serve; null to serve the API only. */
  clientDir: string | null;
  /**
   * Threads that compute a scheduled meeting's page on read-only connections of their own, so that the
   * board's heaviest read uses a second core (lib/read-workers.ts). 0: computed in the request's thread.
   */
  readWorkers: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(name, `expected true or false (or 1/0, yes/no, on/off), got "${raw}"`);
}

function readString(env: Env, name: string, fallback: string, maxLength = 500): string {
  const raw = env[name];
  if (raw === undefined) return fallback;
  const v = raw.trim();
  if (v === '') throw new ConfigError(name, 'is set but empty; unset it to use the default');
  if (v.length > maxLength) throw new ConfigError(name, `is longer than ${maxLength} characters`);
  return v;
}

/** TRUST_PROXY: false, a hop count, or a comma-separated list of addresses or CIDR ranges. */
function readTrustProxy(env: Env): AppConfig['trustProxy'] {
  const raw = env.TRUST_PROXY?.trim();
  if (raw === undefined || raw === '' || ['0', 'false', 'no', 'off'].includes(raw.toLowerCase()))
    return false;
  if (['true', 'yes', 'on'].includes(raw.toLowerCase())) {
    throw new ConfigError(
      'TRUST_PROXY',
      'plain "true" would believe any X-Forwarded-For a client sends; set the number of proxies in front of the server (usually 1) or their addresses, e.g. 10.0.0.5 or 10.0.0.0/24',
    );
  }
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) throw new ConfigError('TRUST_PROXY', `a hop count must be between 0 and 10, got ${hops}`);
    return hops;
  }
  const list = raw
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  for (const a of list) {
    if (!/^[0-9A-Fa-f.:]+(\/\d{1,3})?$/.test(a) && !['loopback', 'linklocal', 'uniquelocal'].includes(a))
      throw new ConfigError('TRUST_PROXY', `is not an address, CIDR range or hop count: "${a}"`);
  }
  return list;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const DEFAULT_DEMO_PASSWORD = 'improve-2019';

export function loadConfig(env: Env = process.env): AppConfig {
  const dataDir = path.resolve(readString(env, 'DATA_DIR', path.join(repoRoot, 'data'), 4096));
  const databaseFile =
    env.DATABASE_FILE !== undefined
      ? path.resolve(readString(env, 'DATABASE_FILE', '', 4096))
      : path.join(dataDir, 'tracker.db');

  const host = readString(env, 'HOST', '127.0.0.1', 255);
  if (!/^[A-Za-z0-9.:\-[\]]+$/.test(host))
    throw new ConfigError('HOST', `is not a host name or address: "${host}"`);

  const logLevel = readString(env, 'LOG_LEVEL', 'info', 10);
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }

  const demoPassword = readString(env, 'DEMO_PASSWORD', DEFAULT_DEMO_PASSWORD, 200);
  if (demoPassword.length < 8) throw new ConfigError('DEMO_PASSWORD', 'must be at least 8 characters');

  const demo = readBool(env, 'DEMO', true);
  let demoClockStart: Date | null = null;
  const clockRaw = env.DEMO_CLOCK_START?.trim();
  if (clockRaw) {
    if (!demo)
      throw new ConfigError('DEMO_CLOCK_START', 'is for demonstrations only: unset it, or set DEMO=true');
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(clockRaw))
      throw new ConfigError(
        'DEMO_CLOCK_START',
        `expected an ISO 8601 instant such as 2026-11-23T12:00:00Z, got "${clockRaw}"`,
      );
    demoClockStart = new Date(clockRaw);
    const [y, m, d] = clockRaw.slice(0, 10).split('-').map(Number) as [number, number, number];
    const day = new Date(Date.UTC(y, m - 1, d));
    if (Number.isNaN(demoClockStart.getTime()) || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d)
      throw new ConfigError('DEMO_CLOCK_START', `is not a real instant: "${clockRaw}"`);
  }

  const clientDirRaw = env.CLIENT_DIR;
  const clientDir =
    clientDirRaw === undefined
      ? path.join(repoRoot, 'client', 'dist')
      : clientDirRaw.trim() === '' || clientDirRaw.trim().toLowerCase() === 'none'
        ? null
        : path.resolve(clientDirRaw.trim());

  const uploadMaxMb = readInt(env, 'UPLOAD_MAX_MB', 25, 1, 1024);

  const adminVars = ['ADMIN_EMAIL', 'ADMIN_NAME', 'ADMIN_PASSWORD'] as const;
  const adminSet = adminVars.filter((v) => env[v] !== undefined);
  let firstAdmin: AppConfig['firstAdmin'] = null;
  if (adminSet.length > 0) {
    const missing = adminVars.filter((v) => env[v] === undefined);
    if (missing.length > 0)
      throw new ConfigError(
        missing[0] ?? 'ADMIN_EMAIL',
        'set ADMIN_EMAIL, ADMIN_NAME and ADMIN_PASSWORD together',
      );
    const email = readString(env, 'ADMIN_EMAIL', '', 254);
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
      throw new ConfigError('ADMIN_EMAIL', `is not an email address: "${email}"`);
    const password = readString(env, 'ADMIN_PASSWORD', '', 200);
    if (password.length < 12) throw new ConfigError('ADMIN_PASSWORD', 'must be at least 12 characters');
    firstAdmin = { email, name: readString(env, 'ADMIN_NAME', '', 200), password };
  }

  return {
    port: readInt(env, 'PORT', 3000, 0, 65535),
    host,
    dataDir,
    databaseFile,
    demo,
    demoPassword,
    demoClockStart,
    firstAdmin,
    councilName: readString(env, 'COUNCIL_NAME', 'Northshire County Council', 120),
    logLevel: logLevel as AppConfig['logLevel'],
    trustProxy: readTrustProxy(env),
    sessionIdleMinutes: readInt(env, 'SESSION_IDLE_MINUTES', 30, 5, 10080),
    sessionMaxHours: readInt(env, 'SESSION_MAX_HOURS', 12, 1, 720),
    signInRateLimit: {
      max: readInt(env, 'SIGN_IN_RATE_LIMIT', 10, 1, 100000),
      windowSeconds: 60,
    },
    signInThrottle: {
      pairFreeFailures: readInt(env, 'SIGN_IN_FREE_FAILURES', 5, 1, 1000),
      addressFreeFailures: readInt(env, 'SIGN_IN_ADDRESS_FREE_FAILURES', 20, 1, 10000),
      accountFreeFailures: 20,
      maxDelaySeconds: readInt(env, 'SIGN_IN_MAX_DELAY_SECONDS', 900, 1, 86400),
      accountMaxSlowMs: 3000,
      forgetAfterHours: 24,
    },
    rag: {
      dueSoonDays: readInt(env, 'DUE_SOON_DAYS', 28, 0, 365),
      staleDays: readInt(env, 'STALE_DAYS', 42, 1, 365),
    },
    papersCutoffDays: readInt(env, 'PAPERS_CUTOFF_DAYS', 7, 0, 60),
    readWorkers: readInt(env, 'READ_WORKERS', 2, 0, 8),
    uploadMaxBytes: uploadMaxMb * 1024 * 1024,
    minFreeBytes: readInt(env, 'MIN_FREE_MB', 100, 0, 1_000_000) * 1024 * 1024,
    uploadQuota: {
      perUserBytes: readInt(env, 'UPLOAD_USER_QUOTA_MB', 1024, 1, 10_000_000) * 1024 * 1024,
      totalBytes: readInt(env, 'UPLOAD_TOTAL_QUOTA_MB', 20_480, 1, 100_000_000) * 1024 * 1024,
      minFreeBytes: readInt(env, 'UPLOAD_MIN_FREE_MB', 1024, 0, 10_000_000) * 1024 * 1024,
    },
    clientDir,
  };
}

/** Configuration for tests and tools: defaults, a private data directory, overrides. */
export function testConfig(overrides: Partial<AppConfig> & { dataDir: string }): AppConfig {
  const base = loadConfig({ DATA_DIR: overrides.dataDir, CLIENT_DIR: 'none', LOG_LEVEL: 'silent' });
  return {
    ...base,
    ...overrides,
    databaseFile: overrides.databaseFile ?? path.join(overrides.dataDir, 'tracker.db'),
  };
}
