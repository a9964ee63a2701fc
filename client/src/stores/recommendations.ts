import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Recommendation, RecommendationRollup } from '@ipt/shared/schemas';
import { useLoad } from '../lib/load';
import { recommendationsApi } from '../api/recommendations';

export const useRecommendationsStore = defineStore('recommendations', () => {
  const items = ref<Recommendation[]>([]);
  const planId = ref<number | null>(null);

  /** Progress against each recommendation, as of `rollupMeetingId` (null: now). */
  const rollup = ref<RecommendationRollup[] | null>(null);
  const rollupMeetingId = ref<number | null>(null);
  const rollupRead = useLoad();

  /** Recommendations no live action answers: the gaps a board and Ofsted will notice. */
  const unanswered = computed(() => items.value.filter((r) => r.actions.length === 0));

  const rollupById = computed(() => new Map((rollup.value ?? []).map((r) => [r.id, r])));

  async function load(forPlan: number): Promise<void> {
    const list = await recommendationsApi.listAll(forPlan);
    items.value = list;
    planId.value = forPlan;
  }

  /**
   * Reads the roll-up as of a meeting (or now). A newer call cancels an older one; a cancelled call
   * returns false and leaves what is shown alone. Throws ApiError.
   */
  async function loadRollup(forPlan: number, meetingId: number | null): Promise<boolean> {
    const kept = await rollupRead.run(
      (signal) => recommendationsApi.rollup(forPlan, meetingId ?? undefined, signal),
      (value) => {
        rollup.value = value;
        rollupMeetingId.value = meetingId;
      },
      () => (rollup.value = null),
    );
    if (!kept && rollupRead.error.value) throw rollupRead.error.value;
    return kept;
  }

  function reset(): void {
    rollupRead.reset();
    items.value = [];
    planId.value = null;
    rollup.value = null;
    rollupMeetingId.value = null;
  }

  return { items, planId, unanswered, rollup, rollupMeetingId, rollupById, load, loadRollup, reset };
});
