import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Plan, Theme } from '@ipt/shared/schemas';
import { plansApi } from '../api/plans';

/**
 * The plans this person can see, and the one the pages show: the one they last chose with the plan
 * switcher (remembered on the server, per person), else the first live plan, else the latest. Making a
 * plan live never hides another: every plan the API lists stays a choice.
 */
export const usePlanStore = defineStore('plan', () => {
  const plans = ref<Plan[]>([]);
  const plan = ref<Plan | null>(null);
  const themes = ref<Theme[]>([]);
  /** False until the plans have been read; true with plan null means there is no plan yet. */
  const loaded = ref(false);
  /** Counts switches, so pages showing the current plan are drawn again for the new one. */
  const generation = ref(0);
  let pending: Promise<void> | null = null;
  /** While loading: the plan the pages will show, known before its themes arrive. */
  let choosing: Promise<Plan | null> | null = null;

  const areaCount = computed(() => themes.value.reduce((n, t) => n + t.areas.length, 0));

  function choose(list: Plan[], preferred: number | null): Plan | null {
    const live = list.filter((p) => p.archivedAt === null);
    const chosen = live.find((p) => p.id === preferred);
    if (chosen) return chosen;
    const active = live.filter((p) => p.status === 'active');
    const pool = active.length > 0 ? active : live;
    return [...pool].sort((a, b) => a.id - b.id)[0] ?? null;
  }

  /** Reads the plans and the current plan's themes once; `force` reads them again. */
  function load(force = false): Promise<void> {
    if (loaded.value && !force) return Promise.resolve();
    pending ??= (async () => {
      const listed = Promise.all([plansApi.list(), plansApi.preference()]);
      choosing = listed.then(([page, preference]) => choose(page.items, plan.value?.id ?? preference.planId));
      const [[page], current] = await Promise.all([listed, choosing]);
      themes.value = current ? await plansApi.themes(current.id) : [];
      plans.value = page.items;
      plan.value = current;
      loaded.value = true;
    })().finally(() => {
      pending = null;
      choosing = null;
    });
    return pending;
  }

  /**
   * The plan the pages show, as soon as it is chosen: a page reads its own data for it alongside the plan's
   * themes rather than after them (one round trip fewer). Rejects as load() does.
   */
  function chosenPlan(): Promise<Plan | null> {
    if (loaded.value) return Promise.resolve(plan.value);
    const loading = load();
    return choosing ?? loading.then(() => plan.value);
  }

  /** Shows another plan, and remembers the choice for this person. */
  async function select(planId: number): Promise<void> {
    await load();
    const next = plans.value.find((p) => p.id === planId);
    if (!next || next.id === plan.value?.id) return;
    const [nextThemes] = await Promise.all([plansApi.themes(next.id), plansApi.remember(next.id)]);
    themes.value = nextThemes;
    plan.value = next;
    generation.value += 1;
  }

  /** After an administrator changes a plan: the list, and the current plan if it is the one changed. */
  async function refresh(): Promise<void> {
    if (!loaded.value) return load();
    await load(true);
  }

  function reset(): void {
    plans.value = [];
    plan.value = null;
    themes.value = [];
    loaded.value = false;
  }

  return { plans, plan, themes, loaded, generation, areaCount, load, chosenPlan, select, refresh, reset };
});
