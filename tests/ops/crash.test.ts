/**
 * SIGKILL under concurrent writes: the real server process takes progress updates from four writers, is
 * killed at a random moment, and restarts. Every update it acknowledged (201) must be in the database with
 * its audit row, and integrity_check must pass — each cycle.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openReadOnly, start, tempDir, writeUpdates } from './helpers.js';

const CYCLES = 6;
const dataDir = tempDir();
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('a crash (SIGKILL) under concurrent updates', () => {
  it(`loses no acknowledged update across ${CYCLES} kill-and-restart cycles`, async () => {
    let acknowledged = 0;
    let found = 0;
    let previous: string[] | null = null;
    // Each start after the first is the restart of the cycle before: check it, then load it and kill it.
    for (let cycle = 0; cycle <= CYCLES; cycle++) {
      const server = await start(dataDir);
      if (previous) {
        const db = openReadOnly(dataDir);
        try {
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
          const find = db.prepare(
            `SELECT u.id, (SELECT count(*) FROM audit_log a WHERE a.entity_type = 'action_update' AND a.entity_id = u.id) AS audited
               FROM action_updates u WHERE u.commentary = ?`,
          );
          const missing = previous.filter((commentary) => {
            const row = find.get(commentary) as { id: number; audited: number } | undefined;
            return !row || row.audited !== 1;
          });
          expect(missing, `acknowledged but not stored with an audit row`).toEqual([]);
          acknowledged += previous.length;
          found += previous.length - missing.length;
        } finally {
          db.close();
        }
      }
      if (cycle === CYCLES) {
        server.child.kill('SIGKILL');
        await server.exited;
        break;
      }
      const writer = await writeUpdates(server.base, `crash c${cycle}`);
      while (writer.acknowledged.length < 5) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, Math.random() * 1500));
      server.child.kill('SIGKILL');
      await server.exited;
      await writer.stop();
      previous = [...writer.acknowledged];
    }
    console.log(
      `crash test: ${CYCLES} cycles, ${acknowledged} updates acknowledged, ${found} found with their audit rows`,
    );
    expect(acknowledged).toBeGreaterThan(CYCLES * 10);
    expect(found).toBe(acknowledged);
  });
});
