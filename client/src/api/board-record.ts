import { etagOf } from '@ipt/shared';
import type {
  BoardItemBody,
  CloseBoardActionBody,
  CreateRiskBody,
  BoardRecord,
  RiskDetail,
  RiskReviewBody,
  UpdateRiskBody,
  WithdrawBoardItemBody,
} from '@ipt/shared/schemas';
import { http } from './http';

/** The board's record: a meeting's narrative, risks, decisions and board actions; the risk register. */
export const boardRecordApi = {
  record: (meetingId: number, signal?: AbortSignal) =>
    http.get<BoardRecord>(`/meetings/${meetingId}/record`, { signal }),

  /** The executive summary (themeId null) or a theme's narrative; `version` is the one last read (0 if new). */
  writeNarrative: (meetingId: number, themeId: number | null, version: number, text: string) =>
    themeId === null
      ? http.put<BoardRecord>(
          `/meetings/${meetingId}/narrative/summary`,
          { text },
          {
            ifMatch: etagOf('summary', meetingId, version),
          },
        )
      : http.put<BoardRecord>(
          `/meetings/${meetingId}/narrative/themes/${themeId}`,
          { text },
          {
            ifMatch: etagOf('themenarrative', themeId, version),
          },
        ),

  recordItem: (meetingId: number, body: BoardItemBody) =>
    http.post<BoardRecord>(`/meetings/${meetingId}/board-items`, body),

  closeAction: (id: number, version: number, body: CloseBoardActionBody) =>
    http.post<BoardRecord>(`/board-actions/${id}/close`, body, {
      ifMatch: etagOf('boardaction', id, version),
    }),

  /** A decision or board action recorded in error: kept, marked withdrawn with the reason. */
  withdrawItem: (id: number, version: number, body: WithdrawBoardItemBody) =>
    http.post<BoardRecord>(`/board-items/${id}/withdraw`, body, {
      ifMatch: etagOf('boarditem', id, version),
    }),

  risks: (planId: number, signal?: AbortSignal) =>
    http.list<RiskDetail>(`/plans/${planId}/risks`, { signal }),

  risk: (id: number, signal?: AbortSignal) => http.get<RiskDetail>(`/risks/${id}`, { signal }),

  createRisk: (planId: number, body: CreateRiskBody) => http.post<RiskDetail>(`/plans/${planId}/risks`, body),

  updateRisk: (id: number, version: number, body: UpdateRiskBody) =>
    http.patch<RiskDetail>(`/risks/${id}`, body, { ifMatch: etagOf('risk', id, version) }),

  reviewRisk: (id: number, version: number, body: RiskReviewBody) =>
    http.post<RiskDetail>(`/risks/${id}/reviews`, body, { ifMatch: etagOf('risk', id, version) }),
};
