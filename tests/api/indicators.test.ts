import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditRows,
  buildTestApp,
  dbFingerprint,
  expectProblem,
  signIn,
  type SignedIn,
  type TestApp,
} from '../helpers/app.js';
import { demoIds, post, type DemoIds } from '../helpers/demo.js';

let t: TestApp;
let ids: DemoIds;
let admin: SignedIn;
let chair: SignedIn;
let recommendationId: number;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin@example.org');
  chair = await signIn(t.app, 'chair@example.org');
  ids = await demoIds(admin);
  recommendationId = (await admin.agent.get(`/api/recommendations?planId=${ids.planId}`)).body.items[0].id;
});
afterAll(async () => {
  await t.close();
});

function patch(s: SignedIn, url: string, body: object, etag?: string) {
  const req = s.agent.patch(url).set('x-csrf-token', s.csrf);
  if (etag) req.set('if-match', etag);
  return req.send(body);
}

describe('setting up an indicator', () => {
  let id: number;
  let etag: string;

  it('the programme office adds one with a target, links and an audit row naming them', async () => {
    const res = await post(admin, `/api/plans/${ids.planId}/indicators`, {
      name: 'Assessments completed within 45 days',
      definition: 'Children and families assessments completed within 45 working days of referral.',
      unit: 'percent',
      polarity: 'higher_is_better',
      owner: 'Head of First Response',
      dataSource: 'Monthly performance return, Liquidlogic',
      actionIds: [ids.actionId('1.2')],
      recommendationIds: [recommendationId],
      target: { value: 85, tolerance: 5, effectiveFrom: '2025-04-01' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Assessments completed within 45 days',
      frequency: 'monthly',
      threshold: null,
      effectiveThreshold: { kind: 'points', amount: 2 },
      targets: [{ value: 85, tolerance: 5, effectiveFrom: '2025-04-01' }],
      actions: [{ id: ids.actionId('1.2'), ref: '1.2' }],
      recommendations: [{ id: recommendationId }],
      values: [],
      version: 1,
    });
    id = res.body.id;
    etag = res.headers.etag as string;
    expect(etag).toBe(`"indicator${id}-v1"`);
    const audit = auditRows(t.app).at(-1);
    expect(audit).toMatchObject({
      event: 'create',
      entity_type: 'indicator',
      entity_id: id,
      user_id: admin.user.id,
    });
  });

  it('every role reads it; only the programme office writes', async () => {
    for (const email of [
      'chair@example.org',
      'adviser@example.org',
      'viewer@example.org',
      'head.of.first.response@example.org',
    ]) {
      const s = await signIn(t.app, email);
      expect((await s.agent.get(`/api/indicators/${id}`)).status).toBe(200);
      expect((await s.agent.get(`/api/plans/${ids.planId}/indicators`)).status).toBe(200);
      expectProblem(
        await post(s, `/api/indicators/${id}/values`, {
          periodEnd: '2026-10-31',
          value: 80,
          status: 'provisional',
        }),
        403,
      );
    }
  });

  it('a change takes If-Match: 428 without, 412 when stale, and nothing changes', async () => {
    const before = dbFingerprint(t.app, { includeAudit: true });
    expectProblem(await patch(admin, `/api/indicators/${id}`, { owner: 'Someone' }), 428);
    expectProblem(
      await patch(admin, `/api/indicators/${id}`, { owner: 'Someone' }, `"indicator${id}-v0"`),
      412,
    );
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
    const ok = await patch(
      admin,
      `/api/indicators/${id}`,
      { owner: 'Service Manager, First Response', threshold: { kind: 'points', amount: 3 } },
      etag,
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ version: 2, effectiveThreshold: { kind: 'points', amount: 3 } });
    expect(ok.headers.etag).toBe(`"indicator${id}-v2"`);
    etag = ok.headers.etag as string;
  });

  it('bad input is a problem that says what to fix, and writes nothing', async () => {
    const before = dbFingerprint(t.app, { includeAudit: true });
    const bad = expectProblem(
      await post(admin, `/api/plans/${ids.planId}/indicators`, {
        name: 'X',
        unit: 'furlongs',
        polarity: 'up',
      }),
      400,
    );
    expect(bad.errors?.length).toBeGreaterThan(0);
    expectProblem(
      await post(admin, `/api/plans/${ids.planId}/indicators`, {
        name: 'assessments completed within 45 DAYS',
        unit: 'percent',
        polarity: 'higher_is_better',
      }),
      409,
    );
    const links = expectProblem(
      await post(admin, `/api/plans/${ids.planId}/indicators`, {
        name: 'Linked to nothing',
        unit: 'number',
        polarity: 'context_only',
        actionIds: [999999],
      }),
      422,
    );
    expect(links.errors?.[0]).toMatchObject({ path: 'body.actionIds.0' });
    const pct = expectProblem(
      await post(admin, `/api/indicators/${id}/values`, {
        periodEnd: '2026-10-31',
        value: 140,
        status: 'validated',
      }),
      422,
    );
    expect(pct.errors?.[0]?.message).toMatch(/between 0 and 100/);
    const day = expectProblem(
      await post(admin, `/api/indicators/${id}/values`, {
        periodEnd: '2026-10-15',
        value: 80,
        status: 'validated',
      }),
      422,
    );
    expect(day.detail).toMatch(/2026-10-31/);
    expectProblem(
      await post(admin, `/api/indicators/${id}/values`, {
        periodEnd: '2027-03-31',
        value: 80,
        status: 'validated',
      }),
      422,
    );
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });

  it('a correction is a new value; the old one is kept and marked superseded', async () => {
    expect(
      (
        await post(admin, `/api/indicators/${id}/values`, {
          periodEnd: '2026-09-30',
          value: 78,
          status: 'provisional',
        })
      ).status,
    ).toBe(201);
    const res = await post(admin, `/api/indicators/${id}/values`, {
      periodEnd: '2026-09-30',
      value: 79.5,
      status: 'validated',
      note: 'Validated after the data cleanse.',
    });
    expect(res.status).toBe(201);
    expect(
      res.body.values.map((v: { value: number; superseded: boolean }) => [v.value, v.superseded]),
    ).toEqual([
      [78, true],
      [79.5, false],
    ]);
    expect(res.body.values[1].recordedBy).toMatchObject({ id: admin.user.id });
  });

  it('a month of values for several indicators at once: all or none', async () => {
    const other = await post(admin, `/api/plans/${ids.planId}/indicators`, {
      name: 'Contacts to the front door',
      unit: 'number',
      polarity: 'context_only',
    });
    expect(other.status).toBe(201);
    const before = dbFingerprint(t.app, { includeAudit: true });
    const bad = expectProblem(
      await post(admin, `/api/plans/${ids.planId}/indicators/values`, {
        periodEnd: '2026-10-31',
        values: [
          { indicatorId: id, value: 81, status: 'provisional' },
          { indicatorId: other.body.id, value: -4, status: 'provisional' },
        ],
      }),
      422,
    );
    expect(bad.errors).toEqual([
      { path: 'body.values.1.value', message: 'Contacts to the front door: Enter a value of 0 or more.' },
    ]);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
    const ok = await post(admin, `/api/plans/${ids.planId}/indicators/values`, {
      periodEnd: '2026-10-31',
      values: [
        { indicatorId: id, value: 81, status: 'provisional' },
        { indicatorId: other.body.id, value: 412, status: 'validated', note: 'Half-term dip' },
      ],
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ recorded: 2, periodEnd: '2026-10-31' });
    expect(auditRows(t.app).at(-1)).toMatchObject({
      event: 'record-values',
      entity_type: 'plan',
      user_id: admin.user.id,
    });
  });

  it("the plan's scorecard judges the latest value against the target; context-only gets no RAG", async () => {
    const res = await chair.agent.get(`/api/plans/${ids.planId}/scorecard`);
    expect(res.status).toBe(200);
    const row = res.body.rows.find((r: { indicatorId: number }) => r.indicatorId === id);
    expect(row).toMatchObject({
      latest: { periodEnd: '2026-10-31', value: 81, status: 'provisional' },
      baseline: { periodEnd: '2026-09-30', value: 79.5 },
      target: { value: 85, tolerance: 5 },
      rag: 'amber',
      sinceBaseline: { change: 1.5, travel: 'no_significant_change' },
      themes: [{ title: expect.any(String) }],
    });
    const context = res.body.rows.find((r: { name: string }) => r.name === 'Contacts to the front door');
    expect(context).toMatchObject({ rag: null, themes: [] });
  });

  it('a recommendation lists its linked indicators as impact evidence', async () => {
    const res = await chair.agent.get(`/api/recommendations/${recommendationId}/indicators`);
    expect(res.status).toBe(200);
    expect(res.body.find((i: { id: number }) => i.id === id)).toMatchObject({
      rag: 'amber',
      latest: { value: 81 },
    });
  });

  it('targets change from a date, comparators carry their period, and archiving needs If-Match', async () => {
    const tgt = await post(admin, `/api/indicators/${id}/targets`, {
      value: 90,
      tolerance: 5,
      effectiveFrom: '2026-10-01',
    });
    expect(tgt.status).toBe(201);
    const cmp = await post(admin, `/api/indicators/${id}/comparators`, {
      kind: 'england',
      value: 82.1,
      periodLabel: '2024-25',
    });
    expect(cmp.body.comparators).toEqual([
      expect.objectContaining({ kind: 'england', value: 82.1, periodLabel: '2024-25' }),
    ]);
    const row = (await chair.agent.get(`/api/plans/${ids.planId}/scorecard`)).body.rows.find(
      (r: { indicatorId: number }) => r.indicatorId === id,
    );
    expect(row).toMatchObject({
      target: { value: 90 },
      rag: 'red',
      comparators: [{ kind: 'england', periodLabel: '2024-25' }],
    });
    expectProblem(await post(admin, `/api/indicators/${id}/archive`, { reason: 'Replaced' }), 428);
    const archived = await post(admin, `/api/indicators/${id}/archive`, { reason: 'Replaced' }, etag);
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).not.toBeNull();
    expectProblem(
      await post(admin, `/api/indicators/${id}/values`, {
        periodEnd: '2026-10-31',
        value: 80,
        status: 'provisional',
      }),
      409,
    );
    const list = (await chair.agent.get(`/api/plans/${ids.planId}/indicators`)).body as { id: number }[];
    expect(list.some((i) => i.id === id)).toBe(false);
  });
});

describe('changing an indicator, its targets and its comparators (the edit screens)', () => {
  let id: number;
  let etag: string;

  beforeAll(async () => {
    const res = await post(admin, `/api/plans/${ids.planId}/indicators`, {
      name: 'Children waiting for an allocated worker',
      unit: 'number',
      polarity: 'lower_is_better',
      target: { value: 20, tolerance: 3, effectiveFrom: '2025-04-01' },
    });
    expect(res.status).toBe(201);
    id = res.body.id;
    etag = res.headers.etag as string;
    for (const [periodEnd, value] of [
      ['2026-08-31', 19],
      ['2026-10-31', 17],
    ] as const)
      expect(
        (await post(admin, `/api/indicators/${id}/values`, { periodEnd, value, status: 'validated' })).status,
      ).toBe(201);
  });

  it('only the programme office changes one; others get 403 and nothing changes', async () => {
    const before = dbFingerprint(t.app, { includeAudit: true });
    expectProblem(await patch(chair, `/api/indicators/${id}`, { name: 'Renamed' }, etag), 403);
    expectProblem(
      await post(chair, `/api/indicators/${id}/targets`, { value: 10, effectiveFrom: '2026-10-01' }),
      403,
    );
    expectProblem(
      await post(chair, `/api/indicators/${id}/comparators`, {
        kind: 'region',
        value: 9,
        periodLabel: '2024-25',
      }),
      403,
    );
    expectProblem(await post(chair, `/api/indicators/${id}/archive`, { reason: 'No' }, etag), 403);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });

  it('a bad target or comparator is a problem naming the field, and writes nothing', async () => {
    const before = dbFingerprint(t.app, { includeAudit: true });
    const negative = expectProblem(
      await post(admin, `/api/indicators/${id}/targets`, { value: -4, effectiveFrom: '2026-10-01' }),
      422,
    );
    expect(negative.errors).toEqual([
      { path: 'body.value', message: 'The target: enter a value of 0 or more.' },
    ]);
    const pct = expectProblem(
      await post(admin, `/api/plans/${ids.planId}/indicators`, {
        name: 'Percent with a silly target',
        unit: 'percent',
        polarity: 'higher_is_better',
        target: { value: 85, tolerance: 120, effectiveFrom: '2025-04-01' },
      }),
      422,
    );
    expect(pct.errors?.[0]).toMatchObject({ path: 'body.target.tolerance' });
    expect(pct.errors?.[0]?.message).toMatch(/between 0 and 100/);
    const context = expectProblem(
      await post(admin, `/api/plans/${ids.planId}/indicators`, {
        name: 'Context with a target',
        unit: 'number',
        polarity: 'context_only',
        target: { value: 5, effectiveFrom: '2025-04-01' },
      }),
      422,
    );
    expect(context.detail).toMatch(/context-only indicator has no target/);
    expectProblem(
      await post(admin, `/api/indicators/${id}/comparators`, { kind: 'region', value: 9, periodLabel: '' }),
      400,
    );
    expectProblem(
      await post(admin, `/api/indicators/${id}/comparators`, {
        kind: 'wales',
        value: 9,
        periodLabel: '2024-25',
      }),
      400,
    );
    expectProblem(
      await post(admin, `/api/indicators/${id}/targets`, { value: 10, effectiveFrom: '1 October 2026' }),
      400,
    );
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
  });

  it('a new target applies from its date: earlier periods keep the old one; an audit row names who set it', async () => {
    const res = await post(admin, `/api/indicators/${id}/targets`, {
      value: 15,
      tolerance: 2,
      effectiveFrom: '2026-10-01',
    });
    expect(res.status).toBe(201);
    expect(auditRows(t.app).at(-1)).toMatchObject({
      event: 'set-target',
      entity_type: 'indicator',
      entity_id: id,
      user_id: admin.user.id,
    });
    const ind = (await chair.agent.get(`/api/indicators/${id}`)).body as {
      targets: { value: number }[];
      series: { periodEnd: string; target: number | null; rag: string | null }[];
    };
    expect(ind.targets.map((x) => x.value)).toEqual([20, 15]);
    expect(ind.series.map((p) => [p.periodEnd, p.target, p.rag])).toEqual([
      ['2026-08-31', 20, 'green'],
      ['2026-10-31', 15, 'amber'],
    ]);
  });

  it('a later comparator of a kind is the one shown; both are kept; each has its audit row', async () => {
    for (const [value, periodLabel] of [
      [24, '2023-24'],
      [22, '2024-25'],
    ] as const) {
      const res = await post(admin, `/api/indicators/${id}/comparators`, {
        kind: 'england',
        value,
        periodLabel,
      });
      expect(res.status).toBe(201);
      expect(auditRows(t.app).at(-1)).toMatchObject({
        event: 'add-comparator',
        entity_id: id,
        user_id: admin.user.id,
      });
    }
    const ind = (await chair.agent.get(`/api/indicators/${id}`)).body as { comparators: unknown[] };
    expect(ind.comparators).toHaveLength(2);
    const row = (await chair.agent.get(`/api/plans/${ids.planId}/scorecard`)).body.rows.find(
      (r: { indicatorId: number }) => r.indicatorId === id,
    );
    expect(row.comparators).toEqual([{ kind: 'england', value: 22, periodLabel: '2024-25' }]);
  });

  it('a change takes If-Match and writes an audit row with before and after; a stale one changes nothing', async () => {
    const res = await patch(
      admin,
      `/api/indicators/${id}`,
      {
        name: 'Children waiting for a social worker',
        definition: 'Open cases with no allocated social worker at the month end.',
        owner: 'Head of First Response',
        dataSource: 'Monthly performance return',
        frequency: 'monthly',
        threshold: { kind: 'points', amount: 1 },
        actionIds: [ids.actionId('1.2')],
        recommendationIds: [recommendationId],
      },
      etag,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Children waiting for a social worker',
      threshold: { kind: 'points', amount: 1 },
      actions: [{ id: ids.actionId('1.2') }],
      recommendations: [{ id: recommendationId }],
      version: 2,
    });
    const audit = t.app.sqlite
      .prepare(
        "SELECT user_id, before, after FROM audit_log WHERE event = 'update' AND entity_type = 'indicator' AND entity_id = ? ORDER BY id DESC",
      )
      .get(id) as { user_id: number; before: string; after: string };
    expect(audit.user_id).toBe(admin.user.id);
    expect(JSON.parse(audit.before)).toMatchObject({ name: 'Children waiting for an allocated worker' });
    expect(JSON.parse(audit.after)).toMatchObject({ name: 'Children waiting for a social worker' });
    const before = dbFingerprint(t.app, { includeAudit: true });
    expectProblem(await patch(admin, `/api/indicators/${id}`, { name: 'Stale' }, etag), 412);
    expectProblem(await patch(admin, `/api/indicators/${id}`, { name: 'No If-Match' }), 428);
    expect(dbFingerprint(t.app, { includeAudit: true })).toBe(before);
    etag = res.headers.etag as string;
  });

  it('archiving keeps it and its values; it leaves the scorecard', async () => {
    const res = await post(admin, `/api/indicators/${id}/archive`, { reason: 'Merged into another' }, etag);
    expect(res.status).toBe(200);
    const kept = (await chair.agent.get(`/api/indicators/${id}`)).body as {
      archivedAt: string;
      values: unknown[];
    };
    expect(kept.archivedAt).not.toBeNull();
    expect(kept.values).toHaveLength(2);
    const rows = (await chair.agent.get(`/api/plans/${ids.planId}/scorecard`)).body.rows as {
      indicatorId: number;
    }[];
    expect(rows.some((r) => r.indicatorId === id)).toBe(false);
    expect(auditRows(t.app).at(-1)).toMatchObject({
      event: 'archive',
      entity_id: id,
      user_id: admin.user.id,
    });
  });
});
