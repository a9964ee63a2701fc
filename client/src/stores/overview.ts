import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ChairOverview, DecisionBody, PendingTimeframeRequest } from '@ipt/shared/schemas';
import { actionEtag, actionsApi } from '../api/actions';
import { isAbortError, toApiError, type ApiError } from '../api/http';
import { overviewApi } from '../api/overview';
import { toOverviewQuery, type OverviewFilters } from '../lib/overview-filters';

/** The chair's overview of the plan, as filtered. */
export const useOverviewStore = defineStore('overview', () => {
  const overview = ref<ChairOverview | null>(null);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  let last: { planId: number; filters: OverviewFilters } | null = null;
  let controller: AbortController | null = null;

  async function load(planId: number, filters: OverviewFilters): Promise<void> {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    last = { planId, filters };
    loading.value = true;
    error.value = null;
    try {
      overview.value = await overviewApi.get(planId, toOverviewQuery(filters), mine.signal);
    } catch (err) {
      if (isAbortError(err)) return;
      overview.value = null;
      error.value = toApiError(err);
    } finally {
      if (controller === mine) {
        loading.value = false;
        controller = null;
      }
    }
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
    controller?.abort();
    overview.value = null;
    error.value = null;
    last = null;
  }

  return { overview, loading, error, load, reload, decideTimeframe, reset };
});
