import type {
  ImportReturnBody,
  ImportReturnResult,
  Indicator,
  LinkedIndicator,
  RecordValuesBody,
  RecordValuesResult,
  Scorecard,
} from '@ipt/shared/schemas';
import { http } from './http';

export const indicatorsApi = {
  /** The plan's live indicators with their targets, comparators, links and every value recorded. */
  list: (planId: number, signal?: AbortSignal) =>
    http.list<Indicator>(`/plans/${planId}/indicators`, { signal }),

  get: (id: number, signal?: AbortSignal) => http.get<Indicator>(`/indicators/${id}`, { signal }),

  /** The plan's scorecard now, with movement since the latest meeting whose papers have gone out. */
  scorecard: (planId: number, signal?: AbortSignal) =>
    http.get<Scorecard>(`/plans/${planId}/scorecard`, { signal }),

  /** A meeting's scorecard: frozen once the meeting is locked. */
  meetingScorecard: (meetingId: number, signal?: AbortSignal) =>
    http.get<Scorecard>(`/meetings/${meetingId}/scorecard`, { signal }),

  /** A period's values for several indicators at once: all or none. */
  recordValues: (planId: number, body: RecordValuesBody) =>
    http.post<RecordValuesResult>(`/plans/${planId}/indicators/values`, body),

  importReturn: (planId: number, body: ImportReturnBody) =>
    http.post<ImportReturnResult>(`/plans/${planId}/indicators/import`, body),

  forRecommendation: (recommendationId: number, signal?: AbortSignal) =>
    http.list<LinkedIndicator>(`/recommendations/${recommendationId}/indicators`, { signal }),
};
