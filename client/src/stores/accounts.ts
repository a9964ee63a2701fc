import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { UserWithPassword } from '@ipt/shared/schemas';
import { useFlashStore } from './flash';

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

  /**
   * After opening an account or resetting its password: the one-time password the server made goes to the
   * account's page, shown once; one the administrator typed is only mentioned there.
   */
  function afterOneTimePassword(user: UserWithPassword, reason: HandOver['reason']): void {
    if (user.oneTimePassword) {
      give({ userId: user.id, name: user.name, password: user.oneTimePassword, reason });
      return;
    }
    useFlashStore().set({
      heading: reason === 'opened' ? `Account opened for ${user.name}` : `Password reset for ${user.name}`,
      body: `Give them the one-time password you typed. They must choose their own when they ${
        reason === 'opened' ? 'first' : 'next'
      } sign in.`,
    });
  }

  function reset(): void {
    handOver.value = null;
  }

  return { handOver, give, take, afterOneTimePassword, reset };
});
