/**
 * Backup under write load, then restore into a fresh folder: the same rows and the same files. And restore
 * refuses while a server holds the data folder, and moves a stale -wal aside rather than let it corrupt the
 * restored database.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../e2e/helpers/server.js';
import { start, tempDir, writeUpdates } from './helpers.js';

const run = promisify(execFile);
const CLI = path.join(repoRoot, 'server', 'dist', 'ops', 'cli.js');
const dirs: string[] = [];
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function cli(dataDir: string, ...args: string[]) {
  return run(process.execPath, [CLI, ...args], { env: { ...process.env, DATA_DIR: dataDir } }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({
      code: err.code,
      out: err.stdout + err.stderr,
    }),
  );
}

function rowsOf(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string }[];
    for (const { name } of tables) out[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
    return out;
  } finally {
    db.close();
  }
}

function files(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)))
    .sort();
}

describe('backup and restore', () => {
  it('a backup taken under write load restores into a fresh folder with the same rows and files', async () => {
    const live = dir();
    const server = await start(live);
    const writer = await writeUpdates(server.base, 'backup load');
    while (writer.acknowledged.length < 5) await new Promise((r) => setTimeout(r, 20));
    const backup = path.join(dir(), 'backup-1');
    const made = await cli(live, 'backup', backup);
    const duringBackup = writer.acknowledged.length;
    await writer.stop();
    expect(made.code, made.out).toBe(0);
    expect(made.out).toMatch(
      /Backed up .* and its evidence to .*: \d+ actions, \d+ updates, \d+ audit rows, 1 evidence files \(schema 1\)\. Verified\./,
    );
    expect(writer.acknowledged.length).toBeGreaterThan(5);

    // Restore refuses while the server holds the live folder.
    const busy = await cli(live, 'restore', backup);
    expect(busy.code).toBe(10);
    expect(busy.out).toMatch(/another process \(pid \d+\) is using this data folder/);
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);

    const fresh = path.join(dir(), 'restored');
    const restored = await cli(fresh, 'restore', backup);
    expect(restored.code, restored.out).toBe(0);
    expect(restored.out).toMatch(/integrity_check ok/);
    expect(rowsOf(path.join(fresh, 'tracker.db'))).toEqual(rowsOf(path.join(backup, 'tracker.db')));
    expect(files(path.join(fresh, 'evidence'))).toEqual(files(path.join(backup, 'evidence')));
    for (const f of files(path.join(backup, 'evidence')))
      expect(fs.readFileSync(path.join(fresh, 'evidence', f))).toEqual(
        fs.readFileSync(path.join(live, 'evidence', f)),
      );

    // The backup is one consistent moment: every update it holds has its audit row, and it holds the
    // updates acknowledged before the backup began.
    const db = new Database(path.join(fresh, 'tracker.db'), { readonly: true });
    try {
      const unaudited = db
        .prepare(
          "SELECT count(*) AS n FROM action_updates u WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_type = 'action_update' AND a.entity_id = u.id)",
        )
        .get() as { n: number };
      expect(unaudited.n).toBe(0);
      const held = db
        .prepare("SELECT count(*) AS n FROM action_updates WHERE commentary LIKE 'backup load %'")
        .get() as {
        n: number;
      };
      expect(held.n).toBeGreaterThanOrEqual(5);
      expect(held.n).toBeLessThanOrEqual(duringBackup);
    } finally {
      db.close();
    }

    // The restored folder serves.
    const again = await start(fresh);
    again.child.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);
  });

  it('restore over an existing database keeps it aside with its -wal and -shm, so a stale -wal cannot corrupt the restored file', async () => {
    const live = dir();
    const s = await start(live);
    const backup = path.join(dir(), 'b');
    expect((await cli(live, 'backup', backup)).code).toBe(0);
    s.child.kill('SIGKILL'); // leaves tracker.db-wal and -shm behind
    await s.exited;
    expect(fs.existsSync(path.join(live, 'tracker.db-wal'))).toBe(true);
    const r = await cli(live, 'restore', backup);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/The database it replaced is kept as .*tracker\.db\.before-restore-/);
    const names = fs.readdirSync(live);
    expect(
      names.filter((n) => n.startsWith('tracker.db.before-restore-') && n.endsWith('-wal')),
    ).toHaveLength(1);
    expect(names).not.toContain('tracker.db-wal');
    expect(rowsOf(path.join(live, 'tracker.db'))).toEqual(rowsOf(path.join(backup, 'tracker.db')));
  });

  it('a backup into a folder that is not empty, or a restore from something that is not a backup, is refused', async () => {
    const live = dir();
    const s = await start(live, { DEMO: 'false' });
    s.child.kill('SIGTERM');
    await s.exited;
    const used = dir();
    fs.writeFileSync(path.join(used, 'x'), 'x');
    const b = await cli(live, 'backup', used);
    expect(b.code).toBe(3);
    expect(b.out).toMatch(/is not empty; give a new folder for each backup/);
    const r = await cli(live, 'restore', used);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/has no readable manifest\.json/);
  });
});
