/**
 * A full disk, for real: the data folder on a small tmpfs, filled up while the server runs. An evidence upload
 * and a progress update then answer 507 with Retry-After (not 400 "did not arrive whole", not 500), nothing
 * is acknowledged that was not stored, /healthz says what is wrong, and once space is freed the same server
 * takes both again without a restart. (Mounting a tmpfs needs root, as CI runs.)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPdf } from '../../server/src/setup/demo-pdf.js';
import { openReadOnly, signIn, start, tempDir, type Running } from './helpers.js';

const mount = tempDir('ipt-ops-tmpfs-');
const dataDir = path.join(mount, 'data');
const filler = path.join(mount, 'filler');
let server: Running;

beforeAll(async () => {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m,mode=0700', 'tmpfs', mount]);
  // Uploads check free space before they start (UPLOAD_MIN_FREE_MB); 0 here, so the disk itself runs out.
  server = await start(dataDir, { MIN_FREE_MB: '2', UPLOAD_MIN_FREE_MB: '0', UPLOAD_MAX_MB: '2' });
});
afterAll(async () => {
  server?.child.kill('SIGKILL');
  await server?.exited;
  execFileSync('umount', [mount]);
  fs.rmSync(mount, { recursive: true, force: true });
});

/** Fills the filesystem, leaving about `leaveBytes` free. */
function fill(leaveBytes: number): void {
  const { bavail, bsize } = fs.statfsSync(mount);
  const size = Math.max(0, bavail * bsize - leaveBytes);
  const fd = fs.openSync(filler, 'w');
  const chunk = Buffer.alloc(1 << 20, 1);
  for (let written = 0; written < size;) {
    const n = Math.min(chunk.length, size - written);
    try {
      written += fs.writeSync(fd, chunk, 0, n);
    } catch {
      break;
    }
  }
  fs.closeSync(fd);
}

describe('a full disk under the data folder', () => {
  it('gives 507 for an upload and an update, acknowledges nothing unstored, shows in /healthz, and recovers without a restart', async () => {
    const s = await signIn(server.base, 'admin@example.org');
    const headers = { cookie: s.cookie, 'x-csrf-token': s.csrf };
    const plans = (await (await fetch(`${server.base}/api/plans`, { headers })).json()) as {
      items: { id: number }[];
    };
    const actions = (await (
      await fetch(`${server.base}/api/plans/${plans.items[0]?.id}/actions?pageSize=200`, { headers })
    ).json()) as { items: { id: number; status: string }[] };
    const id = actions.items.find((a) => a.status !== 'complete')?.id;
    const pdf = Buffer.concat([await demoPdf('Audit', 'Findings'), Buffer.alloc(1 << 20, 0x20)]);
    const upload = (title: string) => {
      const form = new FormData();
      form.set('title', title);
      form.set('purpose', 'completion');
      form.set('effectiveDate', '2026-11-01');
      form.set('file', new Blob([pdf], { type: 'application/pdf' }), 'audit.pdf');
      return fetch(`${server.base}/api/actions/${id}/evidence/files`, {
        method: 'POST',
        headers,
        body: form,
      });
    };
    const update = async (commentary: string) => {
      const etag = (await fetch(`${server.base}/api/actions/${id}`, { headers })).headers.get('etag') ?? '';
      return fetch(`${server.base}/api/actions/${id}/updates`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'if-match': etag },
        body: JSON.stringify({ status: 'on_track', commentary }),
      });
    };
    expect((await upload('before')).status).toBe(201);

    fill(256 * 1024);
    const refused = await upload('while full');
    expect(refused.status).toBe(507); // the upload's own free-space check, or the disk itself
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    await refused.arrayBuffer();

    // Updates until the database cannot grow either: each is either acknowledged and stored, or 507.
    const acknowledged: string[] = [];
    const t0 = Date.now();
    let status = 201;
    let last: Response | null = null;
    let lastBody: unknown = null;
    for (let i = 0; i < 400 && status === 201; i++) {
      const commentary = `while full ${i} ${'y'.repeat(4000)}`;
      const res = await update(commentary).catch((err: unknown) => {
        throw new Error(
          `update ${i} after ${Date.now() - t0} ms: ${String(err)} ${String((err as Error).cause)}\n${server.output().slice(-3000)}`,
        );
      });
      status = res.status;
      last = res;
      lastBody = status === 201 ? await res.arrayBuffer() : await res.json();
      if (status === 201) acknowledged.push(commentary);
    }
    expect(status).toBe(507);
    expect(last?.headers.get('retry-after')).toBe('300');
    expect(lastBody).toMatchObject({ type: 'urn:ipt:problem:insufficient-storage', status: 507 });

    const health = await fetch(`${server.base}/healthz`);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { detail: string }).detail).toMatch(/MB free, less than MIN_FREE_MB/);

    fs.rmSync(filler);
    expect((await upload('after')).status).toBe(201);
    const after = await update('after the disk was freed');
    expect(after.status).toBe(201);
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);

    const db = openReadOnly(dataDir);
    try {
      const titles = db
        .prepare("SELECT title FROM evidence WHERE title IN ('before', 'while full', 'after')")
        .all();
      expect(titles.map((r) => (r as { title: string }).title).sort()).toEqual(['after', 'before']);
      const stored = db
        .prepare("SELECT commentary FROM action_updates WHERE commentary LIKE 'while full %' ORDER BY id")
        .all()
        .map((r) => (r as { commentary: string }).commentary);
      expect(stored).toEqual(acknowledged);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
