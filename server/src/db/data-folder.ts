/**
 * The data folder: created owner-only, checked writable before anything starts, and held by one process at
 * a time. The hold is an OS lock (SQLite's own fcntl lock, taken on `tracker.lock` with an exclusive
 * transaction that is never committed): the kernel drops it when the process ends however it ends, so a
 * SIGKILL leaves no stale lock behind, and a reused pid cannot keep one alive. `tracker.pid` beside it says
 * who holds it, for the message only.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AppConfig } from '../config.js';
import { StartupRefusal } from './guard.js';

export const LOCK_FILE = 'tracker.lock';
const PID_FILE = 'tracker.pid';

function errno(err: unknown): string {
  return (err as { code?: string } | null)?.code ?? String(err);
}

/** The folders the service writes: the data folder, the database's folder, evidence/ and its tmp/. */
export function dataFolders(config: Pick<AppConfig, 'dataDir' | 'databaseFile'>): string[] {
  const evidence = path.join(config.dataDir, 'evidence');
  return [
    ...new Set([config.dataDir, path.dirname(config.databaseFile), evidence, path.join(evidence, 'tmp')]),
  ];
}

/** Creates the folders owner-only (0700) where missing, and proves each can be written. */
export function prepareDataFolders(config: Pick<AppConfig, 'dataDir' | 'databaseFile'>): void {
  for (const dir of dataFolders(config)) {
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const probe = path.join(dir, `.write-test-${process.pid}`);
      fs.writeFileSync(probe, '', { mode: 0o600 });
      fs.rmSync(probe);
    } catch (err) {
      throw new StartupRefusal(
        'folder',
        dir,
        `the folder cannot be created or written (${errno(err)}).`,
        'Create it, or give the account that runs the service write access to it (chown to that account, chmod 700); or point DATA_DIR somewhere it can write.',
      );
    }
  }
}

/** Which folders cannot be written now (for /healthz). */
export function unwritableFolders(config: Pick<AppConfig, 'dataDir' | 'databaseFile'>): string[] {
  return dataFolders(config).filter((dir) => {
    try {
      fs.accessSync(dir, fs.constants.W_OK);
      return false;
    } catch {
      return true;
    }
  });
}

export interface DataFolderLock {
  release(): void;
}

/** Holds the data folder for this process; refuses (exit code 10) if another process holds it. */
export function lockDataFolder(dataDir: string): DataFolderLock {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, LOCK_FILE);
  const pidFile = path.join(dataDir, PID_FILE);
  const lock = new Database(file, { timeout: 0 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    lock.close();
    if (!errno(err).startsWith('SQLITE_BUSY')) throw err;
    let holder = 'another process';
    try {
      const pid = fs.readFileSync(pidFile, 'utf8').trim();
      if (/^\d+$/.test(pid)) holder = `another process (pid ${pid})`;
    } catch {
      // No pid file: say "another process".
    }
    throw new StartupRefusal(
      'locked',
      dataDir,
      `${holder} is using this data folder: the tracker server, or a restore or account change run from the command line.`,
      'Stop the other process first (one process per data folder), or give this one its own DATA_DIR.',
    );
  }
  fs.writeFileSync(pidFile, `${process.pid}\n`, { mode: 0o600 });
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      try {
        lock.exec('ROLLBACK');
      } finally {
        lock.close();
      }
    },
  };
}
