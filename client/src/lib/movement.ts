/**
 * Movement of a RAG between two meetings, in words. The words carry the meaning; an arrow beside them is
 * decoration only (hidden from screen readers), and a colour is never used alone.
 */
import { MOVEMENT_LABELS, RAG_LABELS, RAG_REPORT_ORDER, type Movement, type Rag } from '@ipt/shared';
import type { MovementCounts, RagCounts } from '@ipt/shared/schemas';

export const MOVEMENT_ARROWS: Record<Movement | 'removed', string> = {
  improved: '↑',
  worsened: '↓',
  unchanged: '→',
  new: '+',
  removed: '–',
};

/** The order movements are listed in: what the board looks at first. */
export const MOVEMENT_ORDER: readonly Movement[] = ['worsened', 'improved', 'new', 'unchanged'];

export interface MovementOptions {
  /** False at the first meeting of a plan: there is nothing to move from. */
  hasPrevious?: boolean;
}

/**
 * "Improved from Amber to Green", "Worsened from Green to Red", "No change", "New since the previous
 * meeting", "Rated Amber (was Not started)"; "No longer in the plan" when the action has gone by the later
 * meeting.
 */
export function movementWords(
  movement: Movement | 'removed',
  from: Rag | null,
  to: Rag | null,
  options: MovementOptions = {},
): string {
  if (to === null) return from === null ? 'Not in the plan' : 'No longer in the plan';
  // Not started is not a rating: an action that starts is rated for the first time, and "Worsened from Not
  // started to Amber" misleads. Movement still counts it as from Green (domain/movement.ts), so its arrow and
  // the meeting's counts are unchanged; only the words say what happened.
  if (from === 'not_started' && to !== 'not_started') return `Rated ${RAG_LABELS[to]} (was Not started)`;
  switch (movement) {
    case 'improved':
    case 'worsened':
      return from === null
        ? MOVEMENT_LABELS[movement]
        : `${MOVEMENT_LABELS[movement]} from ${RAG_LABELS[from]} to ${RAG_LABELS[to]}`;
    case 'new':
      return options.hasPrevious === false ? 'First meeting' : 'New since the previous meeting';
    default:
      return MOVEMENT_LABELS.unchanged;
  }
}

/** A change in a count: "Up 2", "Down 1", "No change"; empty when there is nothing to compare with. */
export function countChangeWords(now: number, before: number | null | undefined): string {
  if (before === null || before === undefined) return '';
  const diff = now - before;
  if (diff === 0) return 'No change';
  return diff > 0 ? `Up ${diff}` : `Down ${-diff}`;
}

/** "a, b and c" */
export function joinWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

const MOVEMENT_COUNT_WORDS: Record<Movement, string> = {
  worsened: 'worsened',
  improved: 'improved',
  new: 'new',
  unchanged: 'unchanged',
};

/** "2 worsened, 4 improved and 15 unchanged": movements with none left out; "No actions" when empty. */
export function movementCountsWords(counts: MovementCounts): string {
  const parts = MOVEMENT_ORDER.filter((m) => counts[m] > 0).map(
    (m) => `${counts[m]} ${MOVEMENT_COUNT_WORDS[m]}`,
  );
  return parts.length > 0 ? joinWords(parts) : 'No actions';
}

/** "2 Red, 5 Amber, 9 Green and 4 Blue", worst first, ratings with none left out. */
export function ragCountsWords(counts: RagCounts): string {
  const parts = RAG_REPORT_ORDER.filter((r) => counts[r] > 0).map((r) => `${counts[r]} ${RAG_LABELS[r]}`);
  return parts.length > 0 ? joinWords(parts) : 'No actions';
}

export function totalOf(counts: RagCounts): number {
  return RAG_REPORT_ORDER.reduce((n, r) => n + counts[r], 0);
}
