/**
 * The plan the pages show: the one the person chose (remembered on the server), else the first live plan;
 * every plan listed stays a choice, so a second live plan never hides the first.
 */
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureHttp } from '../../../client/src/api/http';
import { usePlanStore } from '../../../client/src/stores/plan';

const calls: { method: string; url: string; body?: string }[] = [];
let routes: Record<string, unknown> = {};

function plan(id: number, status: 'draft' | 'active' | 'closed') {
  return {
    id,
    title: `Plan ${id}`,
    phase: '',
    status,
    archivedAt: null,
    createdAt: `2026-0${id}-01T00:00:00Z`,
  };
}

beforeEach(() => {
  setActivePinia(createPinia());
  configureHttp({ csrfToken: () => 'token', onUnauthorised: () => undefined });
  calls.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ method: String(init.method), url, body: init.body as string | undefined });
      const path = url.split('?')[0] ?? '';
      const body = init.method === 'PUT' ? JSON.parse(String(init.body)) : routes[path];
      return new Response(JSON.stringify(body ?? null), {
        status: body === undefined ? 404 : 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
});

afterEach(() => vi.unstubAllGlobals());

describe('the plan store', () => {
  it('shows the first live plan when nothing was chosen, however many are live', async () => {
    routes = {
      '/api/plans': { items: [plan(1, 'active'), plan(2, 'active'), plan(3, 'draft')], total: 3 },
      '/api/me/plan': { planId: null },
      '/api/plans/1/themes': { items: [], total: 0 },
    };
    const store = usePlanStore();
    await store.load();
    expect(store.plan?.id).toBe(1);
    expect(store.plans.map((p) => p.id)).toEqual([1, 2, 3]);
  });

  it('shows the plan the person chose before, and remembers a new choice on the server', async () => {
    routes = {
      '/api/plans': { items: [plan(1, 'active'), plan(2, 'closed')], total: 2 },
      '/api/me/plan': { planId: 2 },
      '/api/plans/1/themes': { items: [{ id: 10 }], total: 1 },
      '/api/plans/2/themes': { items: [{ id: 20 }], total: 1 },
    };
    const store = usePlanStore();
    await store.load();
    expect(store.plan?.id).toBe(2);
    expect(store.themes).toEqual([{ id: 20 }]);

    const generation = store.generation;
    await store.select(1);
    expect(store.plan?.id).toBe(1);
    expect(store.themes).toEqual([{ id: 10 }]);
    expect(store.generation).toBe(generation + 1);
    expect(calls.find((c) => c.method === 'PUT')).toMatchObject({
      url: '/api/me/plan',
      body: '{"planId":1}',
    });
  });

  it('names the chosen plan before its themes have been read, so a page can ask for its own data alongside', async () => {
    routes = {
      '/api/plans': { items: [plan(1, 'active'), plan(2, 'active')], total: 2 },
      '/api/me/plan': { planId: 2 },
      '/api/plans/2/themes': { items: [{ id: 20 }], total: 1 },
    };
    const store = usePlanStore();
    const chosen = await store.chosenPlan();
    expect(chosen?.id).toBe(2);
    // Known before the themes are in: the store has not finished loading.
    expect(store.loaded).toBe(false);
    expect(calls.filter((c) => c.url.startsWith('/api/plans/2/themes'))).toHaveLength(1);
    await store.load();
    expect(store.themes).toEqual([{ id: 20 }]);
    // Once loaded, it answers at once, without asking the API again.
    const before = calls.length;
    expect((await store.chosenPlan())?.id).toBe(2);
    expect(calls).toHaveLength(before);
  });
});
