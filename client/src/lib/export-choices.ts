/**
 * The export page's choices live in the URL query, like the plan's filters: a chosen summary can be
 * bookmarked, reloaded and sent to a colleague. `meeting=now` asks for live figures; with no meeting in
 * the query the page takes the latest locked meeting (what the adviser reports on after a board).
 */
import type { Role } from '@ipt/shared';
import type { Meeting } from '@ipt/shared/schemas';
import type { ExportChoices } from '../api/exports';
import { first, parseScope, pickScope, positiveInt, scopeToQuery, type RawQuery, type Scope } from './query';

/** Who may export progress summaries (the API refuses leads). */
export const EXPORT_ROLES: readonly Role[] = ['admin', 'chair', 'adviser', 'viewer'];

export type MeetingChoice = number | 'now';

export interface ExportPageChoices extends Scope {
  /** Undefined: not chosen yet (the page uses the latest locked meeting). */
  meeting?: MeetingChoice;
}

export function parseExportQuery(query: RawQuery): ExportPageChoices {
  const choices: ExportPageChoices = parseScope(query);
  const meeting = first(query.meeting);
  if (meeting === 'now') choices.meeting = 'now';
  else if (positiveInt(meeting)) choices.meeting = positiveInt(meeting);
  return choices;
}

export function exportChoicesToQuery(choices: ExportPageChoices): Record<string, string> {
  const query = scopeToQuery(choices);
  if (choices.meeting !== undefined) query.meeting = String(choices.meeting);
  return query;
}

/** Locked meetings, latest first: the ones a summary can be "as at". */
export function lockedMeetings(meetings: readonly Meeting[]): Meeting[] {
  return meetings.filter((m) => m.status === 'locked').reverse();
}

/** The meeting the page shows: the one chosen if it is a locked meeting of the plan, else the latest. */
export function resolveMeeting(
  chosen: MeetingChoice | undefined,
  meetings: readonly Meeting[],
): MeetingChoice {
  const locked = lockedMeetings(meetings);
  if (chosen === 'now') return 'now';
  if (chosen !== undefined && locked.some((m) => m.id === chosen)) return chosen;
  return locked[0]?.id ?? 'now';
}

/** What the API is asked for: no meeting for live figures. */
export function toApiChoices(meeting: MeetingChoice, choices: ExportPageChoices): ExportChoices {
  const result: ExportChoices = pickScope(choices);
  if (meeting !== 'now') result.meeting = meeting;
  return result;
}
