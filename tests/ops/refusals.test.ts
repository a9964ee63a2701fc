/**
 * What start-up refuses: each case is the real server process, asserting the message (what, where, the fix)
 * and its own exit code; and that the file it refused was not changed.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/client.js';
import { EXIT } from '../../server/src/db/guard.js';
import { runMigrations } from '../../server/src/db/migrate.js';
import { PASSWORD, refusal, start, tempDir } from './helpers.js';

const dirs: string[] = [];
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A database of this application with its schema and nothing else, closed cleanly (no -wal). */
function ourDatabase(dataDir: string): string {
  const file = path.join(dataDir, 'tracker.db');
  const { db, sqlite } = openDatabase(file);
  runMigrations(db);
  sqlite.close();
  return file;
}

/** Root ignores file modes: run the server as nobody, on folders nobody owns. */
const asRoot = process.getuid?.() === 0;
const user = asRoot ? { uid: 65534, gid: 65534 } : {};
function giveAway(d: string): void {
  if (!asRoot) return;
  for (const p of [d, ...fs.readdirSync(d, { recursive: true }).map((f) => path.join(d, String(f)))])
    fs.chownSync(p, 65534, 65534);
}

describe('start-up refuses', () => {
  it('an existing but empty (0-byte) database file: exit 11, and nothing is created in its place', async () => {
    const d = dir();
    fs.writeFileSync(path.join(d, 'tracker.db'), '');
    const r = await refusal(d);
    expect(r.code).toBe(EXIT.empty);
    expect(r.code).toBe(11);
    expect(r.output).toContain('empty (0 bytes)');
    expect(r.output).toContain(path.join(d, 'tracker.db'));
    expect(r.output).toMatch(/To fix: Restore it from a backup \(npm run restore/);
    expect(fs.statSync(path.join(d, 'tracker.db')).size).toBe(0);
  });

  it('another application’s SQLite database: exit 12, and the file is not changed', async () => {
    const d = dir();
    const file = path.join(d, 'tracker.db');
    const other = new Database(file);
    other.exec(
      'CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5);',
    );
    other.close();
    const before = sha(file);
    const r = await refusal(d);
    expect(r.code).toBe(12);
    expect(r.output).toMatch(/SQLite database of another application \(its tables: invoices\)/);
    expect(r.output).toContain(file);
    expect(r.output).toMatch(/To fix: Point DATABASE_FILE/);
    expect(sha(file)).toBe(before);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('a file that is not SQLite at all: exit 12', async () => {
    const d = dir();
    fs.writeFileSync(path.join(d, 'tracker.db'), 'name,total\nA,1\n');
    const r = await refusal(d);
    expect(r.code).toBe(12);
    expect(r.output).toMatch(/is not a SQLite database/);
  });

  it('a database upgraded by a newer version: exit 13, unchanged', async () => {
    const d = dir();
    const file = ourDatabase(d);
    const db = new Database(file);
    db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run(
      'future',
      4102444800000,
    );
    db.pragma('user_version = 2');
    db.close();
    const before = sha(file);
    const r = await refusal(d);
    expect(r.code).toBe(13);
    expect(r.output).toMatch(
      /upgraded by a newer version of this application \(schema 2; this version knows 1\)/,
    );
    expect(r.output).toMatch(/To fix: Run the newer version again, or restore the backup/);
    expect(sha(file)).toBe(before);
  });

  it('a database with a damaged page (quick_check): exit 14, and nothing more is written to it', async () => {
    const d = dir();
    const file = ourDatabase(d);
    const size = fs.statSync(file).size;
    const page = 4096;
    expect(size).toBeGreaterThan(page * 6);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(page, 0x5a), 0, page, page * 4); // overwrite page 5
    fs.closeSync(fd);
    const before = sha(file);
    const r = await refusal(d);
    expect(r.code).toBe(14);
    expect(r.output).toMatch(/the database is damaged \(SQLite says: /);
    expect(r.output).toMatch(/restore the latest backup/);
    expect(sha(file)).toBe(before);
  });

  it('a read-only database file: exit 15', async () => {
    const d = dir();
    const file = ourDatabase(d);
    fs.mkdirSync(path.join(d, 'evidence', 'tmp'), { recursive: true });
    giveAway(d);
    fs.chmodSync(file, 0o444);
    const r = await refusal(d, {}, user);
    expect(r.code).toBe(15);
    expect(r.output).toMatch(/the database file cannot be written \(EACCES\)/);
    expect(r.output).toContain(file);
  });

  it('an evidence folder it cannot write: exit 16, naming the folder', async () => {
    const d = dir();
    fs.mkdirSync(path.join(d, 'evidence'), { recursive: true });
    giveAway(d);
    fs.chmodSync(path.join(d, 'evidence'), 0o500);
    const r = await refusal(d, {}, user);
    expect(r.code).toBe(16);
    expect(r.output).toMatch(/the folder cannot be created or written \(EACCES\)/);
    expect(r.output).toContain(path.join(d, 'evidence'));
  });

  it('a second process on the same data folder: exit 10 naming the first one’s pid; a killed one leaves no lock', async () => {
    const d = dir();
    const first = await start(d, { DEMO: 'false' });
    try {
      const r = await refusal(d, { DEMO: 'false' });
      expect(r.code).toBe(10);
      expect(r.output).toContain(`another process (pid ${first.child.pid}) is using this data folder`);
      expect(r.output).toContain(d);
    } finally {
      first.child.kill('SIGKILL');
      await first.exited;
    }
    const second = await start(d, { DEMO: 'false' });
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });

  it('creates its folders and files owner-only', async () => {
    const d = path.join(dir(), 'data');
    const s = await start(d, { DEMO: 'false' });
    s.child.kill('SIGTERM');
    await s.exited;
    for (const p of [d, path.join(d, 'evidence'), path.join(d, 'evidence', 'tmp')])
      expect((fs.statSync(p).mode & 0o777).toString(8)).toBe('700');
    expect((fs.statSync(path.join(d, 'tracker.db')).mode & 0o777).toString(8)).toBe('600');
  });
});

describe('demo and production never mix', () => {
  it('DEMO=false on the demo’s database refuses (exit 17) until its accounts are retired; then the real administrator is created and the demo password no longer works', async () => {
    const d = dir();
    const demo = await start(d);
    demo.child.kill('SIGTERM');
    expect((await demo.exited).code).toBe(0);

    const admin = {
      ADMIN_EMAIL: 'it@council.gov.uk',
      ADMIN_NAME: 'IT Service',
      ADMIN_PASSWORD: 'a long admin password',
    };
    const r = await refusal(d, { DEMO: 'false', ...admin });
    expect(r.code).toBe(17);
    expect(r.output).toMatch(/DEMO=false, but the database holds \d+ demo account\(s\) \(admin@example.org/);
    expect(r.output).toMatch(/npm run retire-demo-accounts/);
    expect(r.output).toMatch(/To start clean, point DATA_DIR at a new folder/);

    const { execFileSync } = await import('node:child_process');
    const out = execFileSync(
      process.execPath,
      [path.join(import.meta.dirname, '../../server/dist/ops/cli.js'), 'retire-demo-accounts'],
      {
        env: { ...process.env, DATA_DIR: d },
        encoding: 'utf8',
      },
    );
    expect(out).toMatch(/Deactivated \d+ demo account\(s\) and ended their sessions: admin@example.org/);

    const real = await start(d, { DEMO: 'false', ...admin });
    try {
      const signIn = (email: string, password: string) =>
        fetch(`${real.base}/api/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password }),
        });
      expect((await signIn('admin@example.org', PASSWORD)).status).not.toBe(200);
      expect((await signIn('it@council.gov.uk', 'a long admin password')).status).toBe(200);
      const info = (await (await fetch(`${real.base}/api/app-info`)).json()) as { demo: boolean };
      expect(info.demo).toBe(false);
    } finally {
      real.child.kill('SIGTERM');
      await real.exited;
    }
  });
});
