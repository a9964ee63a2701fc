import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Recommendation } from '@ipt/shared/schemas';
import { recommendationsApi } from '../api/recommendations';

export const useRecommendationsStore = defineStore('recommendations', () => {
  const items = ref<Recommendation[]>([]);
  const planId = ref<number | null>(null);

  /** Recommendations no live action answers: the gaps a board and Ofsted will notice. */
  const unanswered = computed(() => items.value.filter((r) => r.actions.length === 0));

  async function load(forPlan: number): Promise<void> {
    const list = await recommendationsApi.listAll(forPlan);
    items.value = list;
    planId.value = forPlan;
  }

  function reset(): void {
    items.value = [];
    planId.value = null;
  }

  return { items, planId, unanswered, load, reset };
});
