import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ProgressSummary } from '@ipt/shared/schemas';
import { exportsApi, type ExportChoices } from '../api/exports';
import { useLoad } from '../lib/load';

/** The progress summary previewed on the export page (format=json), for the choices last asked for. */
export const useExportsStore = defineStore('exports', () => {
  const summary = ref<ProgressSummary | null>(null);
  const { loading, error, run, reset: cancel } = useLoad();

  /** A newer call cancels an older one still on its way. */
  async function load(planId: number, choices: ExportChoices): Promise<void> {
    await run(
      (signal) => exportsApi.summary(planId, choices, signal),
      (value) => (summary.value = value),
      () => (summary.value = null),
    );
  }

  function reset(): void {
    cancel();
    summary.value = null;
  }

  return { summary, loading, error, load, reset };
});
