import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ChairOverview, DecisionBody, PendingTimeframeRequest } from '@ipt/shared/schemas';
import { actionEtag, actionsApi } from '../api/actions';
import { toApiError } from '../api/http';
import { overviewApi } from '../api/overview';
import { useLoad } from '../lib/load';
import { toOverviewQuery, type OverviewFilters } from '../lib/overview-filters';

/** The chair's overview of the plan, as filtered. */
export const useOverviewStore = defineStore('overview', () => {
  const overview = ref<ChairOverview | null>(null);
  /** The filters the overview shown was read with (while newer ones load, the older overview still shows). */
  const shownFilters = ref<OverviewFilters | null>(null);
  const { loading, error, run, reset: cancel } = useLoad();
  let last: { planId: number; filters: OverviewFilters } | null = null;

  async function load(planId: number, filters: OverviewFilters): Promise<void> {
    last = { planId, filters };
    await run(
      (signal) => overviewApi.get(planId, toOverviewQuery(filters), signal),
      (value) => {
        overview.value = value;
        shownFilters.value = filters;
      },
      () => {
        overview.value = null;
        shownFilters.value = null;
      },
    );
  }

  async function reload(): Promise<void> {
    if (last) await load(last.planId, last.filters);
  }

  /**
   * Approves or rejects a timeframe request from the list, with the action's version as it was listed. The
   * overview is read again either way: on success to drop the request, on 412 to show what changed.
   */
  async function decideTimeframe(item: PendingTimeframeRequest, body: DecisionBody): Promise<void> {
    try {
      await actionsApi.decideDueDate(item.action.id, item.change.id, body, actionEtag(item.action));
    } catch (err) {
      const problem = toApiError(err);
      if (problem.status === 412 || problem.status === 409) await reload();
      throw problem;
    }
    await reload();
  }

  function reset(): void {
    cancel();
    overview.value = null;
    shownFilters.value = null;
    last = null;
  }

  return { overview, shownFilters, loading, error, load, reload, decideTimeframe, reset };
});
