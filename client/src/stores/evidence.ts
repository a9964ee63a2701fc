import { defineStore } from 'pinia';
import { ref } from 'vue';
import type {
  CreateEvidenceBody,
  Evidence,
  EvidenceQueueItem,
  ReviewEvidenceBody,
} from '@ipt/shared/schemas';
import { evidenceApi, type EvidenceFileInput } from '../api/evidence';
import { toApiError, type ApiError } from '../api/http';
import { useLoad } from '../lib/load';

/** The evidence of the action being read, and the chair's queue of evidence awaiting review. */
export const useEvidenceStore = defineStore('evidence', () => {
  const items = ref<Evidence[]>([]);
  /** The action the items belong to; null until read. */
  const actionId = ref<number | null>(null);
  const { loading, error, run, reset: cancel } = useLoad();

  const queue = ref<EvidenceQueueItem[] | null>(null);
  const queueError = ref<ApiError | null>(null);

  async function load(id: number): Promise<void> {
    if (actionId.value !== id) {
      items.value = [];
      actionId.value = null;
    }
    await run(
      (signal) => evidenceApi.list(id, signal),
      (value) => {
        items.value = value;
        actionId.value = id;
      },
    );
  }

  /** Puts a changed item in place; a withdrawn one leaves the list unless the API still shows it. */
  function keep(changed: Evidence, showWithdrawn: boolean): void {
    if (actionId.value !== changed.actionId) return;
    const index = items.value.findIndex((e) => e.id === changed.id);
    if (changed.withdrawnAt && !showWithdrawn) {
      if (index >= 0) items.value.splice(index, 1);
    } else if (index >= 0) items.value.splice(index, 1, changed);
    else items.value.push(changed);
  }

  async function add(id: number, body: CreateEvidenceBody): Promise<Evidence> {
    const created = await evidenceApi.add(id, body);
    keep(created, false);
    return created;
  }

  async function upload(
    id: number,
    fields: EvidenceFileInput,
    file: File,
    options: { onProgress?: (loaded: number, total: number) => void; signal?: AbortSignal } = {},
  ): Promise<Evidence> {
    const created = await evidenceApi.upload(id, fields, file, options);
    keep(created, false);
    return created;
  }

  async function review(item: Evidence, body: ReviewEvidenceBody): Promise<Evidence> {
    const reviewed = await evidenceApi.review(item, body);
    keep(reviewed, false);
    if (queue.value) queue.value = queue.value.filter((q) => q.id !== item.id);
    return reviewed;
  }

  async function withdraw(item: Evidence, reason: string, showWithdrawn: boolean): Promise<Evidence> {
    const withdrawn = await evidenceApi.withdraw(item.id, reason);
    keep(withdrawn, showWithdrawn);
    return withdrawn;
  }

  async function loadQueue(planId: number): Promise<void> {
    queueError.value = null;
    try {
      queue.value = await evidenceApi.queue(planId);
    } catch (err) {
      queue.value = null;
      queueError.value = toApiError(err);
    }
  }

  function reset(): void {
    cancel();
    items.value = [];
    actionId.value = null;
    queue.value = null;
    queueError.value = null;
  }

  return {
    items,
    actionId,
    loading,
    error,
    queue,
    queueError,
    load,
    add,
    upload,
    review,
    withdraw,
    loadQueue,
    reset,
  };
});
