import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('migrations', () => {
  it('the committed migrations match the drizzle schema (drizzle-kit generates nothing new)', () => {
    // drizzle-kit reads --out relative to the working directory (an absolute path breaks it).
    fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
    const out = path.relative(root, fs.mkdtempSync(path.join(root, '.tmp', 'migrations-check-')));
    try {
      fs.cpSync(path.join(root, 'migrations'), path.join(root, out), { recursive: true });
      const before = fs.readdirSync(path.join(root, out)).filter((f) => f.endsWith('.sql'));
      const log = execFileSync(
        process.execPath,
        [
          path.join(root, 'node_modules/drizzle-kit/bin.cjs'),
          'generate',
          '--dialect',
          'sqlite',
          '--schema',
          './server/src/db/schema.ts',
          '--out',
          out,
        ],
        { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const after = fs.readdirSync(path.join(root, out)).filter((f) => f.endsWith('.sql'));
      expect(after, `schema changes without a migration; run npm run db:generate\n${log}`).toEqual(before);
    } finally {
      fs.rmSync(path.join(root, out), { recursive: true, force: true });
    }
  }, 60_000);
});
