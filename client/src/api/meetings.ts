import type {
  AgreedRagBody,
  CreateMeetingBody,
  Meeting,
  MeetingComparison,
  MeetingView,
  RagHistory,
} from '@ipt/shared/schemas';
import { http } from './http';

export const meetingsApi = {
  /** The board meetings of a plan, in time order. */
  list: (planId: number, signal?: AbortSignal) => http.list<Meeting>(`/plans/${planId}/meetings`, { signal }),

  schedule: (planId: number, body: CreateMeetingBody) =>
    http.post<Meeting>(`/plans/${planId}/meetings`, body),

  /** A meeting: frozen as it recorded when locked, computed as of its papers cut-off while scheduled. */
  get: (id: number, signal?: AbortSignal) => http.get<MeetingView>(`/meetings/${id}`, { signal }),

  /** Freezes what every action reported; the API refuses (409) until the meeting can be locked. */
  lock: (id: number) => http.post<MeetingView>(`/meetings/${id}/lock`),

  recordAgreedRag: (id: number, actionId: number, body: AgreedRagBody) =>
    http.post<MeetingView>(`/meetings/${id}/actions/${actionId}/agreed-rag`, body),

  /** Each action's RAG at both meetings; movement is read from `fromId` to `toId`. */
  compare: (fromId: number, toId: number, signal?: AbortSignal) =>
    http.get<MeetingComparison>(`/meetings/${fromId}/compare/${toId}`, { signal }),

  /** Actions down, meetings across. */
  history: (planId: number, signal?: AbortSignal) =>
    http.get<RagHistory>(`/plans/${planId}/rag-history`, { signal }),
};
