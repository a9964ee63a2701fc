import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditRows,
  buildTestApp,
  expectProblem,
  signIn,
  versionTag,
  type SignedIn,
  type TestApp,
} from '../helpers/app.js';
import { demoIds, etagOf, post, type DemoIds } from '../helpers/demo.js';

let t: TestApp;
let admin: SignedIn;
let ids: DemoIds;
beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin@example.org');
  ids = await demoIds(admin);
});
afterAll(async () => {
  await t.close();
});

describe('every change an administrator makes is in the audit log', () => {
  it('one row per change, naming the administrator, the record and what changed', async () => {
    let themeId = 0;
    let areaId = 0;
    let sourceId = 0;
    let recId = 0;
    let actionId = 0;
    let meetingId = 0;
    let userId = 0;
    let planId = 0;
    const run = async (
      name: string,
      send: () => Promise<{ status: number; body: unknown }>,
      event: string,
      entity: string,
    ) => {
      const before = auditRows(t.app).length;
      const res = await send();
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
      const rows = auditRows(t.app).slice(before);
      expect(rows, name).toHaveLength(1);
      expect(rows[0], name).toMatchObject({ event, entity_type: entity, user_id: admin.user.id });
      return res.body as Record<string, unknown> & { id: number };
    };
    planId = (
      await run('create plan', () => post(admin, '/api/plans', { title: 'Audit plan' }), 'create', 'plan')
    ).id;
    await run(
      'change plan',
      () =>
        admin.agent
          .patch(`/api/plans/${planId}`)
          .set('x-csrf-token', admin.csrf)
          .set('if-match', versionTag(t.app, 'plan', planId))
          .send({ phase: 'Phase 9' }),
      'update',
      'plan',
    );
    sourceId = (
      await run(
        'create source',
        () =>
          post(admin, '/api/sources', {
            kind: 'monitoring_visit',
            title: 'Monitoring visit',
            planIds: [planId],
          }),
        'create',
        'source',
      )
    ).id;
    await run(
      'change source',
      () =>
        admin.agent
          .patch(`/api/sources/${sourceId}`)
          .set('x-csrf-token', admin.csrf)
          .set('if-match', versionTag(t.app, 'source', sourceId))
          .send({ judgement: 'inadequate' }),
      'update',
      'source',
    );
    recId = (
      await run(
        'create recommendation',
        () => post(admin, '/api/recommendations', { sourceId, number: '1', text: 'Do better.' }),
        'create',
        'recommendation',
      )
    ).id;
    await run(
      'change recommendation',
      () =>
        admin.agent
          .patch(`/api/recommendations/${recId}`)
          .set('x-csrf-token', admin.csrf)
          .set('if-match', versionTag(t.app, 'recommendation', recId))
          .send({ text: 'Do much better.' }),
      'update',
      'recommendation',
    );
    const themes = await run(
      'create theme',
      () => post(admin, `/api/plans/${planId}/themes`, { title: 'Practice' }),
      'create',
      'theme',
    );
    themeId = (themes as unknown as { id: number }[])[0]?.id ?? 0;
    const withArea = await run(
      'create area',
      () => post(admin, `/api/themes/${themeId}/areas`, { title: 'Front door' }),
      'create',
      'area',
    );
    areaId = (withArea as unknown as { areas: { id: number }[] }[])[0]?.areas[0]?.id ?? 0;
    await run(
      'rename area',
      () =>
        admin.agent
          .patch(`/api/areas/${areaId}`)
          .set('x-csrf-token', admin.csrf)
          .set('if-match', versionTag(t.app, 'area', areaId))
          .send({ title: 'First response' }),
      'update',
      'area',
    );
    const lead = (
      await run(
        'create lead',
        () => post(admin, '/api/leads', { name: 'Youth Justice Service', kind: 'team' }),
        'create',
        'lead',
      )
    ).id;
    const action = await run(
      'create action',
      () =>
        post(admin, `/api/plans/${planId}/actions`, {
          ref: '1.1',
          areaId,
          objective: 'x',
          leadIds: [lead],
          timeframe: 'Mar 2027',
          recommendations: [{ recommendationId: recId }],
        }),
      'create',
      'action',
    );
    actionId = action.id;
    await run(
      'change action',
      async () =>
        admin.agent
          .patch(`/api/actions/${actionId}`)
          .set('x-csrf-token', admin.csrf)
          .set('if-match', await etagOf(admin, actionId))
          .send({ objective: 'y' }),
      'update',
      'action',
    );
    await run(
      'update on behalf',
      async () =>
        post(
          admin,
          `/api/actions/${actionId}/updates`,
          { status: 'on_track', commentary: 'Started.', onBehalfOfLeadId: lead },
          await etagOf(admin, actionId),
        ),
      'create',
      'action_update',
    );
    await run(
      'ask for a new date',
      async () =>
        post(
          admin,
          `/api/actions/${actionId}/due-date-changes`,
          { toDate: '2027-06-30', reason: 'Partners.' },
          await etagOf(admin, actionId),
        ),
      'create',
      'due_date_change',
    );
    const change = (await admin.agent.get(`/api/actions/${actionId}`)).body.dueDateChanges[0].id;
    await run(
      'approve it',
      async () =>
        post(
          admin,
          `/api/actions/${actionId}/due-date-changes/${change}/decision`,
          { decision: 'approved' },
          await etagOf(admin, actionId),
        ),
      'approve',
      'due_date_change',
    );
    const evidence = await run(
      'add evidence',
      () =>
        post(admin, `/api/actions/${actionId}/evidence`, {
          kind: 'note',
          title: 'n',
          purpose: 'completion',
          effectiveDate: '2026-11-01',
          note: 'Done.',
        }),
      'create',
      'evidence',
    );
    await run(
      'accept evidence',
      () =>
        post(
          admin,
          `/api/evidence/${evidence.id}/review`,
          { decision: 'accepted' },
          versionTag(t.app, 'evidence', evidence.id),
        ),
      'accept',
      'evidence',
    );
    await run(
      'mark complete',
      async () =>
        post(
          admin,
          `/api/actions/${actionId}/updates`,
          { status: 'complete', commentary: 'Done.', onBehalfOfLeadId: lead },
          await etagOf(admin, actionId),
        ),
      'create',
      'action_update',
    );
    await run(
      'sign off',
      async () =>
        post(
          admin,
          `/api/actions/${actionId}/sign-off`,
          { decision: 'signed_off' },
          await etagOf(admin, actionId),
        ),
      'sign_off',
      'action',
    );
    meetingId = (
      await run(
        'schedule meeting',
        () =>
          post(admin, `/api/plans/${planId}/meetings`, {
            meetingDate: '2026-11-23',
            papersCutoff: '2026-11-23T12:00:00.000Z',
          }),
        'create',
        'meeting',
      )
    ).id;
    await run(
      'lock meeting',
      () => admin.agent.post(`/api/meetings/${meetingId}/lock`).set('x-csrf-token', admin.csrf),
      'lock',
      'meeting',
    );
    await run(
      'agree a RAG',
      () =>
        post(admin, `/api/meetings/${meetingId}/actions/${actionId}/agreed-rag`, {
          rag: 'blue',
          reason: 'Accepted.',
        }),
      'agree_rag',
      'meeting',
    );
    userId = (
      await run(
        'open account',
        () =>
          post(admin, '/api/users', {
            email: 'new.lead@example.org',
            name: 'New Lead',
            role: 'lead',
            password: 'a long enough password',
          }),
        'create',
        'user',
      )
    ).id;
    await run(
      'close account',
      async () =>
        admin.agent
          .patch(`/api/users/${userId}`)
          .set('x-csrf-token', admin.csrf)
          .set('if-match', (await admin.agent.get(`/api/users/${userId}`)).headers.etag as string)
          .send({ active: false }),
      'deactivate',
      'user',
    );
    await run(
      'archive action',
      async () =>
        post(
          admin,
          `/api/actions/${actionId}/archive`,
          { reason: 'Closed with the plan.' },
          await etagOf(admin, actionId),
        ),
      'archive',
      'action',
    );
    await run(
      'archive area',
      () =>
        post(admin, `/api/areas/${areaId}/archive`, { reason: 'Empty.' }, versionTag(t.app, 'area', areaId)),
      'archive',
      'area',
    );
    await run(
      'archive theme',
      () =>
        post(
          admin,
          `/api/themes/${themeId}/archive`,
          { reason: 'Empty.' },
          versionTag(t.app, 'theme', themeId),
        ),
      'archive',
      'theme',
    );
    await run(
      'archive recommendation',
      () =>
        post(
          admin,
          `/api/recommendations/${recId}/archive`,
          { reason: 'Superseded.' },
          versionTag(t.app, 'recommendation', recId),
        ),
      'archive',
      'recommendation',
    );
    await run(
      'archive source',
      () =>
        post(
          admin,
          `/api/sources/${sourceId}/archive`,
          { reason: 'Superseded.' },
          versionTag(t.app, 'source', sourceId),
        ),
      'archive',
      'source',
    );
    await run(
      'archive plan',
      () =>
        post(
          admin,
          `/api/plans/${planId}/archive`,
          { reason: 'Test plan.' },
          versionTag(t.app, 'plan', planId),
        ),
      'archive',
      'plan',
    );
  });

  it('the audit log never records a password or its hash', async () => {
    const rows = t.app.sqlite
      .prepare("SELECT before, after FROM audit_log WHERE entity_type = 'user'")
      .all() as { before: string | null; after: string | null }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(`${r.before}${r.after}`).not.toMatch(/argon2|password/i);
  });

  it('a theme or area with live actions cannot be archived', async () => {
    const themes = (await admin.agent.get(`/api/plans/${ids.planId}/themes`)).body.items;
    expectProblem(
      await post(
        admin,
        `/api/themes/${themes[0].id}/archive`,
        { reason: 'x' },
        versionTag(t.app, 'theme', themes[0].id),
      ),
      409,
    );
    expectProblem(
      await post(
        admin,
        `/api/areas/${themes[0].areas[0].id}/archive`,
        { reason: 'x' },
        versionTag(t.app, 'area', themes[0].areas[0].id),
      ),
      409,
    );
  });

  it('only administrators read the audit log', async () => {
    const chair = await signIn(t.app, 'chair@example.org');
    expectProblem(await chair.agent.get('/api/audit'), 403);
    const page = (await admin.agent.get('/api/audit?pageSize=5')).body;
    expect(page.items).toHaveLength(5);
    expect(page).toMatchObject({ page: 1, pageSize: 5 });
    expect(page.total).toBeGreaterThan(5);
    const last = (await admin.agent.get(`/api/audit?pageSize=5&page=${Math.ceil(page.total / 5)}`)).body;
    expect(last.items.length).toBe(page.total - 5 * (Math.ceil(page.total / 5) - 1));
  });
});
