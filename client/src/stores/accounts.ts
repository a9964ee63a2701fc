import { defineStore } from 'pinia';
import { ref } from 'vue';

/** A one-time password the server just made, carried to the account's page and shown there once. */
export interface HandOver {
  userId: number;
  name: string;
  password: string;
  /** Opened the account, or reset its password. */
  reason: 'opened' | 'reset';
}

export const useAccountsStore = defineStore('accounts', () => {
  const handOver = ref<HandOver | null>(null);

  function give(next: HandOver): void {
    handOver.value = next;
  }

  /** The one-time password for this account, once: taking it forgets it. */
  function take(userId: number): HandOver | null {
    const h = handOver.value;
    if (!h || h.userId !== userId) return null;
    handOver.value = null;
    return h;
  }

  function reset(): void {
    handOver.value = null;
  }

  return { handOver, give, take, reset };
});
