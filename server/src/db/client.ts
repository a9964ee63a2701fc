import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { checkDatabase, inspectDatabaseFile, refusalForOpenError, StartupRefusal } from './guard.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema>;
export type Sqlite = Database.Database;

export interface OpenDatabase {
  sqlite: Sqlite;
  db: Db;
}

const REQUIRED_PRAGMAS = [
  ['journal_mode', 'WAL', (v: unknown) => String(v).toLowerCase() === 'wal'],
  ['synchronous', 'FULL', (v: unknown) => Number(v) === 2],
  ['foreign_keys', 'ON', (v: unknown) => Number(v) === 1],
  ['busy_timeout', '5000', (v: unknown) => Number(v) >= 5000],
] as const;

/**
 * Opens the SQLite file after checking it is this application's and intact (see guard.ts: an empty, foreign,
 * damaged or read-only file is refused before anything is written to it), sets the pragmas the product relies
 * on (WAL for concurrent readers, FULL sync so an acknowledged update survives a power cut, foreign keys, a
 * busy timeout), then reads each back and refuses to go on if any did not take.
 */
export function openDatabase(file: string): OpenDatabase {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  inspectDatabaseFile(file);
  let sqlite: Sqlite;
  try {
    sqlite = new Database(file);
  } catch (err) {
    throw refusalForOpenError(file, err) ?? err;
  }
  try {
    checkDatabase(sqlite, file);
    for (const [name, value] of REQUIRED_PRAGMAS) sqlite.pragma(`${name} = ${value}`);
    for (const [name, value, ok] of REQUIRED_PRAGMAS) {
      const actual = sqlite.pragma(name, { simple: true });
      if (!ok(actual))
        throw new Error(`SQLite pragma ${name} is ${String(actual)}, expected ${value} (${file})`);
    }
  } catch (err) {
    sqlite.close();
    if (err instanceof StartupRefusal) throw err;
    throw refusalForOpenError(file, err) ?? err;
  }
  return { sqlite, db: drizzle({ client: sqlite, schema }) };
}

/**
 * Runs `fn` in an IMMEDIATE transaction (the write lock is taken at the start, so two writers queue rather
 * than fail half-way). `fn` must be synchronous: a promise would let the transaction commit before the work
 * is done, so one is refused.
 */
export function inTransaction<T>(sqlite: Sqlite, fn: () => T): T {
  const result = sqlite
    .transaction(() => {
      const value = fn();
      if (value && typeof (value as { then?: unknown }).then === 'function') {
        throw new Error('inTransaction() was given an async function; transactions must be synchronous');
      }
      return value;
    })
    .immediate();
  return result;
}

/**
 * How many rows this connection has written since it opened (SQLite's total_changes()): it moves on with
 * every successful write, so "has anything been written since?" needs no counter of our own.
 */
export function changesWritten(sqlite: Sqlite): number {
  return (sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}
