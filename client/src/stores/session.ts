import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Role } from '@ipt/shared';
import type { CurrentUser, Session } from '@ipt/shared/schemas';
import { authApi } from '../api/auth';
import { clearAllDrafts } from '../lib/drafts';

/** Who is signed in, and the CSRF token the API wants back on every change. */
export const useSessionStore = defineStore('session', () => {
  const user = ref<CurrentUser | null>(null);
  const csrfToken = ref<string | null>(null);
  const expiresAt = ref<string | null>(null);
  /** True once we have asked the API who is signed in (or signed in ourselves). */
  const checked = ref(false);
  let pending: Promise<void> | null = null;

  const isSignedIn = computed(() => user.value !== null);
  const role = computed<Role | null>(() => user.value?.role ?? null);
  /** Signed in with a one-time password: the person must choose their own before anything else. */
  const mustChangePassword = computed(() => user.value?.mustChangePassword === true);

  function apply(session: Session | null): void {
    user.value = session?.user ?? null;
    csrfToken.value = session?.csrfToken ?? null;
    expiresAt.value = session?.expiresAt ?? null;
    checked.value = true;
  }

  /** Asks the API once who is signed in; later calls reuse the answer. */
  function ensureChecked(): Promise<void> {
    if (checked.value) return Promise.resolve();
    pending ??= authApi
      .me()
      .then(apply)
      .finally(() => {
        pending = null;
      });
    return pending;
  }

  async function signIn(email: string, password: string): Promise<CurrentUser> {
    const session = await authApi.signIn({ email, password });
    apply(session);
    return session.user;
  }

  /** Changes the signed-in person's password; the API ends their other sessions and keeps this one. */
  async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
    apply(await authApi.changePassword({ currentPassword, newPassword }));
  }

  async function signOut(): Promise<void> {
    try {
      await authApi.signOut();
    } finally {
      clear();
      // Signing out on purpose: nothing this person wrote stays in the tab for the next one.
      clearAllDrafts();
    }
  }

  /** Forgets the session here (the API has already ended it, or is about to). */
  function clear(): void {
    apply(null);
  }

  /** The API said when the session now ends (each answer moves the idle end on). */
  function noteExpiry(at: string): void {
    if (user.value) expiresAt.value = at;
  }

  /** Asks the API, which counts as using the session: it ends later (up to its absolute limit). */
  async function stayActive(): Promise<void> {
    apply(await authApi.touch());
  }

  function hasRole(roles: readonly Role[] | undefined): boolean {
    if (!roles || roles.length === 0) return isSignedIn.value;
    return role.value !== null && roles.includes(role.value);
  }

  return {
    user,
    csrfToken,
    expiresAt,
    checked,
    isSignedIn,
    role,
    mustChangePassword,
    ensureChecked,
    signIn,
    changePassword,
    signOut,
    clear,
    noteExpiry,
    stayActive,
    hasRole,
  };
});
