import { defineStore } from 'pinia';
import { ref } from 'vue';
import type {
  ActionDetail,
  ActionPage,
  CreateDueDateChangeBody,
  CreateUpdateBody,
  DecisionBody,
  SignOffBody,
} from '@ipt/shared/schemas';
import { actionsApi, type ActionWithEtag } from '../api/actions';
import { ApiError, toApiError } from '../api/http';
import { useLoad } from '../lib/load';
import { toActionListQuery, type PlanFilters } from '../lib/plan-filters';
import { useMyActionsStore } from './my-actions';

/** The plan's actions: one page of the filtered list, and the action being read. */
export const useActionsStore = defineStore('actions', () => {
  const page = ref<ActionPage | null>(null);
  const list = useLoad();
  const { loading: listLoading, error: listError } = list;
  /** The plan page's query when last shown, so "Back to the plan" returns to the same filters and page. */
  const lastPlanQuery = ref<Record<string, string>>({});
  /**
   * The filters the page of actions was read with. The words above the list ("match your filters") describe
   * the list shown, not a URL whose list is still on its way.
   */
  const pageFilters = ref<PlanFilters | null>(null);

  const current = ref<ActionDetail | null>(null);
  const currentEtag = ref<string | null>(null);
  const one = useLoad();
  const { loading: currentLoading, error: currentError } = one;
  /** The action the error is about, so a page never shows an error left over from another visit. */
  const currentErrorId = ref<number | null>(null);

  /** Reads one page of actions; a newer call cancels an older one still on its way. */
  async function loadList(planId: number, filters: PlanFilters): Promise<void> {
    await list.run(
      (signal) => actionsApi.list(planId, toActionListQuery(filters), signal),
      (value) => {
        page.value = value;
        pageFilters.value = filters;
      },
      () => {
        page.value = null;
        pageFilters.value = null;
      },
    );
  }

  async function loadOne(id: number): Promise<void> {
    currentErrorId.value = null;
    if (current.value?.id !== id) {
      current.value = null;
      currentEtag.value = null;
    }
    await one.run(
      (signal) => actionsApi.get(id, signal),
      (result) => {
        current.value = result.action;
        currentEtag.value = result.etag;
      },
      () => {
        current.value = null;
        currentErrorId.value = id;
      },
    );
  }

  /** The ETag to send when changing action `id`: the one last read, or read now. */
  async function etagFor(id: number): Promise<string> {
    if (current.value?.id !== id || !currentEtag.value) await loadOne(id);
    if (current.value?.id === id && currentEtag.value) return currentEtag.value;
    throw (
      currentError.value ??
      new ApiError({
        status: 0,
        title: 'The action could not be read',
        detail: 'Reload the page and try again.',
      })
    );
  }

  /**
   * Sends a change with the action's ETag and keeps what the API answers: the action as it now is, with its
   * new ETag. On 412 (someone else changed it meanwhile) the action is read again before the error is
   * passed on, so that the page shows what changed and the next attempt carries the new ETag.
   */
  async function change(id: number, send: (etag: string) => Promise<ActionWithEtag>): Promise<ActionDetail> {
    const etag = await etagFor(id);
    try {
      const result = await send(etag);
      current.value = result.action;
      currentEtag.value = result.etag;
      currentError.value = null;
      currentErrorId.value = null;
      // The lead's list read before this change is out of date: My actions reads it again before showing it,
      // so its banner ("Update recorded") never sits above the action as it was.
      useMyActionsStore().reset();
      return result.action;
    } catch (err) {
      const problem = toApiError(err);
      if (problem.status === 412) await loadOne(id);
      throw problem;
    }
  }

  const recordUpdate = (id: number, body: CreateUpdateBody) =>
    change(id, (etag) => actionsApi.recordUpdate(id, body, etag));
  const askForDueDate = (id: number, body: CreateDueDateChangeBody) =>
    change(id, (etag) => actionsApi.askForDueDate(id, body, etag));
  const decideDueDate = (id: number, changeId: number, body: DecisionBody) =>
    change(id, (etag) => actionsApi.decideDueDate(id, changeId, body, etag));
  const signOff = (id: number, body: SignOffBody) => change(id, (etag) => actionsApi.signOff(id, body, etag));

  function reset(): void {
    list.reset();
    one.reset();
    page.value = null;
    pageFilters.value = null;
    current.value = null;
    currentEtag.value = null;
    currentErrorId.value = null;
    lastPlanQuery.value = {};
  }

  return {
    page,
    pageFilters,
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
    recordUpdate,
    askForDueDate,
    decideDueDate,
    signOff,
    reset,
  };
});
