import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Plan, Theme } from '@ipt/shared/schemas';
import { plansApi } from '../api/plans';

/**
 * The plan the service is running: the active plan (the latest if there are several), its themes and
 * areas in the council's order.
 */
export const usePlanStore = defineStore('plan', () => {
  const plan = ref<Plan | null>(null);
  const themes = ref<Theme[]>([]);
  /** False until the plans have been read; true with plan null means there is no plan yet. */
  const loaded = ref(false);
  let pending: Promise<void> | null = null;

  const areaCount = computed(() => themes.value.reduce((n, t) => n + t.areas.length, 0));

  function choose(plans: Plan[]): Plan | null {
    const live = plans.filter((p) => p.archivedAt === null);
    const active = live.filter((p) => p.status === 'active');
    const pool = active.length > 0 ? active : live;
    return [...pool].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id)[0] ?? null;
  }

  /** Reads the current plan and its themes once; `force` reads them again. */
  function load(force = false): Promise<void> {
    if (loaded.value && !force) return Promise.resolve();
    pending ??= (async () => {
      const page = await plansApi.list();
      const current = choose(page.items);
      themes.value = current ? await plansApi.themes(current.id) : [];
      plan.value = current;
      loaded.value = true;
    })().finally(() => {
      pending = null;
    });
    return pending;
  }

  function reset(): void {
    plan.value = null;
    themes.value = [];
    loaded.value = false;
  }

  return { plan, themes, loaded, areaCount, load, reset };
});
