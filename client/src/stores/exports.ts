import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ProgressSummary } from '@ipt/shared/schemas';
import { exportsApi, type ExportChoices } from '../api/exports';
import { isAbortError, toApiError, type ApiError } from '../api/http';

/** The progress summary previewed on the export page (format=json), for the choices last asked for. */
export const useExportsStore = defineStore('exports', () => {
  const summary = ref<ProgressSummary | null>(null);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  let controller: AbortController | null = null;

  /** A newer call cancels an older one still on its way. */
  async function load(planId: number, choices: ExportChoices): Promise<void> {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    loading.value = true;
    error.value = null;
    try {
      summary.value = await exportsApi.summary(planId, choices, mine.signal);
    } catch (err) {
      if (isAbortError(err)) return;
      summary.value = null;
      error.value = toApiError(err);
    } finally {
      if (controller === mine) {
        loading.value = false;
        controller = null;
      }
    }
  }

  function reset(): void {
    controller?.abort();
    summary.value = null;
    error.value = null;
    loading.value = false;
  }

  return { summary, loading, error, load, reset };
});
