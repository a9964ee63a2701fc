/**
 * Drafts of forms a person is writing, kept in this browser tab until they are saved, so that a lead's words
 * survive a session that ends mid-form, a reload or a refused save. One draft per person and page (the page
 * names the action and what is being done: update, complete, due date).
 *
 * sessionStorage, not localStorage: the draft stays with this tab (through signing in again) and goes when
 * the tab is closed, so a shared council computer does not keep one person's commentary for the next. Signing
 * out on purpose clears them.
 */
import { watch, type Ref } from 'vue';

const PREFIX = 'ipt-draft:v1:';

interface Stored<T> {
  savedAt: string;
  value: T;
}

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage refused (privacy settings): drafts are simply not kept
  }
}

export function draftKey(userId: number, path: string): string {
  return `${PREFIX}${userId}:${path}`;
}

export function loadDraft<T>(userId: number, path: string): Stored<T> | null {
  const raw = storage()?.getItem(draftKey(userId, path));
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Stored<T>;
    return parsed && typeof parsed.savedAt === 'string' && parsed.value !== undefined ? parsed : null;
  } catch {
    return null;
  }
}

export function saveDraft<T>(userId: number, path: string, value: T): void {
  try {
    storage()?.setItem(draftKey(userId, path), JSON.stringify({ savedAt: new Date().toISOString(), value }));
  } catch {
    // full or refused: the form still works, only without a kept draft
  }
}

export function clearDraft(userId: number, path: string): void {
  storage()?.removeItem(draftKey(userId, path));
}

/** Whether anyone's draft is kept for this page (before signing in we do not know who it will be). */
export function hasDraftAt(path: string): boolean {
  const s = storage();
  if (!s) return false;
  for (let i = 0; i < s.length; i++) {
    const key = s.key(i);
    if (key?.startsWith(PREFIX) && key.slice(PREFIX.length).replace(/^\d+:/, '') === path) return true;
  }
  return false;
}

/** Forgets every draft in this tab (signing out on purpose). */
export function clearAllDrafts(): void {
  const s = storage();
  if (!s) return;
  const keys: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const key = s.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) s.removeItem(key);
}

/**
 * Keeps `form` as a draft while it holds something worth keeping. Call `restore()` once the form has its
 * starting values: it puts back a kept draft (answering when it was saved) and from then on every change is
 * kept. `discard()` after a save, or when the person starts again.
 */
export function useDraft<T extends object>(options: {
  form: T;
  userId: Ref<number | null>;
  path: string;
  /** Whether the form holds anything a person wrote (an untouched form is not kept). */
  worthKeeping: (form: T) => boolean;
}) {
  let active = false;
  const { form, userId, path, worthKeeping } = options;

  watch(
    () => JSON.stringify(form),
    () => {
      if (!active || userId.value === null) return;
      if (worthKeeping(form)) saveDraft(userId.value, path, form);
      else clearDraft(userId.value, path);
    },
  );

  return {
    /** Puts a kept draft back into the form; answers when it was kept, or null if there was none. */
    restore(): string | null {
      active = true;
      if (userId.value === null) return null;
      const kept = loadDraft<Partial<T>>(userId.value, path);
      if (!kept) return null;
      Object.assign(form, kept.value);
      return kept.savedAt;
    },
    discard(): void {
      if (userId.value !== null) clearDraft(userId.value, path);
    },
  };
}
