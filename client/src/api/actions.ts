import type { ActionDetail, ActionListQuery, ActionPage } from '@ipt/shared/schemas';
import { request, http } from './http';

export interface ActionWithEtag {
  action: ActionDetail;
  /** Send back as If-Match when changing the action. */
  etag: string | null;
}

export const actionsApi = {
  list: (planId: number, query: ActionListQuery, signal?: AbortSignal) =>
    http.get<ActionPage>(`/plans/${planId}/actions`, { query: { ...query }, signal }),

  async get(id: number, signal?: AbortSignal): Promise<ActionWithEtag> {
    const response = await request<ActionDetail>('GET', `/actions/${id}`, { signal });
    return { action: response.data, etag: response.etag };
  },
};
