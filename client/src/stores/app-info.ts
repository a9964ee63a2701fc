import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AppInfo } from '@ipt/shared/schemas';
import { appInfoApi } from '../api/app-info';
import { SERVICE_NAME } from '../lib/page';

/** The council's name for the header and the service's name, from GET /api/app-info. */
export const useAppInfoStore = defineStore('appInfo', () => {
  const info = ref<AppInfo | null>(null);
  let pending: Promise<void> | null = null;

  const councilName = computed(() => info.value?.councilName ?? '');
  const serviceName = computed(() => info.value?.serviceName ?? SERVICE_NAME);

  function load(): Promise<void> {
    if (info.value) return Promise.resolve();
    pending ??= appInfoApi
      .get()
      .then((value) => {
        info.value = value;
      })
      .catch(() => {
        // The header falls back to the service name alone; pages report their own errors.
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  }

  return { info, councilName, serviceName, load };
});
