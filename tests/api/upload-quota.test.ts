/** Upload quotas: per person, in all, and free space kept on the disk. Each refusal stores nothing. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoPdf } from '../../server/src/setup/demo-pdf.js';
import {
  buildTestApp,
  dbFingerprint,
  expectProblem,
  signIn,
  type SignedIn,
  type TestApp,
} from '../helpers/app.js';
import { demoIds, type DemoIds } from '../helpers/demo.js';

let t: TestApp;
let lead: SignedIn; // leads 1.1, 1.2
let ids: DemoIds;
let pdf: Buffer;
const quota = () => t.config.uploadQuota;
const defaults = { perUserBytes: 0, totalBytes: 0, minFreeBytes: 0 };

function bytes(where = '', ...args: number[]): number {
  return (
    t.app.sqlite.prepare(`SELECT coalesce(sum(file_size), 0) AS n FROM evidence ${where}`).get(...args) as {
      n: number;
    }
  ).n;
}
function storedFiles(): number {
  return fs
    .readdirSync(path.join(t.dataDir, 'evidence'), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile()).length;
}
function upload(name: string, file = pdf) {
  return lead.agent
    .post(`/api/actions/${ids.actionId('1.1')}/evidence/files`)
    .set('x-csrf-token', lead.csrf)
    .field('title', name)
    .field('purpose', 'completion')
    .field('effectiveDate', '2026-11-01')
    .attach('file', file, `${name}.pdf`);
}

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  Object.assign(defaults, quota());
  lead = await signIn(t.app, 'head.of.first.response@example.org');
  ids = await demoIds(await signIn(t.app, 'admin@example.org'));
});
beforeEach(() => {
  Object.assign(quota(), defaults);
});
afterAll(async () => {
  await t.close();
});

describe('upload quotas', () => {
  it('has documented defaults: 1 GB a person, 20 GB in all, 1 GB always free', () => {
    expect(defaults).toEqual({
      perUserBytes: 1024 ** 3,
      totalBytes: 20 * 1024 ** 3,
      minFreeBytes: 1024 ** 3,
    });
  });

  it('refuses a file that takes a person over their quota with 413, storing nothing', async () => {
    pdf = await demoPdf('Quota one', 'First file.');
    const own = bytes('WHERE uploaded_by = ?', lead.user.id);
    quota().perUserBytes = own + pdf.length + 100;
    expect((await upload('Fits')).status).toBe(201);
    const before = dbFingerprint(t.app, { includeAudit: true });
    const files = storedFiles();
    const second = await demoPdf('Quota two', 'Second file, different bytes.');
    const res = await upload('Over', second);
    const p = expectProblem(res, 413);
    expect(res.body.type).toBe('urn:ipt:problem:upload-quota');
    expect(p.detail).toMatch(/each person may upload/);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
    expect(storedFiles()).toBe(files);
  });

  it('refuses a file that takes the service over its total with 507, storing nothing', async () => {
    quota().totalBytes = bytes() + 10;
    const before = dbFingerprint(t.app, { includeAudit: true });
    const files = storedFiles();
    const res = await upload('Too much', await demoPdf('Total', 'Over the total.'));
    expect(expectProblem(res, 507).detail).toMatch(/reached the/);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
    expect(storedFiles()).toBe(files);
  });

  it('refuses any file when the disk would keep less than the free space set, before it streams in', async () => {
    quota().minFreeBytes = Number.MAX_SAFE_INTEGER;
    const before = dbFingerprint(t.app, { includeAudit: true });
    const files = storedFiles();
    const res = await upload('No room', await demoPdf('Disk', 'No room on the disk.'));
    expect(expectProblem(res, 507).detail).toMatch(/running out of disk space/);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
    expect(storedFiles()).toBe(files);
  });
});
