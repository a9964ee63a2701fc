import type {
  ActionDetail,
  ActionListQuery,
  ActionPage,
  CreateDueDateChangeBody,
  CreateUpdateBody,
  DecisionBody,
  MyActions,
  SignOffBody,
} from '@ipt/shared/schemas';
import { etagOf } from '@ipt/shared';
import { request, http } from './http';

export interface ActionWithEtag {
  action: ActionDetail;
  /** Send back as If-Match when changing the action. */
  etag: string | null;
}

/** The ETag the API gives an action at a version: lists carry the version, not the header. */
export function actionEtag(action: { id: number; version: number }): string {
  return etagOf('action', action.id, action.version);
}

/** A change to an action: sent with If-Match, answered with the action as it now is and its new ETag. */
async function change(path: string, body: unknown, etag: string): Promise<ActionWithEtag> {
  const response = await request<ActionDetail>('POST', path, { body, ifMatch: etag });
  return { action: response.data, etag: response.etag ?? actionEtag(response.data) };
}

export const actionsApi = {
  list: (planId: number, query: ActionListQuery, signal?: AbortSignal) =>
    http.get<ActionPage>(`/plans/${planId}/actions`, { query: { ...query }, signal }),

  async get(id: number, signal?: AbortSignal): Promise<ActionWithEtag> {
    const response = await request<ActionDetail>('GET', `/actions/${id}`, { signal });
    return { action: response.data, etag: response.etag };
  },

  /** The signed-in lead's actions, those needing an update before the next papers deadline first. */
  mine: (signal?: AbortSignal) => http.get<MyActions>('/me/actions', { signal }),

  /** Progress: status, the lead's RAG, commentary. Marking complete is an update with status complete. */
  recordUpdate: (id: number, body: CreateUpdateBody, etag: string) =>
    change(`/actions/${id}/updates`, body, etag),

  /** The lead asks for a new due date; the chair decides. */
  askForDueDate: (id: number, body: CreateDueDateChangeBody, etag: string) =>
    change(`/actions/${id}/due-date-changes`, body, etag),

  decideDueDate: (id: number, changeId: number, body: DecisionBody, etag: string) =>
    change(`/actions/${id}/due-date-changes/${changeId}/decision`, body, etag),

  /** The chair signs off a completed action (Blue) or sends it back with a reason. */
  signOff: (id: number, body: SignOffBody, etag: string) => change(`/actions/${id}/sign-off`, body, etag),
};
