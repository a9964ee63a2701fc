/**
 * The file an import page's file upload holds, read as the API takes it (its name and its bytes in base64).
 * A file too large is an error on the field and is not read; a preview asked for straight after choosing
 * waits for the reading (`ready`).
 */
import { ref } from 'vue';
import { IMPORT_MAX_BYTES } from '@ipt/shared/schemas';
import { fileForImport } from '../api/imports';
import type { useFormErrors } from './form-errors';

export function useChosenFile(errors: ReturnType<typeof useFormErrors>, field = 'file') {
  /** The `<input type="file">` (bind it with `ref`). */
  const input = ref<HTMLInputElement | null>(null);
  const chosen = ref<{ fileName: string; content: string } | null>(null);
  let reading: Promise<void> = Promise.resolve();

  async function read(): Promise<void> {
    const file = input.value?.files?.[0];
    errors.set(field, undefined);
    chosen.value = null;
    if (!file) return;
    if (file.size > IMPORT_MAX_BYTES) {
      errors.set(field, `The file must be smaller than ${IMPORT_MAX_BYTES / (1024 * 1024)} MB`);
      return;
    }
    chosen.value = await fileForImport(file);
  }

  /** For the input's `change`: reads the file now chosen. */
  function choose(): Promise<void> {
    reading = read();
    return reading;
  }

  /** Settles when the file last chosen has been read. */
  function ready(): Promise<void> {
    return reading;
  }

  return { input, chosen, choose, ready };
}
