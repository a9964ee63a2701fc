import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoPdf } from '../../server/src/setup/demo-pdf.js';
import {
  buildTestApp,
  dbFingerprint,
  expectProblem,
  signIn,
  type SignedIn,
  type TestApp,
  versionTag,
} from '../helpers/app.js';
import { demoIds, post, type DemoIds } from '../helpers/demo.js';

const LIMIT = 200_000;
let t: TestApp;
let ids: DemoIds;
let admin: SignedIn;
let chair: SignedIn;
let viewer: SignedIn;
let firstResponse: SignedIn; // leads 1.1, 1.2
let safeguarding: SignedIn; // leads 1.3–1.5
let pdf: Buffer;

function storedFiles(): string[] {
  const root = path.join(t.dataDir, 'evidence');
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}
const rows = () => (t.app.sqlite.prepare('SELECT count(*) AS n FROM evidence').get() as { n: number }).n;

function upload(
  s: SignedIn,
  actionId: number,
  file: Buffer,
  name: string,
  fields: Record<string, string> = {},
) {
  const req = s.agent.post(`/api/actions/${actionId}/evidence/files`).set('x-csrf-token', s.csrf);
  const all = { title: 'Audit report', purpose: 'completion', effectiveDate: '2026-11-01', ...fields };
  for (const [k, v] of Object.entries(all)) req.field(k, v);
  return req.attach('file', file, name);
}

beforeAll(async () => {
  t = await buildTestApp({ demo: true, config: { uploadMaxBytes: LIMIT } });
  admin = await signIn(t.app, 'admin@example.org');
  chair = await signIn(t.app, 'chair@example.org');
  viewer = await signIn(t.app, 'viewer@example.org');
  firstResponse = await signIn(t.app, 'head.of.first.response@example.org');
  safeguarding = await signIn(t.app, 'head.of.safeguarding@example.org');
  ids = await demoIds(admin);
  pdf = await demoPdf('MASH audit', 'Findings of the November audit.');
});
afterAll(async () => {
  await t.close();
});

describe('uploading files', () => {
  it('stores a PDF by its content hash outside anything served, with a row saying who and when', async () => {
    const res = await upload(firstResponse, ids.actionId('1.1'), pdf, 'MASH audit (Nov).pdf');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'file',
      title: 'Audit report',
      purpose: 'completion',
      effectiveDate: '2026-11-01',
      fileName: 'MASH audit (Nov).pdf',
      contentType: 'application/pdf',
      fileSize: pdf.length,
      reviewState: 'submitted',
      uploadedBy: { name: 'Priya Shah' },
    });
    const hash = (await import('node:crypto')).createHash('sha256').update(pdf).digest('hex');
    const stored = path.join(t.dataDir, 'evidence', hash.slice(0, 2), hash);
    expect(fs.readFileSync(stored).equals(pdf)).toBe(true);
  });

  it('stores the same file uploaded twice once on disk', async () => {
    const before = storedFiles().length;
    const again = await upload(firstResponse, ids.actionId('1.2'), pdf, 'copy.pdf');
    expect(again.status).toBe(201);
    expect(storedFiles()).toHaveLength(before);
  });

  it('takes a file of exactly the limit, and refuses one byte more with 413, keeping nothing', async () => {
    const exact = await upload(firstResponse, ids.actionId('1.1'), Buffer.alloc(LIMIT, 'a'), 'notes.txt');
    expect(exact.status).toBe(201);
    expect(exact.body.contentType).toBe('text/plain; charset=utf-8');
    const before = {
      files: storedFiles().length,
      rows: rows(),
      db: dbFingerprint(t.app, { includeAudit: true }),
    };
    const over = await upload(firstResponse, ids.actionId('1.1'), Buffer.alloc(LIMIT + 1, 'b'), 'notes.txt');
    expect(expectProblem(over, 413).detail).toMatch(/larger than 0\.2 MB/);
    expect({
      files: storedFiles().length,
      rows: rows(),
      db: dbFingerprint(t.app, { includeAudit: true }),
    }).toEqual(before);
  });

  it.each([
    [
      'an HTML page named .pdf',
      Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'),
      'report.pdf',
      /markup/,
    ],
    [
      'an SVG named .txt',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      'notes.txt',
      /markup/,
    ],
    [
      'a Linux program named .docx',
      Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]),
      'minutes.docx',
      /This file is an ELF file, which is not a type we accept/,
    ],
    [
      'a Windows program named .docx',
      Buffer.concat([
        Buffer.from('MZ'),
        Buffer.alloc(58),
        Buffer.from([0x80, 0, 0, 0]),
        Buffer.alloc(64),
        Buffer.from('PE\0\0'),
        Buffer.alloc(64),
      ]),
      'minutes.docx',
      /This file is an EXE file, which is not a type we accept/,
    ],
    [
      'a PNG named .pdf',
      Buffer.from(
        '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
        'hex',
      ),
      'report.pdf',
      /named \.pdf but its content is a PNG image/,
    ],
    ['a zip archive', Buffer.from('504b0506000000000000000000000000000000000000', 'hex'), 'data.zip', /./],
  ])('refuses %s with 415 and keeps no file and no row', async (_name, content, name, detail) => {
    const before = { files: storedFiles().length, rows: rows() };
    const res = await upload(firstResponse, ids.actionId('1.1'), content, name);
    expect(expectProblem(res, 415).detail).toMatch(detail);
    expect({ files: storedFiles().length, rows: rows() }).toEqual(before);
    expect(fs.readdirSync(path.join(t.dataDir, 'evidence', 'tmp'))).toEqual([]);
  });

  it.each([
    ['../../x.pdf', 'x.pdf'],
    ['..\\..\\windows\\x.pdf', 'x.pdf'],
    ['a\u0007b\u202e.pdf', 'ab.pdf'],
    [`${'long name '.repeat(30)}.pdf`, expect.stringMatching(/^long name .{180,}\.pdf$/)],
  ])('keeps the filename %j only as cleaned display text, never as a path', async (name, shown) => {
    const content = await demoPdf(String(name).slice(0, 20), 'x');
    const res = await upload(firstResponse, ids.actionId('1.1'), content, name as string);
    expect(res.status).toBe(201);
    expect(res.body.fileName).toEqual(shown);
    expect(res.body.fileName.length).toBeLessThanOrEqual(200);
    expect(fs.existsSync(path.join(t.dataDir, 'x.pdf'))).toBe(false);
    expect(fs.existsSync(path.resolve(t.dataDir, '..', 'x.pdf'))).toBe(false);
  });

  it('a NUL in the filename is removed from the display name', async () => {
    const res = await supertest(t.app.server)
      .post(`/api/actions/${ids.actionId('1.1')}/evidence/files`)
      .set('cookie', (await firstResponse.agent.get('/api/auth/me')).request.cookies)
      .set('x-csrf-token', firstResponse.csrf)
      .set('content-type', 'multipart/form-data; boundary=XYZ')
      .send(
        Buffer.concat([
          Buffer.from('--XYZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nNUL test\r\n'),
          Buffer.from('--XYZ\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nimpact\r\n'),
          Buffer.from('--XYZ\r\nContent-Disposition: form-data; name="effectiveDate"\r\n\r\n2026-11-01\r\n'),
          Buffer.from(
            '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.pdf"\r\nContent-Type: application/pdf\r\n\r\n',
          ),
          pdf,
          Buffer.from('\r\n--XYZ--\r\n'),
        ]),
      );
    expect(res.status).toBe(201);
    expect(res.body.fileName).toBe('a.pdf');
  });

  it('an upload cut off half-way leaves no file and no row', async () => {
    const before = { files: storedFiles().length, rows: rows() };
    if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address() as net.AddressInfo;
    const cookie = `ipt_session=${/ipt_session=([^;]+)/.exec(String((await supertest(t.app.server).post('/api/auth/sign-in').send({ email: 'head.of.first.response@example.org', password: 'demo-password-for-tests' })).headers['set-cookie']))?.[1]}`;
    const csrf = (await supertest(t.app.server).get('/api/auth/me').set('cookie', cookie)).body.csrfToken;
    const head = Buffer.from(
      '--XYZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nCut off\r\n' +
        '--XYZ\r\nContent-Disposition: form-data; name="purpose"\r\n\r\ncompletion\r\n' +
        '--XYZ\r\nContent-Disposition: form-data; name="effectiveDate"\r\n\r\n2026-11-01\r\n' +
        '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n',
    );
    await new Promise<void>((resolve) => {
      const socket = net.connect(address.port, '127.0.0.1', () => {
        socket.write(
          `POST /api/actions/${ids.actionId('1.1')}/evidence/files HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nX-CSRF-Token: ${csrf}\r\n` +
            `Content-Type: multipart/form-data; boundary=XYZ\r\nContent-Length: ${head.length + 150_000}\r\n\r\n`,
        );
        socket.write(head);
        socket.write(Buffer.alloc(60_000, 'c'));
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 100);
      });
    });
    // The server notices the cut-off connection and removes the partial file; on a busy machine that can
    // take longer than a moment, so wait for it (up to 10 s) rather than for a fixed time.
    await vi.waitFor(
      () => {
        expect({ files: storedFiles().length, rows: rows() }).toEqual(before);
        expect(fs.readdirSync(path.join(t.dataDir, 'evidence', 'tmp'))).toEqual([]);
      },
      { timeout: 10_000, interval: 50 },
    );
  });

  it('refuses an upload by someone who does not lead the action before reading it (403)', async () => {
    const before = { files: storedFiles().length, rows: rows() };
    expectProblem(await upload(safeguarding, ids.actionId('1.1'), pdf, 'x.pdf'), 403);
    expectProblem(await upload(viewer, ids.actionId('1.1'), pdf, 'x.pdf'), 403);
    expect({ files: storedFiles().length, rows: rows() }).toEqual(before);
  });

  it('refuses bad fields with field errors and keeps nothing', async () => {
    const before = { files: storedFiles().length, rows: rows() };
    const res = await upload(firstResponse, ids.actionId('1.1'), pdf, 'x.pdf', {
      purpose: 'decoration',
      effectiveDate: 'yesterday',
    });
    const p = expectProblem(res, 400);
    expect(p.errors?.map((e) => e.path)).toEqual(
      expect.arrayContaining(['body.purpose', 'body.effectiveDate']),
    );
    expectProblem(
      await upload(firstResponse, ids.actionId('1.1'), pdf, 'x.pdf', { effectiveDate: '2027-06-01' }),
      400,
    );
    expect({ files: storedFiles().length, rows: rows() }).toEqual(before);
  });

  it('takes multipart only where a file is uploaded: elsewhere it is a 415 problem, and nothing is kept', async () => {
    const before = { files: storedFiles().length, rows: rows(), db: dbFingerprint(t.app) };
    const res = await firstResponse.agent
      .post(`/api/actions/${ids.actionId('1.1')}/evidence`)
      .set('x-csrf-token', firstResponse.csrf)
      .field('title', 'Not a file route')
      .attach('file', pdf, 'x.pdf');
    expectProblem(res, 415);
    expect({ files: storedFiles().length, rows: rows(), db: dbFingerprint(t.app) }).toEqual(before);
  });
});

describe('downloading', () => {
  let evidenceId: number;
  beforeAll(async () => {
    const res = await upload(firstResponse, ids.actionId('1.2'), pdf, 'Résumé des résultats "final".pdf');
    evidenceId = res.body.id;
  });

  it('sends the file as an attachment with its stored type, nosniff and a restrictive CSP', async () => {
    const res = await chair.agent
      .get(`/api/evidence/${evidenceId}/file`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect((res.body as Buffer).equals(pdf)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="R_sum_ des r_sultats _final_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20des%20r%C3%A9sultats%20%22final%22.pdf`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'; sandbox/);
    expect(res.headers['cache-control']).toBe('private, no-store');
  });

  it('a lead of another action and a signed-out user cannot get it (404, 401)', async () => {
    expectProblem(await safeguarding.agent.get(`/api/evidence/${evidenceId}/file`), 404);
    expectProblem(await safeguarding.agent.get(`/api/actions/${ids.actionId('1.2')}/evidence`), 404);
    expectProblem(await supertest(t.app.server).get(`/api/evidence/${evidenceId}/file`), 401);
    expect((await viewer.agent.get(`/api/evidence/${evidenceId}/file`)).status).toBe(200);
  });

  it('once withdrawn, only an administrator can read it; it leaves the lists of everyone else', async () => {
    const res = await post(firstResponse, `/api/evidence/${evidenceId}/withdraw`, {
      reason: 'Uploaded the draft by mistake.',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      withdrawnReason: 'Uploaded the draft by mistake.',
      withdrawnBy: { name: 'Priya Shah' },
    });
    expectProblem(await chair.agent.get(`/api/evidence/${evidenceId}/file`), 404);
    expectProblem(await viewer.agent.get(`/api/evidence/${evidenceId}/file`), 404);
    expectProblem(await firstResponse.agent.get(`/api/evidence/${evidenceId}/file`), 404);
    expect((await admin.agent.get(`/api/evidence/${evidenceId}/file`)).status).toBe(200);
    const chairList = (await chair.agent.get(`/api/actions/${ids.actionId('1.2')}/evidence`)).body.items.map(
      (e: { id: number }) => e.id,
    );
    expect(chairList).not.toContain(evidenceId);
    const adminList = (await admin.agent.get(`/api/actions/${ids.actionId('1.2')}/evidence`)).body.items.map(
      (e: { id: number }) => e.id,
    );
    expect(adminList).toContain(evidenceId);
  });

  it('only the uploader or an administrator can withdraw', async () => {
    const e = await post(firstResponse, `/api/actions/${ids.actionId('1.2')}/evidence`, {
      kind: 'note',
      title: 'n',
      purpose: 'impact',
      effectiveDate: '2026-11-01',
      note: 'Timeliness up.',
    });
    expectProblem(await post(chair, `/api/evidence/${e.body.id}/withdraw`, { reason: 'x' }), 403);
    expect((await post(admin, `/api/evidence/${e.body.id}/withdraw`, { reason: 'Duplicate' })).status).toBe(
      200,
    );
  });
});

describe('links, notes and review', () => {
  it.each([
    'javascript:alert(1)',
    'ftp://files.example.org/a.pdf',
    'https://user:pw@example.org/x',
    'not a url',
  ])('refuses the link %s', async (url) => {
    const res = await post(firstResponse, `/api/actions/${ids.actionId('1.1')}/evidence`, {
      kind: 'link',
      title: 'l',
      purpose: 'completion',
      effectiveDate: '2026-11-01',
      url,
    });
    expect(expectProblem(res, 400).errors?.[0]?.path).toBe('body.url');
  });

  it('the chair reviews; a rejection needs a comment; a lead cannot review; the queue empties', async () => {
    const e = await post(firstResponse, `/api/actions/${ids.actionId('1.1')}/evidence`, {
      kind: 'link',
      title: 'Protocol',
      purpose: 'completion',
      effectiveDate: '2026-11-01',
      url: 'https://intranet.example.org/p',
    });
    const queue = (await chair.agent.get(`/api/plans/${ids.planId}/evidence-queue`)).body.items.map(
      (q: { id: number }) => q.id,
    );
    expect(queue).toContain(e.body.id);
    expectProblem(
      await post(firstResponse, `/api/evidence/${e.body.id}/review`, { decision: 'accepted' }),
      403,
    );
    expectProblem(
      await post(
        chair,
        `/api/evidence/${e.body.id}/review`,
        { decision: 'rejected' },
        versionTag(t.app, 'evidence', e.body.id),
      ),
      400,
    );
    const r = await post(
      chair,
      `/api/evidence/${e.body.id}/review`,
      { decision: 'rejected', comment: 'This is the draft.' },
      versionTag(t.app, 'evidence', e.body.id),
    );
    expect(r.body).toMatchObject({
      reviewState: 'rejected',
      reviewComment: 'This is the draft.',
      reviewedBy: { name: 'Dr Margaret Ellis' },
    });
    expectProblem(
      await post(
        chair,
        `/api/evidence/${e.body.id}/review`,
        { decision: 'accepted' },
        versionTag(t.app, 'evidence', e.body.id),
      ),
      409,
    );
    const after = (await chair.agent.get(`/api/plans/${ids.planId}/evidence-queue`)).body.items.map(
      (q: { id: number }) => q.id,
    );
    expect(after).not.toContain(e.body.id);
  });

  it('shows evidence counts by state on the plan list', async () => {
    const a = (await chair.agent.get(`/api/plans/${ids.planId}/actions?pageSize=200`)).body.items.find(
      (x: { ref: string }) => x.ref === '2.6',
    );
    expect(a.evidenceCounts).toEqual({ submitted: 0, accepted: 1, rejected: 0, withdrawn: 0 });
  });
});
