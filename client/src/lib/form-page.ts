/**
 * The shell of a page that adds or changes a record (an action, an indicator): its errors for the GOV.UK
 * error summary, one save at a time, the success banner carried to the page it lands on, and the archive
 * form with its reason (nothing is deleted). A change is sent with the record's version (If-Match) by the
 * API module; a stale one comes back as a 412, shown in the summary on its own.
 */
import { ref, type Ref } from 'vue';
import { useRouter } from 'vue-router';
import { useFlashStore, type FlashMessage } from '../stores/flash';
import { useFormErrors } from './form-errors';
import { setPageTitle } from './page';

/** Where a page goes after a save, and the success banner it shows there. */
export interface Saved {
  banner: FlashMessage;
  to: string;
}

export function useFormPage(heading: Readonly<Ref<string>>) {
  const router = useRouter();
  const flash = useFlashStore();
  const errors = useFormErrors();
  const busy = ref(false);
  const archiveReason = ref('');

  /** The page's title, with "Error: " while the summary shows. */
  function showErrors(): void {
    setPageTitle(heading.value, { error: errors.hasErrors.value });
  }

  /**
   * Runs one save (a second while it runs is ignored); on success shows its banner on the page it goes to,
   * on failure puts the API's problems on the fields `fieldMap` names (the rest in the summary).
   */
  async function submit(
    save: () => Promise<Saved>,
    fieldMap: Record<string, string>,
    onError?: () => void,
  ): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    try {
      const { banner, to } = await save();
      flash.set(banner);
      await router.push(to);
    } catch (err) {
      onError?.();
      errors.fromApi(err, fieldMap);
      showErrors();
    } finally {
      busy.value = false;
    }
  }

  /** Archives the record with the reason given at `archive-reason`; without one, says `missing`. */
  async function archive(run: (reason: string) => Promise<Saved>, missing: string): Promise<void> {
    if (busy.value) return;
    errors.clear();
    const reason = archiveReason.value.trim();
    if (!reason) {
      errors.set('archive-reason', missing);
      showErrors();
      return;
    }
    await submit(() => run(reason), { reason: 'archive-reason' });
  }

  return { errors, busy, archiveReason, submit, archive, showErrors };
}
