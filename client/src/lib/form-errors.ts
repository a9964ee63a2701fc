/**
 * Errors of a page's forms, for the GOV.UK error summary and the messages beside each field. Fields are
 * keyed by the id of the control the summary links to; an error about no one field (a 403, a 409, a 412)
 * is shown in the summary on its own.
 */
import { computed, reactive, ref } from 'vue';
import { toApiError, type ApiError } from '../api/http';
import { STALE_ACTION_MESSAGE } from './progress';

export interface FormErrorItem {
  field?: string;
  text: string;
}

export function useFormErrors() {
  const fields = reactive<Record<string, string | undefined>>({});
  const general = ref<string | null>(null);
  /** The order fields appear on the page, so the summary lists them in that order. */
  const order: string[] = [];

  const summary = computed<FormErrorItem[]>(() => {
    const list: FormErrorItem[] = [];
    if (general.value) list.push({ text: general.value });
    const keys = Object.keys(fields).sort((a, b) => rank(a) - rank(b));
    for (const key of keys) {
      const text = fields[key];
      if (text) list.push({ field: key, text });
    }
    return list;
  });

  function rank(field: string): number {
    const i = order.indexOf(field);
    return i < 0 ? order.length : i;
  }

  const hasErrors = computed(() => summary.value.length > 0);

  function clear(): void {
    for (const key of Object.keys(fields)) delete fields[key];
    general.value = null;
  }

  function set(field: string, text: string | undefined): void {
    if (!order.includes(field)) order.push(field);
    if (text) fields[field] = text;
    else delete fields[field];
  }

  /**
   * Puts an API error where it belongs: field errors beside their fields (`map` turns the API's field name,
   * e.g. `commentary`, into the id of the control), anything else in the summary on its own.
   */
  function fromApi(err: unknown, map: Record<string, string> = {}): ApiError {
    const problem = toApiError(err);
    let placed = false;
    for (const e of problem.errors) {
      const name = e.path.split(/[./]/).filter(Boolean).at(-1) ?? '';
      const field = map[name];
      if (field) {
        set(field, capitalise(e.message));
        placed = true;
      }
    }
    if (!placed) general.value = problem.status === 412 ? STALE_ACTION_MESSAGE : problem.detail;
    return problem;
  }

  /** Declares the fields in page order (the summary follows it). */
  function declare(...ids: string[]): void {
    for (const id of ids) if (!order.includes(id)) order.push(id);
  }

  return { fields, general, summary, hasErrors, clear, set, fromApi, declare };
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
