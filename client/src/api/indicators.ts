import { etagOf } from '@ipt/shared';
import type {
  ComparatorBody,
  CreateIndicatorBody,
  ImportReturnBody,
  ImportReturnResult,
  Indicator,
  LinkedIndicator,
  RecordValuesBody,
  RecordValuesResult,
  Scorecard,
  TargetBody,
  UpdateIndicatorBody,
} from '@ipt/shared/schemas';
import { http } from './http';

export const indicatorsApi = {
  /** The plan's live indicators with their targets, comparators, links and every value recorded. */
  list: (planId: number, signal?: AbortSignal) =>
    http.get<Indicator[]>(`/plans/${planId}/indicators`, { signal }),

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

  create: (planId: number, body: CreateIndicatorBody) =>
    http.post<Indicator>(`/plans/${planId}/indicators`, body),

  /** Changes an indicator as last read (If-Match: the API answers 412 if someone changed it since). */
  update: (ind: Indicator, body: UpdateIndicatorBody) =>
    http.patch<Indicator>(`/indicators/${ind.id}`, body, {
      ifMatch: etagOf('indicator', ind.id, ind.version),
    }),

  archive: (ind: Indicator, reason: string) =>
    http.post<Indicator>(
      `/indicators/${ind.id}/archive`,
      { reason },
      { ifMatch: etagOf('indicator', ind.id, ind.version) },
    ),

  /** A target from a date; earlier targets are kept for earlier periods. */
  addTarget: (id: number, body: TargetBody) => http.post<Indicator>(`/indicators/${id}/targets`, body),

  addComparator: (id: number, body: ComparatorBody) =>
    http.post<Indicator>(`/indicators/${id}/comparators`, body),

  forRecommendation: (recommendationId: number, signal?: AbortSignal) =>
    http.get<LinkedIndicator[]>(`/recommendations/${recommendationId}/indicators`, { signal }),
};
