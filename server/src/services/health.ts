/** What /healthz checks of what the service needs: the database answers, its folders can be written and have room. */
import fs from 'node:fs';
import path from 'node:path';
import { unwritableFolders } from '../db/data-folder.js';
import type { ServiceDeps } from './deps.js';

export interface Failing {
  path: string;
  message: string;
}

export function createHealthService({ sqlite, config }: ServiceDeps) {
  return {
    /** Each thing failing now, and the database's own error when it does not answer (for the log). */
    check(): { failing: Failing[]; databaseError: unknown } {
      const failing: Failing[] = [];
      let databaseError: unknown = null;
      try {
        const row = sqlite.prepare('SELECT 1 AS ok').get() as { ok: number } | undefined;
        if (row?.ok !== 1) throw new Error('unexpected answer');
      } catch (err) {
        databaseError = err;
        failing.push({ path: 'database', message: 'The database does not answer.' });
      }
      for (const dir of unwritableFolders(config))
        failing.push({ path: 'folder', message: `${dir} cannot be written.` });
      for (const dir of new Set([path.dirname(config.databaseFile), path.join(config.dataDir, 'evidence')])) {
        try {
          const s = fs.statfsSync(dir);
          const free = s.bavail * s.bsize;
          if (free < config.minFreeBytes)
            failing.push({
              path: 'disk',
              message: `${dir} has ${Math.floor(free / 1048576)} MB free, less than MIN_FREE_MB (${Math.floor(config.minFreeBytes / 1048576)} MB).`,
            });
        } catch (err) {
          failing.push({ path: 'disk', message: `${dir}: ${(err as Error).message}` });
        }
      }
      return { failing, databaseError };
    },
  };
}
export type HealthService = ReturnType<typeof createHealthService>;
