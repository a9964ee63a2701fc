/**
 * The flags of an action's RAG assessment, in words. A flag is never shown as a colour or an icon alone.
 */
import { pluralDays } from '@ipt/shared';
import type { ActionStatus } from '@ipt/shared';
import type { RagFlags } from '@ipt/shared/schemas';

export interface FlagWord {
  key: keyof RagFlags;
  text: string;
  /** Needs the board's attention (overdue, no update, late start): shown in bold. */
  warning: boolean;
}

export function flagWords(flags: RagFlags, status?: ActionStatus): FlagWord[] {
  const words: FlagWord[] = [];
  if (flags.overdue) {
    words.push({
      key: 'overdue',
      text: flags.daysOverdue ? `Overdue by ${pluralDays(flags.daysOverdue)}` : 'Overdue',
      warning: true,
    });
  }
  if (flags.dueSoon && !flags.overdue) {
    const days = flags.daysUntilDue;
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
    const n = flags.revisions;
    words.push({
      key: 'timeframeRevised',
      text: n > 0 ? `Timeframe revised ${n} time${n === 1 ? '' : 's'}` : 'Timeframe revised',
      warning: false,
    });
  }
  // A completed action has no due date left to meet; "no due date" only matters while work goes on.
  if (flags.noDueDate && status !== 'complete') {
    words.push({ key: 'noDueDate', text: 'No due date', warning: false });
  }
  return words;
}
