import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ActionDetail, ActionPage } from '@ipt/shared/schemas';
import { actionsApi } from '../api/actions';
import { isAbortError, toApiError, type ApiError } from '../api/http';
import { toActionListQuery, type PlanFilters } from '../lib/plan-filters';

/** The plan's actions: one page of the filtered list, and the action being read. */
export const useActionsStore = defineStore('actions', () => {
  const page = ref<ActionPage | null>(null);
  const listLoading = ref(false);
  const listError = ref<ApiError | null>(null);
  /** The plan page's query when last shown, so "Back to the plan" returns to the same filters and page. */
  const lastPlanQuery = ref<Record<string, string>>({});
  let listController: AbortController | null = null;

  const current = ref<ActionDetail | null>(null);
  const currentEtag = ref<string | null>(null);
  const currentLoading = ref(false);
  const currentError = ref<ApiError | null>(null);
  /** The action the error is about, so a page never shows an error left over from another visit. */
  const currentErrorId = ref<number | null>(null);
  let currentController: AbortController | null = null;

  /** Reads one page of actions; a newer call cancels an older one still on its way. */
  async function loadList(planId: number, filters: PlanFilters): Promise<void> {
    listController?.abort();
    const controller = new AbortController();
    listController = controller;
    listLoading.value = true;
    listError.value = null;
    try {
      page.value = await actionsApi.list(planId, toActionListQuery(filters), controller.signal);
    } catch (err) {
      if (isAbortError(err)) return;
      page.value = null;
      listError.value = toApiError(err);
    } finally {
      if (listController === controller) {
        listLoading.value = false;
        listController = null;
      }
    }
  }

  async function loadOne(id: number): Promise<void> {
    currentController?.abort();
    const controller = new AbortController();
    currentController = controller;
    currentLoading.value = true;
    currentError.value = null;
    currentErrorId.value = null;
    if (current.value?.id !== id) {
      current.value = null;
      currentEtag.value = null;
    }
    try {
      const result = await actionsApi.get(id, controller.signal);
      current.value = result.action;
      currentEtag.value = result.etag;
    } catch (err) {
      if (isAbortError(err)) return;
      current.value = null;
      currentError.value = toApiError(err);
      currentErrorId.value = id;
    } finally {
      if (currentController === controller) {
        currentLoading.value = false;
        currentController = null;
      }
    }
  }

  function reset(): void {
    listController?.abort();
    currentController?.abort();
    page.value = null;
    listError.value = null;
    current.value = null;
    currentEtag.value = null;
    currentError.value = null;
    currentErrorId.value = null;
    lastPlanQuery.value = {};
  }

  return {
    page,
    listLoading,
    listError,
    lastPlanQuery,
    current,
    currentEtag,
    currentLoading,
    currentError,
    currentErrorId,
    loadList,
    loadOne,
    reset,
  };
});
