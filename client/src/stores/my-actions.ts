import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ActionListItem, MyActions } from '@ipt/shared/schemas';
import { actionsApi } from '../api/actions';
import { useLoad } from '../lib/load';

/** One of the lead's actions, with the title of its plan (named once per plan in the answer). */
export type MyAction = ActionListItem & { planTitle: string };

/** An action needs its lead's update when it is live (not Blue) and nothing came since the last papers. */
export function needsUpdate(action: ActionListItem): boolean {
  return action.rag !== 'blue' && !action.updatedSinceCutoff && !action.archivedAt;
}

/** A list of the lead's actions in three: to update, up to date, signed off (the API's order kept). */
export function splitMyActions<A extends ActionListItem>(items: A[]) {
  return {
    toUpdate: items.filter(needsUpdate),
    upToDate: items.filter((a) => !needsUpdate(a) && a.rag !== 'blue'),
    signedOff: items.filter((a) => a.rag === 'blue'),
  };
}

/** The lead's home: their actions and the next papers deadline, plan by plan. */
export const useMyActionsStore = defineStore('myActions', () => {
  const data = ref<MyActions | null>(null);
  const { loading, error, run, reset: cancel } = useLoad();

  const items = computed(() => data.value?.items ?? []);
  /** Each live plan the lead has actions in, with its own next meeting, split as the page shows it. */
  const groups = computed(() => {
    const byId = new Map(items.value.map((a) => [a.id, a]));
    return (data.value?.plans ?? []).map(({ actionIds, ...g }) => {
      const groupItems: MyAction[] = actionIds.flatMap((id) => {
        const action = byId.get(id);
        return action ? [{ ...action, planTitle: g.plan.title }] : [];
      });
      return { ...g, items: groupItems, ...splitMyActions(groupItems) };
    });
  });
  /** In the API's order: those needing an update first, the worst RAG first among them. */
  const toUpdate = computed(() => items.value.filter(needsUpdate));
  const upToDate = computed(() => items.value.filter((a) => !needsUpdate(a) && a.rag !== 'blue'));
  const signedOff = computed(() => items.value.filter((a) => a.rag === 'blue'));

  async function load(): Promise<void> {
    // On failure the actions last read stay on the page, under the error.
    await run(actionsApi.mine, (value) => (data.value = value));
  }

  function reset(): void {
    cancel();
    data.value = null;
  }

  return { data, loading, error, items, groups, toUpdate, upToDate, signedOff, load, reset };
});
