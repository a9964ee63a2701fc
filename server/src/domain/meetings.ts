/**
 * The rules of board meetings that the meeting page and the progress summaries share: the order of
 * meetings and locking, the counts, the roll-up of actions to recommendations (coverage), and what changed
 * since the previous meeting. Pure: facts in, answers out.
 */
import { emptyRagCounts, formatDate, type MeetingStatus, type Movement, type Rag } from '@ipt/shared';
import { worstRag } from './movement.js';

export interface MeetingPlace {
  id: number;
  title: string;
  meetingDate: string;
  papersCutoff: string;
  status: MeetingStatus;
}

/**
 * Why a meeting cannot have this papers cut-off (and meeting date), or null when it can: the record of
 * locked meetings is never reordered, so a cut-off must come after that of the plan's last locked meeting,
 * and the meeting itself on or after that meeting's date. `self` is the meeting being moved (null when
 * scheduling a new one). Scheduling and editing a meeting both ask this.
 */
export function cutoffConflict(
  papersCutoff: string,
  meetings: readonly MeetingPlace[],
  self: number | null,
  meetingDate?: string,
): string | null {
  const lastLocked = meetings
    .filter((m) => m.status === 'locked' && m.id !== self)
    .reduce<MeetingPlace | null>((a, m) => (a === null || m.papersCutoff > a.papersCutoff ? m : a), null);
  if (lastLocked === null) return null;
  const which = `the last locked meeting (${lastLocked.title}, ${formatDate(lastLocked.meetingDate)})`;
  if (papersCutoff <= lastLocked.papersCutoff)
    return `The papers cut-off must be after that of ${which}: the record of locked meetings cannot be reordered.`;
  if (meetingDate !== undefined && meetingDate < lastLocked.meetingDate)
    return `The meeting date must be on or after that of ${which}: the record of locked meetings cannot be reordered.`;
  return null;
}

/**
 * Why a meeting cannot be locked yet because of the meetings before it, or null: an earlier meeting still
 * open is locked first, so that movement is measured against what it recorded.
 */
export function lockOrderConflict(meeting: MeetingPlace, meetings: readonly MeetingPlace[]): string | null {
  const earlier = meetings
    .filter((m) => m.id !== meeting.id && m.papersCutoff < meeting.papersCutoff && m.status !== 'locked')
    .sort((a, b) => a.papersCutoff.localeCompare(b.papersCutoff))[0];
  return earlier
    ? `Lock the earlier meeting first (${earlier.title}, ${formatDate(earlier.meetingDate)}), so that movement is measured against what it recorded.`
    : null;
}

export function countRags(rows: readonly { rag: Rag }[]): Record<Rag, number> {
  const c = emptyRagCounts();
  for (const r of rows) c[r.rag]++;
  return c;
}

/** Counts by movement; an action gone (archived) since the earlier meeting ('removed') is not counted. */
export function countMovements(
  rows: readonly { movement: Movement | 'removed' }[],
): Record<Movement, number> {
  const c: Record<Movement, number> = { improved: 0, worsened: 0, unchanged: 0, new: 0 };
  for (const r of rows) if (r.movement !== 'removed') c[r.movement]++;
  return c;
}

/** An action as a meeting reports it, as far as the roll-up and the changes need. */
export interface RatedAction {
  actionId: number;
  rag: Rag;
  previousRag: Rag | null;
  movement: Movement;
  overdue: boolean;
  recommendationIds: readonly number[];
  acceptedImpactEvidence: number;
  /** The recommendations among `recommendationIds` it answers only in part (none when not said). */
  inPartOf?: readonly number[];
}

export interface Coverage<R> {
  /** The actions answering the recommendation, in the order given. */
  answering: R[];
  counts: Record<Rag, number>;
  /**
   * The roll-up: the worst RAG of the answering actions, except that it is Blue (complete) only when a Blue
   * action answers the recommendation in full; answered only in part, it is at best Green.
   */
  worstRag: Rag | null;
  blueCount: number;
  /** Every answering action answers it only in part: the recommendation is not complete on them alone. */
  inPartOnly: boolean;
  /** No action answers it: a gap in the plan. */
  noLiveAction: boolean;
  /** Every answering action is Blue, yet none has accepted evidence of impact. */
  allBlueNoImpactEvidence: boolean;
}

/** How the actions answering one recommendation stand: the roll-up and its coverage warnings. */
export function coverageOf<
  R extends Pick<RatedAction, 'rag' | 'recommendationIds' | 'acceptedImpactEvidence' | 'inPartOf'>,
>(recommendationId: number, rows: readonly R[]): Coverage<R> {
  const answering = rows.filter((r) => r.recommendationIds.includes(recommendationId));
  const rags = answering.map((r) => r.rag);
  const blueCount = rags.filter((r) => r === 'blue').length;
  const inPart = (r: R) => r.inPartOf?.includes(recommendationId) ?? false;
  const inPartOnly = answering.length > 0 && answering.every(inPart);
  const worst = worstRag(rags);
  return {
    answering,
    counts: countRags(answering),
    // All Blue, but no Blue action answers it in full: done what they set out to, not the recommendation.
    worstRag: worst === 'blue' && inPartOnly ? 'green' : worst,
    blueCount,
    inPartOnly,
    noLiveAction: answering.length === 0,
    allBlueNoImpactEvidence:
      answering.length > 0 &&
      blueCount === answering.length &&
      answering.every((r) => r.acceptedImpactEvidence === 0),
  };
}

export interface Changes<R> {
  /** Overdue now, and not at the previous meeting. */
  newlyOverdue: R[];
  /** Blue now, and not at the previous meeting. */
  newlyComplete: R[];
  worsened: R[];
  improved: R[];
}

/** What changed since the previous meeting; `wasOverdue` says whether an action was overdue there. */
export function changesSincePrevious<
  R extends Omit<RatedAction, 'recommendationIds' | 'acceptedImpactEvidence'>,
>(rows: readonly R[], wasOverdue: (actionId: number) => boolean): Changes<R> {
  return {
    newlyOverdue: rows.filter((r) => r.overdue && !wasOverdue(r.actionId)),
    newlyComplete: rows.filter((r) => r.rag === 'blue' && r.previousRag !== 'blue'),
    worsened: rows.filter((r) => r.movement === 'worsened'),
    improved: rows.filter((r) => r.movement === 'improved'),
  };
}
