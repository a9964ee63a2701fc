/**
 * Migrations on real data. drizzle-kit rebuilds a table (create a copy, move the rows, drop, rename) for
 * many schema changes; with foreign keys on, dropping a table other rows point at fails on a populated
 * database though it passes on an empty one. Here every table of two populated databases — the demo, and
 * the benchmark's generated plan set — is rebuilt by such a migration on top of the committed ones, and the
 * rows must come through unchanged; a migration that would leave rows pointing nowhere is refused whole;
 * and a database with a schema is backed up before its pending migrations.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate as drizzleMigrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/client.js';
import { StartupRefusal } from '../../server/src/db/guard.js';
import { MIGRATIONS_DIR, migrateWithBackup, runMigrations } from '../../server/src/db/migrate.js';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { verifyBackup } from '../../server/src/ops/backup.js';
import { tempDir } from './helpers.js';
import { populatedDatabases } from './populated.js';

const root = tempDir('ipt-migrations-');
/** How many migrations are committed. */
const committed = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR }).length;
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let demoFile: string;
let benchFile: string;
beforeAll(async () => {
  ({ demoFile, benchFile } = await populatedDatabases(root));
}, 300_000);

function copyOf(file: string, name: string): string {
  const to = path.join(root, `${name}-${Math.random().toString(36).slice(2)}.db`);
  fs.copyFileSync(file, to);
  return to;
}

/** Every row of every table, for "the same data" checks. */
function snapshot(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name",
      )
      .all() as { name: string }[];
    for (const { name } of tables) out[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
    return out;
  } finally {
    db.close();
  }
}

/** The committed migrations plus one more, as drizzle-kit lays them out. */
function withExtraMigration(tag: string, statements: string[]): string {
  const dir = fs.mkdtempSync(path.join(root, 'migrations-'));
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as {
    entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
  };
  const last = journal.entries.at(-1);
  if (!last) throw new Error('no committed migrations');
  journal.entries.push({
    idx: last.idx + 1,
    version: last.version,
    when: last.when + 1,
    tag,
    breakpoints: true,
  });
  fs.writeFileSync(journalFile, JSON.stringify(journal, null, 2));
  fs.writeFileSync(path.join(dir, `${tag}.sql`), statements.join('\n--> statement-breakpoint\n'));
  return dir;
}

/** drizzle-kit's table rebuild, for every table of the schema. */
function rebuildEveryTable(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name",
      )
      .all() as { name: string; sql: string }[];
    const out = ['PRAGMA foreign_keys=OFF;'];
    for (const t of tables) {
      const columns = (db.prepare(`PRAGMA table_info("${t.name}")`).all() as { name: string }[])
        .map((c) => `"${c.name}"`)
        .join(', ');
      const indexes = db
        .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
        .all(t.name) as { sql: string }[];
      out.push(
        t.sql
          .replace(/^CREATE TABLE [`"]?[\w]+[`"]?/, `CREATE TABLE \`__new_${t.name}\``)
          .replaceAll(`"${t.name}".`, `"__new_${t.name}".`) + ';',
        `INSERT INTO \`__new_${t.name}\`(${columns}) SELECT ${columns} FROM \`${t.name}\`;`,
        `DROP TABLE \`${t.name}\`;`,
        `ALTER TABLE \`__new_${t.name}\` RENAME TO \`${t.name}\`;`,
        ...indexes.map((i) => `${i.sql};`),
      );
    }
    out.push('PRAGMA foreign_keys=ON;');
    return out;
  } finally {
    db.close();
  }
}

describe.each([
  ['the demo', () => demoFile],
  ['the benchmark data set', () => benchFile],
])('migrations on %s', (name, source) => {
  it('rebuilding every table keeps every row, with foreign keys checked, and backs the database up first', async () => {
    const file = copyOf(source(), 'upgrade');
    const before = snapshot(file);
    expect(before.action_updates?.length).toBeGreaterThan(0);
    const folder = withExtraMigration('0001_rebuild_every_table', rebuildEveryTable(file));

    if (name === 'the demo') {
      // drizzle's own migrator, foreign keys on: this is what would stop a real install from starting.
      // (Only on the demo: on the benchmark's rows each DROP checks every child row, for many minutes.)
      const plain = new Database(copyOf(source(), 'drizzle'));
      plain.pragma('foreign_keys = ON');
      const { drizzle } = await import('drizzle-orm/better-sqlite3');
      let failure: unknown = null;
      try {
        drizzleMigrate(drizzle({ client: plain }), { migrationsFolder: folder });
      } catch (err) {
        failure = err;
      }
      plain.close();
      expect(String((failure as { cause?: unknown } | null)?.cause)).toMatch(/FOREIGN KEY constraint failed/);
    }

    const { db, sqlite } = openDatabase(file);
    try {
      const backup = await migrateWithBackup(db, path.join(root, 'backups'), folder);
      expect(backup).not.toBeNull();
      expect(verifyBackup(backup as string).rows.action_updates).toBe(before.action_updates?.length);
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(sqlite.pragma('user_version', { simple: true })).toBe(committed + 1);
      expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      sqlite.close();
    }
    expect(snapshot(file)).toEqual(before);
  });

  it('a migration that would leave rows pointing nowhere is refused whole: nothing changes', async () => {
    const file = copyOf(source(), 'dangling');
    const before = snapshot(file);
    const folder = withExtraMigration('0001_drop_a_lead', [
      'DELETE FROM `users` WHERE `id` = (SELECT min(`user_id`) FROM `leads`);',
    ]);
    const { db, sqlite } = openDatabase(file);
    try {
      let refused: unknown = null;
      try {
        runMigrations(db, folder);
      } catch (err) {
        refused = err;
      }
      expect(refused).toBeInstanceOf(StartupRefusal);
      expect((refused as StartupRefusal).exitCode).toBe(18);
      expect((refused as Error).message).toMatch(
        /would leave \d+ row\(s\) pointing at rows that do not exist \(.* → users/,
      );
      expect(sqlite.pragma('user_version', { simple: true })).toBe(committed);
      expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      sqlite.close();
    }
    expect(snapshot(file)).toEqual(before);
  });
});
