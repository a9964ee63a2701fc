/**
 * GOV.UK's date input: three boxes, day, month and year, read into an ISO date (`YYYY-MM-DD`) with the
 * design system's error messages, naming which boxes are wrong so that only those are marked.
 */
import { MONTH_ABBREVIATIONS, MONTH_NAMES, daysInMonth, parseIsoDate, toIsoDate } from '@ipt/shared';

export interface DateParts {
  day: string;
  month: string;
  year: string;
}
export type DatePart = keyof DateParts;

export type DateInputResult = { ok: true; value: string } | { ok: false; message: string; parts: DatePart[] };

export function emptyDateParts(): DateParts {
  return { day: '', month: '', year: '' };
}

export function datePartsFromIso(iso: string | null | undefined): DateParts {
  if (!iso) return emptyDateParts();
  const d = parseIsoDate(iso);
  return { day: String(d.day), month: String(d.month), year: String(d.year) };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "3", "03", "March", "mar" or "Sept" → 3; anything else → null. */
export function readMonth(value: string): number | null {
  const v = value.trim().toLowerCase().replace(/\.$/, '');
  if (/^\d{1,2}$/.test(v)) {
    const n = Number(v);
    return n >= 1 && n <= 12 ? n : null;
  }
  if (v.length < 3) return null;
  const index = MONTH_NAMES.findIndex(
    (name, i) => name.toLowerCase() === v || MONTH_ABBREVIATIONS[i]?.toLowerCase() === v,
  );
  if (index >= 0) return index + 1;
  return v === 'sept' ? 9 : null;
}

function listParts(parts: DatePart[]): string {
  const words = parts.map((p) => p);
  return words.length === 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
}

/**
 * Reads the three boxes. `name` is how the error messages refer to the date, e.g. "the new due date":
 * "Enter the new due date", "The new due date must include a month", "The new due date must be a real date".
 */
export function parseDateInput(parts: DateParts, name: string): DateInputResult {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  const missing = (['day', 'month', 'year'] as const).filter((p) => ({ day, month, year })[p] === '');
  if (missing.length === 3) return { ok: false, message: `Enter ${name}`, parts: ['day', 'month', 'year'] };
  if (missing.length > 0) {
    return { ok: false, message: `${capitalise(name)} must include a ${listParts(missing)}`, parts: missing };
  }

  const wrong: DatePart[] = [];
  const d = /^\d{1,2}$/.test(day) ? Number(day) : NaN;
  const m = readMonth(month);
  if (!(d >= 1 && d <= 31)) wrong.push('day');
  if (m === null) wrong.push('month');
  if (!/^\d+$/.test(year)) wrong.push('year');
  if (wrong.length > 0)
    return { ok: false, message: `${capitalise(name)} must be a real date`, parts: wrong };
  if (!/^\d{4}$/.test(year)) return { ok: false, message: 'Year must include 4 numbers', parts: ['year'] };

  const y = Number(year);
  if (m === null || d > daysInMonth(y, m)) {
    return { ok: false, message: `${capitalise(name)} must be a real date`, parts: ['day'] };
  }
  return { ok: true, value: toIsoDate({ year: y, month: m, day: d }) };
}

export interface DateInputError {
  message: string;
  parts: DatePart[];
}

/**
 * The same, for forms where the date may be left out: `words.label` names the date in messages ("Date of
 * the meeting must be a real date"), `words.enter` is the message when a required date is left empty.
 */
export function readDateInput(
  parts: DateParts,
  words: { label: string; enter: string },
  required: boolean,
): { value: string | null; error: DateInputError | null } {
  const empty = parts.day.trim() === '' && parts.month.trim() === '' && parts.year.trim() === '';
  if (empty) {
    return required
      ? { value: null, error: { message: words.enter, parts: ['day', 'month', 'year'] } }
      : { value: null, error: null };
  }
  const result = parseDateInput(parts, words.label);
  return result.ok
    ? { value: result.value, error: null }
    : { value: null, error: { message: result.message, parts: result.parts } };
}
