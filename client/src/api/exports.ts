import type { ExportCsvTable, ExportFormat, ProgressSummary } from '@ipt/shared/schemas';
import { buildUrl, http } from './http';

/** What a progress summary is narrowed to; no meeting means now (live figures). */
export interface ExportChoices {
  meeting?: number;
  theme?: number;
  lead?: number;
  recommendation?: number;
}

function exportQuery(choices: ExportChoices) {
  return {
    meeting: choices.meeting,
    theme: choices.theme,
    lead: choices.lead,
    recommendation: choices.recommendation,
  };
}

export const exportsApi = {
  /** The summary as data, for the on-screen preview. */
  summary: (planId: number, choices: ExportChoices, signal?: AbortSignal) =>
    http.get<ProgressSummary>(`/plans/${planId}/export`, {
      query: { format: 'json', ...exportQuery(choices) },
      signal,
    }),

  /**
   * The address of the summary as a file. Used as a plain download link, so the browser fetches it with
   * the session cookie and saves the attachment itself.
   */
  fileUrl: (
    planId: number,
    format: Exclude<ExportFormat, 'json'>,
    choices: ExportChoices,
    table?: ExportCsvTable,
  ) => buildUrl(`/plans/${planId}/export`, { format, ...exportQuery(choices), table }),
};
