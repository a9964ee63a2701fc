import { getActivePinia, type Pinia, type PiniaPluginContext } from 'pinia';
import { useSessionStore } from './session';

/** The stores each Pinia has made, so that all of them can be told to forget at once. */
const made = new WeakMap<Pinia, Set<{ reset?: () => void }>>();

/**
 * A Pinia plugin: notes every store as it is made. A store that holds what someone read has a `reset()`,
 * and resetAfterSignOut() calls each one — a new store is covered without being listed anywhere.
 */
export function resetPlugin({ pinia, store }: PiniaPluginContext): void {
  let stores = made.get(pinia);
  if (!stores) made.set(pinia, (stores = new Set()));
  stores.add(store as { reset?: () => void });
}

/**
 * Forgets everything read for the person who was signed in, so the next person (or the same one after their
 * session ended) starts from what the API says now.
 */
export function resetAfterSignOut(pinia: Pinia | undefined = getActivePinia()): void {
  useSessionStore(pinia).clear();
  for (const store of (pinia && made.get(pinia)) ?? []) store.reset?.();
}
