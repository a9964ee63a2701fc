/**
 * An upgrade as a council's install meets it: a database whose schema stands at the first release (migration
 * 0000) and holds a whole plan's rows is taken through every committed migration by start-up's own runner,
 * and then opened by the app, which fills the live-RAG and list-part columns of rows written before they
 * existed and the compact RAGs of meetings locked before they were kept. Two data sets: the demo, and the
 * benchmark's generated plan set. The rows are the current seed's, copied down into the first release's tables
 * (only the columns that release had), so they are rows that release could hold; a column dropped since
 * (users.failed_sign_ins, users.locked_until) takes its default there.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app.js';
import { testConfig } from '../../server/src/config.js';
import { openDatabase } from '../../server/src/db/client.js';
import { MIGRATIONS_DIR, migrateWithBackup, runMigrations } from '../../server/src/db/migrate.js';
import { tempDir } from './helpers.js';
import { populatedDatabases } from './populated.js';

const root = tempDir('ipt-upgrade-');
const committed = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR }).length;
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let demoFile: string;
let benchFile: string;
beforeAll(async () => {
  ({ demoFile, benchFile } = await populatedDatabases(root));
}, 300_000);

/** The committed migrations folder cut down to its first `count` migrations: an earlier release's. */
function firstMigrations(count: number): string {
  const dir = fs.mkdtempSync(path.join(root, 'release-'));
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  for (const later of journal.entries.slice(count)) fs.rmSync(path.join(dir, `${later.tag}.sql`));
  journal.entries = journal.entries.slice(0, count);
  fs.writeFileSync(journalFile, JSON.stringify(journal, null, 2));
  return dir;
}

function tablesOf(db: Database.Database, schema = 'main'): string[] {
  return (
    db
      .prepare(
        `SELECT name FROM ${schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name`,
      )
      .all() as { name: string }[]
  ).map((t) => t.name);
}

function columnsOf(db: Database.Database, table: string, schema = 'main'): string[] {
  return (db.prepare(`PRAGMA ${schema}.table_info("${table}")`).all() as { name: string }[]).map(
    (c) => c.name,
  );
}

/** A database at the first release's schema, holding `source`'s rows in the columns that release had. */
function firstReleaseCopy(source: string, name: string): string {
  const dir = path.join(root, `${name}-${Math.random().toString(36).slice(2)}`);
  fs.mkdirSync(dir);
  const file = path.join(dir, 'tracker.db');
  const { db, sqlite } = openDatabase(file);
  try {
    runMigrations(db, firstMigrations(1));
    expect(sqlite.pragma('user_version', { simple: true })).toBe(1);
    sqlite.pragma('foreign_keys = OFF');
    sqlite.prepare('ATTACH DATABASE ? AS src').run(source);
    sqlite.transaction(() => {
      for (const table of tablesOf(sqlite)) {
        // The columns that release had and this one still has (a column dropped since takes its default).
        const now = new Set(columnsOf(sqlite, table, 'src'));
        const cols = columnsOf(sqlite, table)
          .filter((c) => now.has(c))
          .map((c) => `"${c}"`)
          .join(', ');
        sqlite.exec(`INSERT INTO main."${table}" (${cols}) SELECT ${cols} FROM src."${table}"`);
      }
    })();
    sqlite.exec('DETACH DATABASE src');
    sqlite.pragma('foreign_keys = ON');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
  } finally {
    sqlite.close();
  }
  return file;
}

function counts(file: string, tables: string[]): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(
      tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]),
    );
  } finally {
    db.close();
  }
}

/** Each action's stored live-RAG inputs and list parts (leads, evidence counts), as the current release writes them. */
function liveRagColumns(file: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT id, last_update_date, rag_started, rag_before_start, leads_json, evidence_counts_json
         FROM actions ORDER BY id`,
      )
      .all();
  } finally {
    db.close();
  }
}

/** Each locked meeting's compact RAGs (meeting_rags). */
function keptRags(file: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT meeting_id, rags FROM meeting_rags ORDER BY meeting_id').all();
  } finally {
    db.close();
  }
}

describe.each([
  ['the demo', () => demoFile],
  ['the benchmark data set', () => benchFile],
])('an upgrade of %s from the first release', (name, source) => {
  it('goes through every committed migration with every row kept, and the app then fills the live RAG and list parts', async () => {
    const file = firstReleaseCopy(source(), name.replace(/\W+/g, '-'));
    const firstTables = (() => {
      const db = new Database(file, { readonly: true });
      try {
        return tablesOf(db);
      } finally {
        db.close();
      }
    })();
    const before = counts(file, firstTables);
    expect(before.actions).toBeGreaterThan(0);
    expect(before.action_updates).toBeGreaterThan(0);

    // Start-up's runner: a backup first (the database has a schema and migrations are pending), then each one.
    const { db, sqlite } = openDatabase(file);
    try {
      const backup = await migrateWithBackup(db, path.join(path.dirname(file), 'backups'));
      expect(backup).not.toBeNull();
      expect(sqlite.pragma('user_version', { simple: true })).toBe(committed);
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      sqlite.close();
    }
    expect(counts(file, firstTables)).toEqual(before);

    // The app opens it as a restart would, and writes the live RAG, the leads and the evidence counts the
    // current release keeps on each action: the same as on the database the current release seeded itself.
    const app = await buildApp({ config: testConfig({ dataDir: path.dirname(file) }), logger: false });
    await app.close();
    const expected = liveRagColumns(source()) as { rag_started: string | null; leads_json: string | null }[];
    expect(expected.filter((a) => a.rag_started !== null).length).toBeGreaterThan(0);
    expect(expected.filter((a) => a.leads_json !== null && a.leads_json !== '[]').length).toBeGreaterThan(0);
    expect(liveRagColumns(file)).toEqual(expected);
    // And the compact RAGs of every locked meeting (meeting_rags), from their snapshots: as the current
    // release wrote them at each lock.
    const kept = keptRags(source());
    expect(kept.length).toBeGreaterThan(0);
    expect(keptRags(file)).toEqual(kept);
  });
});
