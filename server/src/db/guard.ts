/**
 * What start-up refuses, and how it says so. Each refusal names the path, says how to fix it, and ends the
 * process with its own exit code (listed in the README), so an operator's script can tell them apart.
 */
import fs from 'node:fs';
import type { Sqlite } from './client.js';

/** `PRAGMA application_id` of this product's databases: "IPT1". */
export const APPLICATION_ID = 0x49505431;

export const EXIT = {
  /** Another process holds the data folder. */
  locked: 10,
  /** The database file exists but is 0 bytes. */
  empty: 11,
  /** The file is not this application's database. */
  foreign: 12,
  /** The database was written by a newer version. */
  newer: 13,
  /** The database fails SQLite's quick_check, or cannot be read. */
  damaged: 14,
  /** The database file cannot be written. */
  readOnly: 15,
  /** The data, database or evidence folder cannot be written. */
  folder: 16,
  /** DEMO=false on a database that still holds the demo accounts. */
  demoAccounts: 17,
  /** A migration failed (foreign key check, or the backup before it); nothing was changed. */
  migration: 18,
} as const;
export type RefusalCause = keyof typeof EXIT;

export class StartupRefusal extends Error {
  readonly exitCode: number;
  constructor(
    readonly reason: RefusalCause,
    readonly path: string,
    message: string,
    readonly fix: string,
  ) {
    super(message);
    this.name = 'StartupRefusal';
    this.exitCode = EXIT[reason];
  }

  /** The lines printed before the process exits. */
  report(): string {
    return `Cannot start: ${this.message}\n  Path: ${this.path}\n  To fix: ${this.fix}\n  (exit code ${this.exitCode}: ${this.reason})`;
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function errno(err: unknown): string | undefined {
  return (err as { code?: string } | null)?.code;
}

/** Before SQLite opens the file: an empty file, a file we may not write, a file that is not SQLite at all. */
export function inspectDatabaseFile(file: string): void {
  if (file === ':memory:') return;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    if (errno(err) === 'ENOENT') return; // a new installation
    throw err;
  }
  if (!stat.isFile())
    throw new StartupRefusal(
      'foreign',
      file,
      'the database path is not a file.',
      'Point DATABASE_FILE (or DATA_DIR) at a file of this application, or at a path that does not exist yet.',
    );
  const walSize = fs.statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
  if (stat.size === 0 && walSize === 0)
    throw new StartupRefusal(
      'empty',
      file,
      'the database file exists but is empty (0 bytes); it may be a failed copy or restore, so nothing was created in its place.',
      'Restore it from a backup (npm run restore -- <backup folder>), or, for a new installation, delete the empty file and start again.',
    );
  try {
    fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
  } catch (err) {
    throw new StartupRefusal(
      'readOnly',
      file,
      `the database file cannot be written (${errno(err) ?? String(err)}).`,
      'Give the account that runs the service read and write access to the file and its folder (chmod 600, owned by that account), or mount the filesystem read-write.',
    );
  }
  if (stat.size > 0) {
    const head = Buffer.alloc(16);
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, head, 0, 16, 0);
    } finally {
      fs.closeSync(fd);
    }
    if (!head.equals(SQLITE_HEADER))
      throw new StartupRefusal(
        'foreign',
        file,
        'the file is not a SQLite database, so it is not this application’s database.',
        'Point DATABASE_FILE (or DATA_DIR) at this application’s database, or restore one from a backup.',
      );
  }
}

/**
 * After SQLite opens the file, before anything writes to it: whose database it is (application_id, or an
 * empty file we may claim, or an older install of ours that predates the id), and whether it is intact.
 */
export function checkDatabase(sqlite: Sqlite, file: string): void {
  let appId: number;
  let tables: string[];
  try {
    appId = Number(sqlite.pragma('application_id', { simple: true }));
    tables = (
      sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((r) => r.name);
  } catch (err) {
    throw damaged(file, err);
  }
  const ours =
    appId === APPLICATION_ID ||
    (appId === 0 &&
      (tables.length === 0 || ['__drizzle_migrations', 'users', 'actions'].every((t) => tables.includes(t))));
  if (!ours)
    throw new StartupRefusal(
      'foreign',
      file,
      appId === 0
        ? `the file is a SQLite database of another application (its tables: ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}); it was not changed.`
        : `the file is a SQLite database of another application (application_id ${appId}); it was not changed.`,
      'Point DATABASE_FILE (or DATA_DIR) at this application’s database, or at a path that does not exist yet for a new installation.',
    );
  if (file === ':memory:' || tables.length === 0) return;
  let result: string[];
  try {
    result = (sqlite.pragma('quick_check(5)') as { quick_check: string }[]).map((r) => r.quick_check);
  } catch (err) {
    throw damaged(file, err);
  }
  if (result.length !== 1 || result[0] !== 'ok') throw damaged(file, new Error(result.join('; ')));
}

export function damaged(file: string, err: unknown): StartupRefusal {
  const why = err instanceof Error ? err.message : String(err);
  return new StartupRefusal(
    'damaged',
    file,
    `the database is damaged (SQLite says: ${why}). The service did not start, so nothing more was written to it.`,
    'Stop here and restore the latest backup (npm run restore -- <backup folder>); keep the damaged file for investigation.',
  );
}

/** SQLite's errors on open or first read that mean the file is damaged or cannot be written. */
export function refusalForOpenError(file: string, err: unknown): StartupRefusal | null {
  const code = errno(err) ?? '';
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT_'))
    return damaged(file, err);
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM')
    return new StartupRefusal(
      'readOnly',
      file,
      `the database cannot be opened for writing (${code}).`,
      'Give the account that runs the service read and write access to the file, its -wal and -shm files and its folder, or mount the filesystem read-write.',
    );
  return null;
}
