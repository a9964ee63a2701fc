/**
 * Presentation helpers every export format shares: how a summary's values read as words and dates. Nothing
 * here works anything out from the plan; it only says what the summary already holds.
 */
import {
  DUE_DATE_DECISION_LABELS,
  formatDate,
  formatDateTime,
  formatShortDate,
  londonDate,
  RAG_LABELS,
  type Rag,
} from '@ipt/shared';
import type { ProgressSummary, SummaryAction } from '@ipt/shared/schemas';

export type Recommendation = ProgressSummary['recommendations'][number];
export type TimeframeChange = ProgressSummary['timeframeChanges'][number];
export type DueDateDecision = TimeframeChange['changes'][number]['decision'];

export { EVIDENCE_KIND_LABELS } from '@ipt/shared';
export const DECISION_LABELS = DUE_DATE_DECISION_LABELS;

export const NO_LIVE_ACTION = 'No live action answers this recommendation';
export const IN_PART_ONLY = 'Answered in part only: not complete on its actions alone';
/** Marks every file of a meeting not yet locked: title, page footers, file name and a CSV column. */
export const PROVISIONAL = 'PROVISIONAL — not yet locked';
export const ALL_BLUE_NO_IMPACT = 'All actions complete but no accepted evidence of impact';

/** "5 March 2019", or an empty string. */
export function longDate(value: string | null): string {
  return value ? formatDate(value) : '';
}

/** "05/03/2019" for a date or (in London time) an instant, or an empty string. */
export function shortDate(value: string | null): string {
  if (!value) return '';
  return formatShortDate(value.length > 10 ? londonDate(value) : value);
}

/** The calendar date as a spreadsheet date cell: midnight UTC, which Excel and LibreOffice read as that day. */
export function excelDate(value: string | null): Date | null {
  if (!value) return null;
  const iso = value.length > 10 ? londonDate(value) : value;
  return new Date(`${iso}T00:00:00.000Z`);
}

export function ragLabel(rag: Rag | null): string {
  return rag ? RAG_LABELS[rag] : '';
}

/** "Red", or "Red (board agreed Amber)" when the board agreed a different RAG for the record. */
export function ragWithAgreed(action: Pick<SummaryAction, 'rag' | 'agreedRag'>): string {
  const label = RAG_LABELS[action.rag];
  if (action.agreedRag && action.agreedRag !== action.rag) {
    return `${label} (board agreed ${RAG_LABELS[action.agreedRag]})`;
  }
  return label;
}

export function leadsText(leads: readonly string[]): string {
  return leads.join('; ');
}

/** "Daniel Okafor, 24 October 2026" (or "Samir Haddad, recorded by Sam Taylor, …") under a commentary. */
export function commentaryByline(action: SummaryAction): string {
  const parts = [
    action.latestCommentaryBy,
    action.latestCommentaryAt && formatDate(action.latestCommentaryAt),
  ];
  return parts.filter((p): p is string => Boolean(p)).join(', ');
}

export function coverageFlags(rec: Recommendation): string[] {
  const flags: string[] = [];
  if (rec.noLiveAction) flags.push(NO_LIVE_ACTION);
  if (rec.allBlueNoImpactEvidence) flags.push(ALL_BLUE_NO_IMPACT);
  if (rec.inPartOnly) flags.push(IN_PART_ONLY);
  return flags;
}

/** "Progress summary as of Improvement board, 3 November 2026 (papers cut-off 27 October 2026)". */
export function asOfLine(s: ProgressSummary): string {
  if (s.meeting) {
    return `Progress summary as of ${s.meeting.title} (papers cut-off ${formatDate(s.meeting.papersCutoff)})`;
  }
  return `Progress summary as of ${formatDate(s.asOf)} (live)`;
}

/** What kind of record this is: frozen at a locked meeting, or computed and liable to change. */
export function recordLine(s: ProgressSummary): string {
  if (s.frozen && s.meeting) {
    const locked = s.meeting.lockedAt ? ` when it was locked on ${formatDate(s.meeting.lockedAt)}` : '';
    return `This is exactly what the meeting recorded${locked}; later changes to the plan do not alter it.`;
  }
  if (s.meeting) {
    return (
      `${PROVISIONAL}. RAG ratings are as of ${formatDateTime(s.asOf)} ` +
      'and may change until the meeting is locked.'
    );
  }
  return `Live: RAG ratings are as of ${formatDateTime(s.asOf)} and will change as the plan is updated.`;
}

export function producedLine(s: ProgressSummary): string {
  const who = s.producedBy.jobTitle ? `${s.producedBy.name}, ${s.producedBy.jobTitle},` : s.producedBy.name;
  return `Produced by ${who} on ${formatDateTime(s.producedAt)}`;
}

export function comparedLine(s: ProgressSummary): string {
  return s.previousMeeting
    ? `Compared with the previous meeting: ${s.previousMeeting.title}.`
    : 'There is no earlier meeting to compare with.';
}

/** The filters as words, or null when the summary covers the whole plan. */
export function filtersLine(s: ProgressSummary): string | null {
  const parts: string[] = [];
  if (s.filters.theme) parts.push(`theme “${s.filters.theme}”`);
  if (s.filters.lead) parts.push(`lead “${s.filters.lead}”`);
  if (s.filters.recommendation) parts.push(`recommendation “${s.filters.recommendation}”`);
  return parts.length ? `Filtered to ${parts.join(', ')}.` : null;
}

export function scopeLine(s: ProgressSummary): string {
  const n = s.headline.total;
  const actions = `${n} action${n === 1 ? '' : 's'}`;
  const filters = filtersLine(s);
  return filters ? `${filters} ${capitalise(actions)} in scope.` : `The whole plan: ${actions}.`;
}

/** The document title, for file properties and the PDF window title; a meeting not locked says so first. */
export function documentTitle(s: ProgressSummary): string {
  const when = s.meeting ? s.meeting.title : `${formatDate(s.asOf)} (live)`;
  const title = `${s.plan.title}: progress summary as of ${when}`;
  return s.provisional ? `${PROVISIONAL}: ${title}` : title;
}

/** The running footer: plan and date, so a printed page says where it came from (and if provisional). */
export function footerText(s: ProgressSummary): string {
  const when = s.meeting ? formatDate(s.meeting.meetingDate) : `${formatDate(s.asOf)} (live)`;
  const footer = `${s.councilName} – ${s.plan.title} – progress summary, ${when}`;
  return s.provisional ? `${PROVISIONAL} – ${footer}` : footer;
}

/** What the record is, in a word or two: for the CSV's Record column. */
export function recordStatus(s: ProgressSummary): string {
  if (s.provisional) return PROVISIONAL;
  return s.frozen ? 'Locked' : 'Live';
}

/** The headline's column of counts: the meeting as locked, a meeting not locked as of when, or now. */
export function countsHeader(s: ProgressSummary): string {
  if (s.meeting && s.frozen) return `At the meeting (${formatDate(s.meeting.meetingDate)})`;
  if (s.meeting) return `Provisional, as of ${formatDateTime(s.asOf)}`;
  return `Now (${formatDate(s.asOf)})`;
}

/** Which RAG the counts use, and where the board agreed another. */
export function ragBasisLine(s: ProgressSummary): string {
  const differ = s.actions.filter((a) => a.agreedRag && a.agreedRag !== a.rag);
  const base = 'Counts use the RAG computed from each action’s record as of the cut-off';
  if (differ.length === 0) return `${base}; the board agreed no different RAG.`;
  const list = differ.map((a) => `${a.ref} ${RAG_LABELS[a.rag]} → ${RAG_LABELS[a.agreedRag!]}`).join('; ');
  return `${base}, not the RAG the board agreed, which differs for ${differ.length} action${differ.length === 1 ? '' : 's'} (${list}).`;
}

/** The flags an action carries, as words ("" for none). */
export function flagsText(a: SummaryAction): string {
  const flags: string[] = [];
  if (a.flags.noUpdate) flags.push('No update');
  else if (a.flags.stale) flags.push('Not updated since the last meeting');
  if (a.flags.dueSoon) flags.push('Due soon');
  if (a.daysOverdue !== null) flags.push(`Overdue by ${daysText(a.daysOverdue)}`);
  return flags.join('; ');
}

/** Evidence awaiting review, and "No impact evidence" where none of impact is accepted. */
export function evidenceNote(a: SummaryAction): string {
  const parts: string[] = [];
  if (a.evidenceAwaitingReview > 0) parts.push(`${a.evidenceAwaitingReview} awaiting review`);
  if (a.impactEvidence === 0) parts.push('No impact evidence');
  else parts.push(`${a.impactEvidence} of impact accepted`);
  return parts.join('; ');
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/**
 * The attachment's name: council, plan, date, then "filtered" and "PROVISIONAL-not-yet-locked" where they
 * apply, e.g. northshire-county-council-childrens-services-improvement-plan-progress-summary-2026-11-03.pdf
 */
export function exportFileName(s: ProgressSummary, ext: string, what = 'progress-summary'): string {
  const date = s.meeting?.meetingDate ?? s.producedAt.slice(0, 10);
  const parts = [slug(s.councilName), slug(s.plan.title) || 'plan', what, date];
  if (filtersLine(s)) parts.push('filtered');
  if (s.provisional) parts.push('PROVISIONAL-not-yet-locked');
  return `${parts.filter(Boolean).join('-')}.${ext}`;
}

export function daysText(n: number | null): string {
  if (n === null) return '';
  return `${n} day${n === 1 ? '' : 's'}`;
}

export function decisionText(change: TimeframeChange['changes'][number]): string {
  const label = DECISION_LABELS[change.decision];
  const when = change.decidedAt ? ` on ${formatDate(change.decidedAt)}` : '';
  const comment = change.decisionComment ? `: ${change.decisionComment}` : '';
  return `${label}${when}${comment}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
