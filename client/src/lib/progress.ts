/**
 * Words and small rules for a lead's and the chair's daily work: status hints, the papers deadline, where
 * each role lands after signing in, and evidence counts in words.
 */
import { MONTH_NAMES, formatDate, formatTime, londonDate, type ActionStatus, type Role } from '@ipt/shared';
import type { EvidenceCounts, Meeting } from '@ipt/shared/schemas';

/** What each status means, shown as the hint under its radio. */
export const STATUS_HINTS: Record<ActionStatus, string> = {
  not_started: 'Work has not begun yet',
  on_track: 'Will finish within its timeframe',
  at_risk: 'Slipping, or a dependency is in doubt, with mitigation in hand',
  off_track: 'Will not finish within its timeframe without a change',
  complete: 'All done: add evidence of completion so that the board can sign it off',
};

/** The answer to a 412: someone changed the action between reading it and saving. */
export const STALE_ACTION_MESSAGE =
  'Someone else updated this action while you were working. Reload it to see what changed.';

/** A time the GOV.UK way: "5pm", "9:30am", "midday", "midnight" (London time). */
export const timeText = formatTime;

/** "Improvement board, 15 December 2026" → "Improvement board": the date is said separately. */
function meetingName(meeting: Meeting): string {
  const date = formatDate(meeting.meetingDate);
  const title = meeting.title.trim();
  const bare = title.endsWith(date) ? title.slice(0, -date.length).replace(/[\s,–-]+$/, '') : title;
  return bare || 'Improvement board';
}

/**
 * A meeting as a choice in a select: its name, its date and whether it is locked, e.g.
 * "Improvement board, 25 August 2026 (locked)" — never a bare title that two meetings could share.
 */
export function meetingChoiceText(meeting: Meeting, scheduledNote = 'scheduled'): string {
  const state = meeting.status === 'locked' ? 'locked' : scheduledNote;
  return `${meetingName(meeting)}, ${formatDate(meeting.meetingDate)} (${state})`;
}

/**
 * "Papers for the Improvement board on 15 December 2026 close at 5pm on 8 December 2026", or "closed" once
 * the cut-off has passed.
 */
export function papersDeadlineText(meeting: Meeting, now: Date = new Date()): string {
  const closed = new Date(meeting.papersCutoff).getTime() <= now.getTime();
  return (
    `Papers for the ${meetingName(meeting)} on ${formatDate(meeting.meetingDate)} ` +
    `${closed ? 'closed' : 'close'} at ${timeText(meeting.papersCutoff)} on ${formatDate(meeting.papersCutoff)}`
  );
}

/** "8 December": the cut-off's day without its year, for short headings. */
export function shortDate(instant: string): string {
  const [year, month, day] = londonDate(instant).split('-').map(Number);
  const sameYear = year === new Date().getFullYear();
  return `${day} ${MONTH_NAMES[(month ?? 1) - 1]}${sameYear ? '' : ` ${year}`}`;
}

/** Where a person lands after signing in: a lead on their actions, the chair on the overview. */
/**
 * Where each role's work starts: a lead from their own actions, the chair and the programme office from
 * the overview, the DfE adviser from the summary for the Department; viewers from the plan.
 */
export function homeFor(role: Role | null, leadId: number | null = null): string {
  if (role === 'chair' || role === 'admin') return '/overview';
  if (role === 'adviser') return '/export';
  if (role === 'lead' || leadId !== null) return '/my-actions';
  return '/';
}

/** "1 accepted, 1 awaiting review", or "none". */
export function evidenceCountsText(counts: EvidenceCounts | null | undefined): string {
  if (!counts) return 'none';
  const parts: string[] = [];
  if (counts.accepted) parts.push(`${counts.accepted} accepted`);
  if (counts.submitted) parts.push(`${counts.submitted} awaiting review`);
  if (counts.rejected) parts.push(`${counts.rejected} rejected`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}
