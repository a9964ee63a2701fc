/**
 * The export page's choices live in the URL query, like the plan's filters: a chosen summary can be
 * bookmarked, reloaded and sent to a colleague. `meeting=now` asks for live figures; with no meeting in
 * the query the page takes the latest locked meeting (what the adviser reports on after a board).
 */
import type { Role } from '@ipt/shared';
import type { Meeting } from '@ipt/shared/schemas';
import type { ExportChoices } from '../api/exports';

/** Who may export progress summaries (the API refuses leads). */
export const EXPORT_ROLES: readonly Role[] = ['admin', 'chair', 'adviser', 'viewer'];

export type MeetingChoice = number | 'now';

export interface ExportPageChoices {
  /** Undefined: not chosen yet (the page uses the latest locked meeting). */
  meeting?: MeetingChoice;
  theme?: number;
  lead?: number;
  recommendation?: number;
}

type RawQuery = Record<string, string | null | (string | null)[] | undefined>;

function first(value: RawQuery[string]): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : undefined;
}

function id(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,10}$/.test(value.trim())) return undefined;
  const n = Number(value.trim());
  return n >= 1 && n <= 2147483647 ? n : undefined;
}

export function parseExportQuery(query: RawQuery): ExportPageChoices {
  const choices: ExportPageChoices = {};
  const meeting = first(query.meeting);
  if (meeting === 'now') choices.meeting = 'now';
  else if (id(meeting)) choices.meeting = id(meeting);
  const theme = id(first(query.theme));
  if (theme) choices.theme = theme;
  const lead = id(first(query.lead));
  if (lead) choices.lead = lead;
  const recommendation = id(first(query.recommendation));
  if (recommendation) choices.recommendation = recommendation;
  return choices;
}

export function exportChoicesToQuery(choices: ExportPageChoices): Record<string, string> {
  const query: Record<string, string> = {};
  if (choices.meeting !== undefined) query.meeting = String(choices.meeting);
  if (choices.theme) query.theme = String(choices.theme);
  if (choices.lead) query.lead = String(choices.lead);
  if (choices.recommendation) query.recommendation = String(choices.recommendation);
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
  const result: ExportChoices = {};
  if (meeting !== 'now') result.meeting = meeting;
  if (choices.theme) result.theme = choices.theme;
  if (choices.lead) result.lead = choices.lead;
  if (choices.recommendation) result.recommendation = choices.recommendation;
  return result;
}
