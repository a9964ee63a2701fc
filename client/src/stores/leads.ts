import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Lead } from '@ipt/shared/schemas';
import { leadsApi } from '../api/leads';

export const useLeadsStore = defineStore('leads', () => {
  const leads = ref<Lead[]>([]);
  const loaded = ref(false);
  let pending: Promise<void> | null = null;

  /** Reads the leads once; `force` reads them again (the set-up form, where a lead may just have been added). */
  function load(force = false): Promise<void> {
    if (loaded.value && !force) return Promise.resolve();
    pending ??= leadsApi
      .list()
      .then((value) => {
        leads.value = [...value].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
        loaded.value = true;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  }

  function reset(): void {
    leads.value = [];
    loaded.value = false;
  }

  return { leads, loaded, load, reset };
});
