import { defineStore } from 'pinia';
import { ref } from 'vue';
import type {
  AgreedRagBody,
  CreateMeetingBody,
  Meeting,
  MeetingComparison,
  MeetingView,
  RagHistory,
} from '@ipt/shared/schemas';
import { meetingsApi } from '../api/meetings';
import { useLoad } from '../lib/load';

/** The improvement board's meetings: the list, the meeting being read, a comparison and the RAG history. */
export const useMeetingsStore = defineStore('meetings', () => {
  const meetings = ref<Meeting[]>([]);
  /** The plan the list is of; null until read. */
  const planId = ref<number | null>(null);
  let listPending: Promise<void> | null = null;

  const view = ref<MeetingView | null>(null);
  const viewRead = useLoad();
  const { loading: viewLoading, error: viewError } = viewRead;
  /** The meeting the error is about, so a page never shows an error left over from another visit. */
  const viewErrorId = ref<number | null>(null);

  const comparison = ref<MeetingComparison | null>(null);
  const comparisonRead = useLoad();
  const { loading: comparisonLoading, error: comparisonError } = comparisonRead;

  const history = ref<RagHistory | null>(null);
  const historyPlanId = ref<number | null>(null);

  /** Reads the plan's meetings once; `force` reads them again. Throws ApiError. */
  function loadList(forPlan: number, force = false): Promise<void> {
    if (planId.value === forPlan && !force) return Promise.resolve();
    listPending ??= (async () => {
      meetings.value = await meetingsApi.list(forPlan);
      planId.value = forPlan;
    })().finally(() => {
      listPending = null;
    });
    return listPending;
  }

  /** Keeps the list in step with a meeting the API has just answered with (locked, say). */
  function replaceInList(meeting: Meeting): void {
    const i = meetings.value.findIndex((m) => m.id === meeting.id);
    if (i >= 0) meetings.value.splice(i, 1, meeting);
  }

  async function loadView(id: number): Promise<void> {
    viewErrorId.value = null;
    if (view.value?.meeting.id !== id) view.value = null;
    await viewRead.run(
      (signal) => meetingsApi.get(id, signal),
      (value) => (view.value = value),
      () => {
        view.value = null;
        viewErrorId.value = id;
      },
    );
  }

  function applyView(next: MeetingView): MeetingView {
    view.value = next;
    replaceInList(next.meeting);
    return next;
  }

  /** Schedules a meeting and reads the list again (the API keeps it in time order). Throws ApiError. */
  async function schedule(forPlan: number, body: CreateMeetingBody): Promise<Meeting> {
    const meeting = await meetingsApi.schedule(forPlan, body);
    await loadList(forPlan, true);
    return meeting;
  }

  /** Throws ApiError; 409 with the API's reason when the meeting cannot be locked yet. */
  async function lock(id: number): Promise<MeetingView> {
    return applyView(await meetingsApi.lock(id));
  }

  async function recordAgreedRag(id: number, actionId: number, body: AgreedRagBody): Promise<MeetingView> {
    return applyView(await meetingsApi.recordAgreedRag(id, actionId, body));
  }

  /** Compares two meetings, earlier first, so movement reads forward in time. */
  async function compare(a: Meeting, b: Meeting): Promise<void> {
    const [from, to] = a.papersCutoff <= b.papersCutoff ? [a, b] : [b, a];
    await comparisonRead.run(
      (signal) => meetingsApi.compare(from.id, to.id, signal),
      (value) => (comparison.value = value),
      () => (comparison.value = null),
    );
  }

  function clearComparison(): void {
    comparisonRead.reset();
    comparison.value = null;
  }

  /** Reads the RAG history of a plan. Throws ApiError. */
  async function loadHistory(forPlan: number): Promise<void> {
    history.value = await meetingsApi.history(forPlan);
    historyPlanId.value = forPlan;
  }

  function reset(): void {
    viewRead.reset();
    clearComparison();
    meetings.value = [];
    planId.value = null;
    view.value = null;
    viewErrorId.value = null;
    history.value = null;
    historyPlanId.value = null;
  }

  return {
    meetings,
    planId,
    view,
    viewLoading,
    viewError,
    viewErrorId,
    comparison,
    comparisonLoading,
    comparisonError,
    history,
    historyPlanId,
    loadList,
    loadView,
    schedule,
    lock,
    recordAgreedRag,
    compare,
    clearComparison,
    loadHistory,
    reset,
  };
});
