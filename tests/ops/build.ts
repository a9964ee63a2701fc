import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The ops tests run server/dist: compile it (incremental; quick when it is up to date). */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'server'], {
    cwd: root,
    stdio: 'inherit',
  });
}
