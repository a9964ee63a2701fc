import { ref } from 'vue';
import type { User } from '@ipt/shared/schemas';
import { toApiError, type ApiError } from '../api/http';
import { usersApi } from '../api/users';

/** One account as read for an administrator's page, with the ETag its changes send back as If-Match. */
export function useAccount(id: number) {
  const user = ref<User | null>(null);
  const etag = ref('');
  const loadError = ref<ApiError | null>(null);

  async function load(): Promise<User | null> {
    loadError.value = null;
    try {
      const read = await usersApi.get(id);
      user.value = read.user;
      etag.value = read.etag;
      return read.user;
    } catch (err) {
      loadError.value = toApiError(err);
      return null;
    }
  }

  /** Keeps what a change answered: the account as it now is, and its new ETag. */
  function keep(changed: { user: User; etag: string }): void {
    user.value = changed.user;
    etag.value = changed.etag;
  }

  return { user, etag, loadError, load, keep };
}
