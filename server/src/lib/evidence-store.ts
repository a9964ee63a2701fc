/**
 * Evidence files on disk, under DATA_DIR/evidence (never under anything served statically), named by the
 * SHA-256 of their content so a file uploaded twice is stored once. An upload streams into tmp/ while it is
 * hashed; only a complete, accepted file is moved into place, and the file and its folder are fsynced before
 * the database row that names it commits (so a crash cannot leave a row naming a file that is not on disk).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

export interface StagedFile {
  tempPath: string;
  hash: string;
  size: number;
}

async function fsyncPath(p: string): Promise<void> {
  const handle = await fs.open(p, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function createEvidenceStore(dataDir: string) {
  const root = path.join(dataDir, 'evidence');
  const tmp = path.join(root, 'tmp');

  function finalPath(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('not a content hash');
    return path.join(root, hash.slice(0, 2), hash);
  }

  return {
    root,

    async init(): Promise<void> {
      await fs.mkdir(tmp, { recursive: true, mode: 0o700 });
      // Leftovers of uploads cut off by a crash.
      for (const name of await fs.readdir(tmp)) await fs.rm(path.join(tmp, name), { force: true });
    },

    /** Streams to a temporary file, hashing as it goes. Throws (and removes the file) if the stream fails. */
    async stage(stream: Readable): Promise<StagedFile> {
      const tempPath = path.join(tmp, `${Date.now()}-${randomBytes(8).toString('hex')}`);
      const hash = createHash('sha256');
      let size = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      });
      try {
        await pipeline(stream, counter, createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }));
      } catch (err) {
        await fs.rm(tempPath, { force: true });
        throw err;
      }
      return { tempPath, hash: hash.digest('hex'), size };
    },

    async discard(staged: StagedFile): Promise<void> {
      await fs.rm(staged.tempPath, { force: true });
    },

    /** Moves a staged file into place; true if it is new, false if the same content was stored already. */
    async commit(staged: StagedFile): Promise<boolean> {
      const target = finalPath(staged.hash);
      const dir = path.dirname(target);
      const made = await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      if (made) await fsyncPath(root);
      try {
        await fs.access(target);
        await fs.rm(staged.tempPath, { force: true });
        return false;
      } catch {
        await fsyncPath(staged.tempPath);
        await fs.rename(staged.tempPath, target);
        await fsyncPath(dir);
        return true;
      }
    },

    /** Undoes a commit whose database row could not be written. */
    async remove(hash: string): Promise<void> {
      await fs.rm(finalPath(hash), { force: true });
    },

    pathOf: finalPath,
  };
}
export type EvidenceStore = ReturnType<typeof createEvidenceStore>;
