import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inTransaction, openDatabase } from '../../server/src/db/client.js';
import { runMigrations } from '../../server/src/db/migrate.js';

const dirs: string[] = [];
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-db-'));
  dirs.push(dir);
  return path.join(dir, 'sub', 'tracker.db');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('the database', () => {
  it('opens with WAL, full sync, foreign keys and a busy timeout, creating its folder', () => {
    const { sqlite } = openDatabase(tempFile());
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(Number(sqlite.pragma('busy_timeout', { simple: true }))).toBeGreaterThanOrEqual(5000);
    sqlite.close();
  });

  it('refuses to open where WAL cannot be set (an in-memory database), rather than run without it', () => {
    expect(() => openDatabase(':memory:')).toThrow(/journal_mode is memory, expected WAL/);
  });

  it('applies the committed migrations, and again without harm', () => {
    const { db, sqlite } = openDatabase(tempFile());
    runMigrations(db);
    runMigrations(db);
    const tables = (
      sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]
    ).map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'users',
        'sessions',
        'plans',
        'actions',
        'action_updates',
        'audit_log',
        'meeting_snapshots',
      ]),
    );
    sqlite.close();
  });

  it('enforces foreign keys', () => {
    const { db, sqlite } = openDatabase(tempFile());
    runMigrations(db);
    expect(() =>
      sqlite
        .prepare(
          "INSERT INTO themes (plan_id, title, created_at, updated_at) VALUES (999, 'x', 'now', 'now')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    sqlite.close();
  });

  it('rolls back a transaction that throws, and refuses an async function', async () => {
    const { db, sqlite } = openDatabase(tempFile());
    runMigrations(db);
    expect(() =>
      inTransaction(sqlite, () => {
        sqlite.prepare("INSERT INTO plans (title, created_at, updated_at) VALUES ('x', 'now', 'now')").run();
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(sqlite.prepare('SELECT count(*) AS n FROM plans').get()).toEqual({ n: 0 });
    expect(() => inTransaction(sqlite, (async () => 1) as unknown as () => number)).toThrow(/synchronous/);
    sqlite.close();
  });
});
