/**
 * Backup and restore of a data folder.
 *
 * A backup folder holds `tracker.db` (taken with SQLite's online backup API, so it is one consistent moment
 * even while the service writes), `evidence/` (every stored file; each file is written and fsynced before
 * the database row that names it commits, so every file the copy names is already on disk when the copy is
 * taken) and `manifest.json`. It is verified once written: integrity_check, the application id, and every
 * evidence file the database names, present with its size and SHA-256.
 *
 * A restore needs the data folder to itself (the service stopped: it takes the folder lock), verifies the
 * backup first, adds its evidence files, and swaps the database in; the database it replaces is kept beside
 * it with its -wal and -shm (a stale -wal beside a restored file would corrupt it).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AppConfig } from '../config.js';
import { lockDataFolder } from '../db/data-folder.js';
import { APPLICATION_ID, checkDatabase, inspectDatabaseFile } from '../db/guard.js';
import type { Sqlite } from '../db/client.js';
import { openDatabase } from '../db/client.js';

export const BACKUP_DB = 'tracker.db';
const MANIFEST = 'manifest.json';

export interface BackupManifest {
  application: 'improvement-plan-tracker';
  createdAt: string;
  schemaVersion: number;
  database: { file: string; bytes: number; sha256: string };
  /** False for the automatic backup before migrations: they never touch evidence files. */
  evidence: { included: boolean; files: number; bytes: number };
}

export interface VerifiedBackup {
  manifest: BackupManifest;
  rows: Record<string, number>;
  evidenceFiles: number;
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function sha256File(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let n: number;
    while ((n = fs.readSync(fd, buf, 0, buf.length, null)) > 0) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

function copyDurably(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
  fs.copyFileSync(from, to);
  fs.chmodSync(to, 0o600);
  fsyncFile(to);
}

function prepareEmptyFolder(folder: string): void {
  if (fs.existsSync(folder) && fs.readdirSync(folder).length > 0)
    throw new BackupError(`${folder} is not empty; give a new folder for each backup.`);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
}

/** The stored evidence files: evidence/<2 hex>/<64 hex>. */
function evidenceFiles(evidenceDir: string): string[] {
  if (!fs.existsSync(evidenceDir)) return [];
  const out: string[] = [];
  for (const sub of fs.readdirSync(evidenceDir)) {
    if (!/^[0-9a-f]{2}$/.test(sub)) continue;
    for (const name of fs.readdirSync(path.join(evidenceDir, sub)))
      if (/^[0-9a-f]{64}$/.test(name)) out.push(path.join(sub, name));
  }
  return out.sort();
}

/** Copies the open database into `folder/tracker.db` with the online backup API; one consistent moment. */
export async function backupDatabase(source: Sqlite, folder: string): Promise<string> {
  const target = path.join(folder, BACKUP_DB);
  // After a first step of 100 pages, copy the rest in one step: a step that another connection's write
  // interrupts starts again, and small steps under steady writes could start again for ever.
  await source.backup(target, { progress: () => 1 << 30 });
  const copy = new Database(target);
  try {
    copy.pragma('journal_mode = DELETE'); // one self-contained file
  } finally {
    copy.close();
  }
  fs.chmodSync(target, 0o600);
  fsyncFile(target);
  return target;
}

function writeManifest(folder: string, manifest: BackupManifest): void {
  const file = path.join(folder, MANIFEST);
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
  fsyncFile(file);
  fsyncDir(folder);
}

function schemaVersionOf(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return Number(db.pragma('user_version', { simple: true }));
  } finally {
    db.close();
  }
}

/** The automatic backup before pending migrations: the database only. */
export async function backupBeforeMigration(
  source: Sqlite,
  backupsDir: string,
  version: number,
): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const folder = path.join(backupsDir, `before-migration-${version}-${stamp}`);
  prepareEmptyFolder(folder);
  const file = await backupDatabase(source, folder);
  writeManifest(folder, {
    application: 'improvement-plan-tracker',
    createdAt: new Date().toISOString(),
    schemaVersion: schemaVersionOf(file),
    database: { file: BACKUP_DB, bytes: fs.statSync(file).size, sha256: sha256File(file) },
    evidence: { included: false, files: 0, bytes: 0 },
  });
  verifyBackup(folder);
  return folder;
}

/** `npm run backup -- <folder>`: the database, then the evidence files, then a verification. */
export async function backupDataFolder(
  config: Pick<AppConfig, 'dataDir' | 'databaseFile'>,
  folder: string,
): Promise<VerifiedBackup> {
  if (!fs.existsSync(config.databaseFile))
    throw new BackupError(`There is no database at ${config.databaseFile}.`);
  inspectDatabaseFile(config.databaseFile);
  prepareEmptyFolder(folder);
  const source = new Database(config.databaseFile, { fileMustExist: true });
  let dbFile: string;
  try {
    source.pragma('busy_timeout = 5000');
    checkDatabase(source, config.databaseFile);
    dbFile = await backupDatabase(source, folder);
  } finally {
    source.close();
  }
  const from = path.join(config.dataDir, 'evidence');
  let bytes = 0;
  const files = evidenceFiles(from);
  for (const rel of files) {
    copyDurably(path.join(from, rel), path.join(folder, 'evidence', rel));
    bytes += fs.statSync(path.join(from, rel)).size;
  }
  for (const dir of new Set(files.map((f) => path.dirname(f)))) fsyncDir(path.join(folder, 'evidence', dir));
  if (files.length > 0) fsyncDir(path.join(folder, 'evidence'));
  writeManifest(folder, {
    application: 'improvement-plan-tracker',
    createdAt: new Date().toISOString(),
    schemaVersion: schemaVersionOf(dbFile),
    database: { file: BACKUP_DB, bytes: fs.statSync(dbFile).size, sha256: sha256File(dbFile) },
    evidence: { included: true, files: files.length, bytes },
  });
  return verifyBackup(folder);
}

/** Checks a backup folder is whole; throws BackupError saying what is wrong. */
export function verifyBackup(folder: string): VerifiedBackup {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(folder, MANIFEST), 'utf8')) as BackupManifest;
  } catch (err) {
    throw new BackupError(
      `${folder} has no readable ${MANIFEST}; it is not a backup made by npm run backup (${String(err)}).`,
    );
  }
  if (manifest.application !== 'improvement-plan-tracker')
    throw new BackupError(`${folder} is not a backup of this application.`);
  const dbFile = path.join(folder, manifest.database.file);
  if (!fs.existsSync(dbFile)) throw new BackupError(`${dbFile} is missing.`);
  if (sha256File(dbFile) !== manifest.database.sha256)
    throw new BackupError(`${dbFile} has changed since the backup was taken (its SHA-256 differs).`);
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  const rows: Record<string, number> = {};
  let evidenceCount = 0;
  try {
    const check = (db.pragma('integrity_check') as { integrity_check: string }[]).map(
      (r) => r.integrity_check,
    );
    if (check.join() !== 'ok')
      throw new BackupError(`${dbFile} fails integrity_check: ${check.slice(0, 5).join('; ')}`);
    if (Number(db.pragma('application_id', { simple: true })) !== APPLICATION_ID)
      throw new BackupError(`${dbFile} is not this application's database.`);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    for (const { name } of tables)
      rows[name] = (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
    if (manifest.evidence.included) {
      const named = db
        .prepare(
          'SELECT DISTINCT file_hash AS hash, file_size AS size FROM evidence WHERE file_hash IS NOT NULL',
        )
        .all() as { hash: string; size: number }[];
      for (const { hash, size } of named) {
        const file = path.join(folder, 'evidence', hash.slice(0, 2), hash);
        const stat = fs.statSync(file, { throwIfNoEntry: false });
        if (!stat)
          throw new BackupError(
            `The evidence file ${hash} named by the database is missing from the backup.`,
          );
        if (stat.size !== size || sha256File(file) !== hash)
          throw new BackupError(`The evidence file ${file} does not match its content hash.`);
      }
      evidenceCount = evidenceFiles(path.join(folder, 'evidence')).length;
    }
  } finally {
    db.close();
  }
  return { manifest, rows, evidenceFiles: evidenceCount };
}

/** `npm run restore -- <folder>`: refuses while the service runs (the folder lock). */
export function restoreDataFolder(
  config: Pick<AppConfig, 'dataDir' | 'databaseFile'>,
  folder: string,
): VerifiedBackup & { keptAs: string | null } {
  const lock = lockDataFolder(config.dataDir);
  try {
    const verified = verifyBackup(folder);
    // Evidence first: the files the restored database names are on disk before it is in place.
    if (verified.manifest.evidence.included) {
      const to = path.join(config.dataDir, 'evidence');
      const files = evidenceFiles(path.join(folder, 'evidence'));
      for (const rel of files) {
        const target = path.join(to, rel);
        if (
          fs.statSync(target, { throwIfNoEntry: false })?.size ===
          fs.statSync(path.join(folder, 'evidence', rel)).size
        )
          continue; // named by its content: the same name is the same file
        copyDurably(path.join(folder, 'evidence', rel), target);
      }
      for (const dir of new Set(files.map((f) => path.dirname(f)))) fsyncDir(path.join(to, dir));
    }
    const dbFile = config.databaseFile;
    const dir = path.dirname(dbFile);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const incoming = `${dbFile}.restoring`;
    fs.rmSync(incoming, { force: true });
    copyDurably(path.join(folder, verified.manifest.database.file), incoming);
    // Keep what is replaced, with its -wal and -shm, under one name; a -wal left beside the restored file
    // would be replayed into it.
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const keptAs = `${dbFile}.before-restore-${stamp}`;
    let kept = false;
    for (const suffix of ['', '-wal', '-shm', '-journal']) {
      if (fs.existsSync(dbFile + suffix)) {
        fs.renameSync(dbFile + suffix, keptAs + suffix);
        kept = true;
      }
    }
    fs.renameSync(incoming, dbFile);
    fsyncDir(dir);
    const { sqlite } = openDatabase(dbFile);
    try {
      const check = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map(
        (r) => r.integrity_check,
      );
      if (check.join() !== 'ok')
        throw new BackupError(`The restored database fails integrity_check: ${check.join('; ')}`);
    } finally {
      sqlite.close();
    }
    return { ...verified, keptAs: kept ? keptAs : null };
  } finally {
    lock.release();
  }
}
