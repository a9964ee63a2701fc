/**
 * Changing an action: the ETag read is sent back, and a 412 reads the action again before failing. The plan's
 * list and the chair's overview say which filters the lists shown were read with.
 */
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureHttp } from '../../../client/src/api/http';
import { useActionsStore } from '../../../client/src/stores/actions';
import { useOverviewStore } from '../../../client/src/stores/overview';
import { needsUpdate, useMyActionsStore } from '../../../client/src/stores/my-actions';

interface Call {
  method: string;
  url: string;
  ifMatch?: string;
}
const calls: Call[] = [];
let answers: { status: number; body: unknown; etag?: string }[] = [];

function action(version: number) {
  return { id: 7, ref: '1.2', version, status: 'on_track' };
}

beforeEach(() => {
  setActivePinia(createPinia());
  configureHttp({ csrfToken: () => 'token', onUnauthorised: () => undefined });
  calls.length = 0;
  answers = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const headers = (init.headers ?? {}) as Record<string, string>;
      calls.push({ method: String(init.method), url, ifMatch: headers['if-match'] });
      const next = answers.shift() ?? { status: 500, body: null };
      return new Response(JSON.stringify(next.body), {
        status: next.status,
        headers: {
          'content-type': next.status >= 400 ? 'application/problem+json' : 'application/json',
          ...(next.etag ? { etag: next.etag } : {}),
        },
      });
    }),
  );
});

afterEach(() => vi.unstubAllGlobals());

describe('the actions store', () => {
  it('sends the ETag it read and keeps the new one', async () => {
    const store = useActionsStore();
    answers = [
      { status: 200, body: action(3), etag: '"action7-v3"' },
      { status: 201, body: action(4), etag: '"action7-v4"' },
    ];
    await store.loadOne(7);
    const saved = await store.recordUpdate(7, { status: 'at_risk', commentary: 'Slipping' });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/actions/7',
      'POST /api/actions/7/updates',
    ]);
    expect(calls[1]?.ifMatch).toBe('"action7-v3"');
    expect(saved.version).toBe(4);
    expect(store.currentEtag).toBe('"action7-v4"');
  });

  it('reads the action again when someone else changed it, then passes the 412 on', async () => {
    const store = useActionsStore();
    answers = [
      { status: 200, body: action(3), etag: '"action7-v3"' },
      { status: 412, body: { type: 'x', title: 'Someone else changed this first', status: 412 } },
      { status: 200, body: action(5), etag: '"action7-v5"' },
    ];
    await store.loadOne(7);
    await expect(store.signOff(7, { decision: 'signed_off' })).rejects.toMatchObject({ status: 412 });
    expect(calls.map((c) => c.method)).toEqual(['GET', 'POST', 'GET']);
    expect(store.currentEtag).toBe('"action7-v5"');
    expect(store.current?.version).toBe(5);
  });

  it('has My actions read the lead’s list again after a change, rather than show the one read before', async () => {
    const myActions = useMyActionsStore();
    const store = useActionsStore();
    answers = [
      { status: 200, body: { items: [], plans: [] } },
      { status: 200, body: action(3), etag: '"action7-v3"' },
      { status: 201, body: action(4), etag: '"action7-v4"' },
    ];
    await myActions.load();
    expect(myActions.data).not.toBeNull();
    await store.recordUpdate(7, { status: 'at_risk', commentary: 'Slipping' });
    expect(myActions.data).toBeNull();
  });

  it('reads the action first when it has no ETag for it', async () => {
    const store = useActionsStore();
    answers = [
      { status: 200, body: action(2), etag: '"action7-v2"' },
      { status: 201, body: action(3), etag: '"action7-v3"' },
    ];
    await store.askForDueDate(7, { toDate: '2027-03-31', reason: 'Waiting for the partnership' });
    expect(calls.map((c) => c.method)).toEqual(['GET', 'POST']);
    expect(calls[1]?.url).toBe('/api/actions/7/due-date-changes');
    expect(calls[1]?.ifMatch).toBe('"action7-v2"');
  });
});

// Applying filters changes the URL at once; the list for them arrives later. Meanwhile the old list still shows,
// and the words above it ("21 actions match your filters") must not claim it was filtered.
describe('the filters of the list shown', () => {
  const actionPage = (total: number) => ({ items: [], areas: [], page: 1, pageSize: 100, total });

  it('are those of the plan’s list on the page, not of one still on its way', async () => {
    const store = useActionsStore();
    answers = [
      { status: 200, body: actionPage(21) },
      { status: 200, body: actionPage(3) },
    ];
    await store.loadList(1, { page: 1 });
    expect(store.pageFilters).toEqual({ page: 1 });
    const filtering = store.loadList(1, { page: 1, rag: 'red' });
    expect(calls.at(-1)?.url).toMatch(/rag=red/);
    expect(store.pageFilters).toEqual({ page: 1 });
    expect(store.page?.total).toBe(21);
    await filtering;
    expect(store.pageFilters).toEqual({ page: 1, rag: 'red' });
    expect(store.page?.total).toBe(3);
  });

  it('are forgotten with the plan’s list when it cannot be read', async () => {
    const store = useActionsStore();
    answers = [{ status: 200, body: actionPage(21) }];
    await store.loadList(1, { page: 1, rag: 'red' });
    answers = [{ status: 500, body: { type: 'about:blank', title: 'Something went wrong', status: 500 } }];
    await store.loadList(1, { page: 1 });
    expect(store.page).toBeNull();
    expect(store.pageFilters).toBeNull();
  });

  it('are those of the chair’s overview on the page, not of one still on its way', async () => {
    const store = useOverviewStore();
    const overview = { counts: { red: 1, amber: 0, green: 0, blue: 0 } };
    answers = [
      { status: 200, body: overview },
      { status: 200, body: overview },
    ];
    await store.load(1, { sort: 'days_overdue' });
    expect(store.shownFilters).toEqual({ sort: 'days_overdue' });
    const filtering = store.load(1, { sort: 'plan', theme: 2 });
    expect(store.shownFilters).toEqual({ sort: 'days_overdue' });
    await filtering;
    expect(store.shownFilters).toEqual({ sort: 'plan', theme: 2 });
  });
});

describe('my actions', () => {
  const summary = (ref: string, rag: string, updatedSinceCutoff: boolean) =>
    ({
      id: Number(ref.replace('.', '')),
      ref,
      rag,
      flags: {},
      updatedSinceCutoff,
    }) as never;

  it('puts first what needs an update before the papers, and signed-off actions last', async () => {
    const store = useMyActionsStore();
    answers = [
      {
        status: 200,
        body: {
          nextMeeting: null,
          items: [summary('3.3', 'red', false), summary('3.1', 'blue', false), summary('3.2', 'green', true)],
        },
      },
    ];
    await store.load();
    expect(store.toUpdate.map((a) => a.ref)).toEqual(['3.3']);
    expect(store.upToDate.map((a) => a.ref)).toEqual(['3.2']);
    expect(store.signedOff.map((a) => a.ref)).toEqual(['3.1']);
    expect(needsUpdate(summary('1.1', 'blue', false))).toBe(false);
  });

  it('groups the actions by plan from their ids, each action sent once', async () => {
    const store = useMyActionsStore();
    const plan = (id: number) => ({ id, title: `Plan ${id}`, phase: null, status: 'active' });
    answers = [
      {
        status: 200,
        body: {
          nextMeeting: null,
          items: [
            summary('3.3', 'red', false),
            summary('4.1', 'amber', false),
            summary('3.2', 'green', true),
          ],
          plans: [
            { plan: plan(2), nextMeeting: null, actionIds: [41] },
            { plan: plan(1), nextMeeting: null, actionIds: [33, 32] },
          ],
        },
      },
    ];
    await store.load();
    // Each action carries its plan's title, which the answer names once per plan.
    expect(store.groups.map((g) => [g.plan.id, g.items.map((a) => [a.ref, a.planTitle])])).toEqual([
      [2, [['4.1', 'Plan 2']]],
      [
        1,
        [
          ['3.3', 'Plan 1'],
          ['3.2', 'Plan 1'],
        ],
      ],
    ]);
    expect(store.groups[1]?.toUpdate.map((a) => a.ref)).toEqual(['3.3']);
    expect(store.groups[1]?.upToDate.map((a) => a.ref)).toEqual(['3.2']);
  });
});
