/**
 * useLoad(): the one way a store or view reads from the API — a newer read cancels an older one still on
 * its way, `loading` is true while the latest runs, and `error` holds what went wrong (a cancelled read
 * is not an error). What to keep from an answer, and what to forget on failure, is the caller's.
 */
import { ref } from 'vue';
import { isAbortError, toApiError, type ApiError } from '../api/http';

export function useLoad() {
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  let controller: AbortController | null = null;

  /**
   * Reads with `read` and hands the answer to `keep`, or the problem to `failed`. Resolves true when the
   * answer was kept, false when the read failed or was cancelled by a newer one.
   */
  async function run<T>(
    read: (signal: AbortSignal) => Promise<T>,
    keep: (value: T) => void,
    failed?: (problem: ApiError) => void,
  ): Promise<boolean> {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    loading.value = true;
    error.value = null;
    try {
      const value = await read(mine.signal);
      if (controller !== mine) return false;
      keep(value);
      return true;
    } catch (err) {
      if (isAbortError(err) || controller !== mine) return false;
      error.value = toApiError(err);
      failed?.(error.value);
      return false;
    } finally {
      if (controller === mine) {
        loading.value = false;
        controller = null;
      }
    }
  }

  /** Cancels a read on its way and forgets any error. */
  function reset(): void {
    controller?.abort();
    controller = null;
    loading.value = false;
    error.value = null;
  }

  return { loading, error, run, reset };
}
