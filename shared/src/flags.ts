/**
 * The flags of an action's RAG assessment in words, for screens and reports alike. A flag is never shown
 * as a colour or an icon alone.
 */
import { pluralDays } from './dates.js';
import type { ActionStatus } from './enums.js';

/**
 * The flags as the API carries them: every flag (RagFlags in the schemas), or a list's flags, which leave
 * out what is false, zero or null (ListFlags).
 */
export interface FlagFacts {
  overdue?: boolean;
  daysOverdue?: number | null;
  noUpdate?: boolean;
  stale?: boolean;
  dueSoon?: boolean;
  daysUntilDue?: number | null;
  awaitingSignOff?: boolean;
  lateStart?: boolean;
  noDueDate?: boolean;
  timeframeRevised?: boolean;
  revisions?: number;
  slipDays?: number;
}

export interface FlagWord {
  key: keyof FlagFacts;
  text: string;
  /** Needs the board's attention (overdue, no update, late start): shown in bold. */
  warning: boolean;
}

export function flagWords(flags: FlagFacts, status?: ActionStatus): FlagWord[] {
  const words: FlagWord[] = [];
  if (flags.overdue) {
    words.push({
      key: 'overdue',
      text: flags.daysOverdue ? `Overdue by ${pluralDays(flags.daysOverdue)}` : 'Overdue',
      warning: true,
    });
  }
  if (flags.dueSoon && !flags.overdue) {
    const days = flags.daysUntilDue ?? null;
    words.push({
      key: 'dueSoon',
      text: days === null ? 'Due soon' : days === 0 ? 'Due today' : `Due in ${pluralDays(days)}`,
      warning: false,
    });
  }
  if (flags.noUpdate) words.push({ key: 'noUpdate', text: 'No update', warning: true });
  if (flags.stale && !flags.noUpdate) {
    words.push({ key: 'stale', text: 'Not updated since the last meeting', warning: true });
  }
  if (flags.lateStart)
    words.push({ key: 'lateStart', text: 'Start date passed, not started', warning: true });
  if (flags.awaitingSignOff)
    words.push({ key: 'awaitingSignOff', text: 'Awaiting sign-off', warning: false });
  if (flags.timeframeRevised) {
    const n = flags.revisions ?? 0;
    words.push({
      key: 'timeframeRevised',
      text: n > 0 ? `Timeframe revised ${n} time${n === 1 ? '' : 's'}` : 'Timeframe revised',
      warning: false,
    });
  }
  if (flags.noDueDate && status !== 'complete')
    words.push({ key: 'noDueDate', text: 'No due date', warning: false });
  return words;
}

export const ACTION_FLAG_FILTERS = [
  'overdue',
  'no_update',
  'stale',
  'due_soon',
  'awaiting_sign_off',
  'timeframe_revised',
] as const;
export type ActionFlagFilter = (typeof ACTION_FLAG_FILTERS)[number];
export const ACTION_FLAG_FILTER_LABELS: Record<ActionFlagFilter, string> = {
  overdue: 'Overdue',
  no_update: 'No update',
  stale: 'Not updated since the last meeting',
  due_soon: 'Due soon',
  awaiting_sign_off: 'Awaiting sign-off',
  timeframe_revised: 'Timeframe revised',
};

export const ACTION_SORTS = ['plan', 'days_overdue', 'due_date', 'last_update'] as const;
export type ActionSort = (typeof ACTION_SORTS)[number];
