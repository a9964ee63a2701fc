/** useLoad(): one read at a time, its loading flag and error; and the Pinia plugin that resets every store. */
import { createApp } from 'vue';
import { createPinia, defineStore, setActivePinia } from 'pinia';
import { ref } from 'vue';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../client/src/api/http';
import { useLoad } from '../../../client/src/lib/load';
import { resetAfterSignOut, resetPlugin } from '../../../client/src/stores/reset';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A read that settles when told, and rejects with AbortError when its signal is aborted (as fetch does). */
function reader<T>() {
  const d = deferred<T>();
  let signal: AbortSignal | undefined;
  const read = (s: AbortSignal) => {
    signal = s;
    s.addEventListener('abort', () => d.reject(new DOMException('aborted', 'AbortError')));
    return d.promise;
  };
  return { read, d, aborted: () => signal?.aborted ?? false };
}

describe('useLoad', () => {
  it('a newer read cancels an older one, whose answer is never kept', async () => {
    const load = useLoad();
    const kept: string[] = [];
    const first = reader<string>();
    const second = reader<string>();
    const a = load.run(first.read, (v) => kept.push(v));
    expect(load.loading.value).toBe(true);
    const b = load.run(second.read, (v) => kept.push(v));
    expect(first.aborted()).toBe(true);
    first.d.resolve('old');
    second.d.resolve('new');
    expect(await a).toBe(false);
    expect(await b).toBe(true);
    expect(kept).toEqual(['new']);
    expect(load.loading.value).toBe(false);
    expect(load.error.value).toBeNull();
  });

  it('a failed read leaves its problem in error and tells the caller; a cancelled one is no error', async () => {
    const load = useLoad();
    const failed: number[] = [];
    const r = reader<string>();
    const run = load.run(
      r.read,
      () => undefined,
      (p) => failed.push(p.status),
    );
    r.d.reject(new ApiError({ status: 404, title: 'Not found', detail: 'No such action.' }));
    expect(await run).toBe(false);
    expect(load.error.value?.status).toBe(404);
    expect(failed).toEqual([404]);

    const next = reader<string>();
    const cancelled = load.run(next.read, () => undefined);
    expect(load.error.value).toBeNull();
    load.reset();
    expect(await cancelled).toBe(false);
    expect(load.error.value).toBeNull();
    expect(load.loading.value).toBe(false);
  });
});

describe('the reset plugin', () => {
  it('resets every store made, without a list of them', () => {
    const pinia = createPinia();
    pinia.use(resetPlugin);
    createApp({}).use(pinia); // plugins apply once Pinia is installed
    setActivePinia(pinia);
    const useA = defineStore('test-a', () => {
      const value = ref<string | null>('read for someone');
      return { value, reset: () => (value.value = null) };
    });
    const useB = defineStore('test-b', () => {
      const items = ref(['x', 'y']);
      return { items, reset: () => (items.value = []) };
    });
    const a = useA();
    const b = useB();
    resetAfterSignOut(pinia);
    expect(a.value).toBeNull();
    expect(b.items).toEqual([]);
  });
});
