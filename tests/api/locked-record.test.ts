/**
 * A locked meeting is its record: after it is locked, rewording and adding recommendations, withdrawing
 * evidence it listed, rewording and rescoring risks, trying to rewrite its narrative or withdraw its decision,
 * recording (and withdrawing) decisions and closing its board action at the next meeting, and trying to move a later meeting before it change nothing
 * it shows — its view, its board record, its recommendation roll-up and all four exports read the same, apart
 * from the time each file was produced.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type supertest from 'supertest';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BoardRecord,
  MeetingView,
  ProgressSummary,
  RecommendationRollup,
  RiskDetail,
} from '@ipt/shared/schemas';
import { buildTestApp, expectProblem, signIn, type SignedIn, type TestApp } from '../helpers/app.js';
import { demoIds, post, type DemoIds } from '../helpers/demo.js';

let t: TestApp;
let ids: DemoIds;
let admin: SignedIn;
let chair: SignedIn;
let locked: { id: number; meetingDate: string; papersCutoff: string; title: string };
let later: { id: number; version: number };

function binary(res: supertest.Response, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

/** The production time in any of the forms the files write it, masked. */
const PRODUCED = [
  /Produced by [^]*? on\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s+at\s+(\d{1,2}(:\d{2})?[ap]m|midday|midnight)/g,
  /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g,
];
const mask = (s: string) => PRODUCED.reduce((x, re) => x.replace(re, '[produced]'), s);

async function file(format: 'docx' | 'pdf' | 'xlsx' | 'csv'): Promise<string> {
  const res = await chair.agent
    .get(`/api/plans/${ids.planId}/export?format=${format}&meeting=${locked.id}`)
    .buffer(true)
    .parse(binary);
  expect(res.status).toBe(200);
  const body = res.body as Buffer;
  const name = String(res.headers['content-disposition']);
  if (format === 'csv') return name + mask(body.toString('utf8'));
  if (format === 'pdf') {
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(body)), { mergePages: false });
    return name + mask(text.join('\n\f'));
  }
  if (format === 'docx') {
    const zip = await JSZip.loadAsync(body);
    const parts = Object.keys(zip.files)
      .filter((p) => p.startsWith('word/') && p.endsWith('.xml'))
      .sort();
    const xml = await Promise.all(parts.map(async (p) => `${p}\n${await zip.file(p)!.async('string')}`));
    return name + mask(xml.join('\n'));
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const sheets = wb.worksheets.map((ws) => {
    const rows: string[] = [ws.name];
    ws.eachRow({ includeEmpty: true }, (row) => rows.push(JSON.stringify(row.values)));
    return rows.join('\n');
  });
  return name + mask(sheets.join('\n\n'));
}

interface Record {
  view: MeetingView;
  board: BoardRecord;
  rollup: RecommendationRollup[];
  summary: ProgressSummary;
  files: string[];
}

async function recordOfLocked(): Promise<Record> {
  const view = (await chair.agent.get(`/api/meetings/${locked.id}`)).body as MeetingView;
  const rollup = (
    await chair.agent.get(`/api/plans/${ids.planId}/recommendation-rollup?meeting=${locked.id}`)
  ).body.items as RecommendationRollup[];
  const summary = (await chair.agent.get(`/api/plans/${ids.planId}/export?format=json&meeting=${locked.id}`))
    .body as ProgressSummary;
  const board = (await chair.agent.get(`/api/meetings/${locked.id}/record`)).body as BoardRecord;
  const files = [await file('docx'), await file('pdf'), await file('xlsx'), await file('csv')];
  return { view, board, rollup, summary: { ...summary, producedAt: '[produced]' }, files };
}

let before: Record;
let reworded: { id: number; text: string };
let withdrawn: { id: number; actionId: number; ref: string; title: string };

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin@example.org');
  chair = await signIn(t.app, 'chair@example.org');
  ids = await demoIds(admin);
  const meetings = (await chair.agent.get(`/api/plans/${ids.planId}/meetings`)).body.items as {
    id: number;
    status: string;
    meetingDate: string;
    papersCutoff: string;
    title: string;
    version: number;
  }[];
  locked = meetings.filter((m) => m.status === 'locked').at(-1)!;
  later = meetings.find((m) => m.status === 'scheduled')!;
  before = await recordOfLocked();
  t.clock.advance(60 * 60 * 1000);

  // Reword a recommendation the locked meeting reported, and add one to the same source.
  const rec = before.rollup.find((r) => r.actions.length > 0)!;
  const current = await admin.agent.get(`/api/recommendations/${rec.id}?planId=${ids.planId}`);
  expect(current.status).toBe(200);
  const rewording = await admin.agent
    .patch(`/api/recommendations/${rec.id}`)
    .set('x-csrf-token', admin.csrf)
    .set('if-match', current.headers.etag as string)
    .send({ text: 'Reworded after the meeting was locked.' });
  expect(rewording.status).toBe(200);
  reworded = { id: rec.id, text: rec.text };
  const added = await post(admin, '/api/recommendations', {
    sourceId: current.body.sourceId,
    number: '99',
    text: 'A recommendation added after the meeting was locked.',
  });
  expect(added.status).toBe(201);

  // Withdraw an item of evidence the locked meeting listed as accepted.
  const listed = before.summary.evidence[0]!;
  const onAction = (await admin.agent.get(`/api/actions/${ids.actionId(listed.ref)}/evidence`)).body
    .items as {
    id: number;
    title: string;
  }[];
  const item = onAction.find((e) => e.title === listed.items[0]!.title)!;
  withdrawn = { id: item.id, actionId: ids.actionId(listed.ref), ref: listed.ref, title: item.title };
  const res = await post(admin, `/api/evidence/${item.id}/withdraw`, { reason: 'Wrong file.' });
  expect(res.status).toBe(200);

  // The board's record: the locked meeting reported risks, a narrative and an open board action.
  expect(before.board.frozen).toBe(true);
  expect(before.board.risks.length).toBeGreaterThan(0);
  expect(before.board.summary.text).not.toBe('');
  const openAction = before.board.boardActions.find((a) => a.closed === null);
  expect(openAction, 'the demo leaves a board action of the locked meeting open').toBeTruthy();
  // Reword and rescore the risk it listed first.
  const risks = (await chair.agent.get(`/api/plans/${ids.planId}/risks`)).body.items as RiskDetail[];
  const risk = risks.find((r) => r.id === before.board.risks[0]!.riskId)!;
  const riskReworded = await chair.agent
    .patch(`/api/risks/${risk.id}`)
    .set('x-csrf-token', chair.csrf)
    .set('if-match', `"risk${risk.id}-v${risk.version}"`)
    .send({ title: 'Reworded after the meeting was locked', mitigations: 'New mitigations.' });
  expect(riskReworded.status).toBe(200);
  const rescored = await post(
    chair,
    `/api/risks/${risk.id}/reviews`,
    { likelihood: 1, impact: 1, note: 'Rescored after the meeting was locked' },
    String(riskReworded.headers.etag),
  );
  expect(rescored.status).toBe(201);
  // The locked meeting's narrative cannot be rewritten.
  const rewrite = await admin.agent
    .put(`/api/meetings/${locked.id}/narrative/summary`)
    .set('x-csrf-token', admin.csrf)
    .set('if-match', `"summary${locked.id}-v${before.board.summary.version}"`)
    .send({ text: 'Rewritten after the meeting was locked.' });
  expect(rewrite.status).toBe(409);
  // At the next meeting: a decision, and the locked meeting's open board action closed.
  expect(
    (
      await post(chair, `/api/meetings/${later.id}/board-items`, {
        kind: 'decision',
        text: 'A later decision.',
      })
    ).status,
  ).toBe(201);
  const closed = await post(
    chair,
    `/api/board-actions/${openAction!.id}/close`,
    { meetingId: later.id, note: 'Closed after the meeting was locked' },
    `"boardaction${openAction!.id}-v${openAction!.version}"`,
  );
  expect(closed.status).toBe(200);
  // Withdrawing one of its decisions as recorded in error is refused; one at the next meeting goes through.
  const lockedDecision = before.board.decisions[0]!;
  expect(
    (
      await post(
        chair,
        `/api/board-items/${lockedDecision.id}/withdraw`,
        { reason: 'Withdrawn after the meeting was locked' },
        `"boarditem${lockedDecision.id}-v${lockedDecision.version}"`,
      )
    ).status,
  ).toBe(409);
  const recorded = (
    await post(chair, `/api/meetings/${later.id}/board-items`, {
      kind: 'decision',
      text: 'Recorded in error.',
    })
  ).body as BoardRecord;
  const inError = recorded.decisions.find((d) => d.text === 'Recorded in error.')!;
  expect(
    (
      await post(
        chair,
        `/api/board-items/${inError.id}/withdraw`,
        { reason: 'Recorded in error' },
        `"boarditem${inError.id}-v${inError.version}"`,
      )
    ).status,
  ).toBe(200);
});
afterAll(async () => {
  await t.close();
});

describe('after a meeting is locked', () => {
  it('the changes went through: the plan now reads differently', async () => {
    const live = (await chair.agent.get(`/api/plans/${ids.planId}/recommendation-rollup`)).body
      .items as RecommendationRollup[];
    expect(live.find((r) => r.id === reworded.id)?.text).toBe('Reworded after the meeting was locked.');
    expect(live.length).toBe(before.rollup.length + 1);
    const onAction = (await chair.agent.get(`/api/actions/${withdrawn.actionId}/evidence`)).body.items as {
      id: number;
    }[];
    expect(onAction.map((e) => e.id)).not.toContain(withdrawn.id);
    // The risk now reads and scores differently, and the next meeting shows the decision and the closure.
    const risk = (await chair.agent.get(`/api/risks/${before.board.risks[0]!.riskId}`)).body as RiskDetail;
    expect(risk.title).toBe('Reworded after the meeting was locked');
    expect(risk.reviews.map((r) => r.note)).toContain('Rescored after the meeting was locked');
    const next = (await chair.agent.get(`/api/meetings/${later.id}/record`)).body as BoardRecord;
    expect(next.decisions.map((d) => d.text)).toContain('A later decision.');
    expect(next.mattersArising.some((a) => a.closed?.meetingId === later.id)).toBe(true);
  });

  it('a later meeting cannot be moved before it, by cut-off or by date, and says why', async () => {
    const move = (body: object) =>
      chair.agent
        .patch(`/api/meetings/${later.id}`)
        .set('x-csrf-token', chair.csrf)
        .set('if-match', `"meeting${later.id}-v${later.version}"`)
        .send(body);
    const byCutoff = expectProblem(
      await move({ papersCutoff: new Date(Date.parse(locked.papersCutoff) - 86_400_000).toISOString() }),
      409,
    );
    expect(byCutoff.detail).toMatch(/after that of the last locked meeting .*cannot be reordered/);
    // The cut-off just after the locked meeting's, the meeting itself on the day before it.
    const dayBefore = new Date(Date.parse(`${locked.meetingDate}T12:00:00Z`) - 86_400_000)
      .toISOString()
      .slice(0, 10);
    const byDate = expectProblem(
      await move({
        meetingDate: dayBefore,
        papersCutoff: new Date(Date.parse(locked.papersCutoff) + 60_000).toISOString(),
      }),
      409,
    );
    expect(byDate.detail).toMatch(/meeting date must be on or after that of the last locked meeting/);
  });

  it('its view, roll-up and summary are what they were', async () => {
    const after = await recordOfLocked();
    // The withdrawn item is still listed as it stood, now with the note; nothing else in the view moved.
    const noted = after.view.evidence.filter((e) => e.withdrawnAfterLock);
    expect(noted.map((e) => e.id)).toEqual([withdrawn.id]);
    expect(before.view.evidence.some((e) => e.withdrawnAfterLock)).toBe(false);
    expect({
      ...after.view,
      evidence: after.view.evidence.map((e) => ({ ...e, withdrawnAfterLock: false })),
    }).toEqual(before.view);
    expect(after.board).toEqual(before.board);
    expect(after.rollup).toEqual(before.rollup);
    expect(after.rollup.find((r) => r.id === reworded.id)?.text).toBe(reworded.text);
    expect(after.summary).toEqual(before.summary);
    const listed = after.summary.evidence.find((e) => e.ref === withdrawn.ref);
    expect(listed?.items.map((i) => i.title)).toContain(withdrawn.title);
  });

  it('all four files read the same, apart from when they were produced', async () => {
    const after = await recordOfLocked();
    for (const [i, format] of ['docx', 'pdf', 'xlsx', 'csv'].entries()) {
      expect(after.files[i], format).toBe(before.files[i]);
    }
  });
});
