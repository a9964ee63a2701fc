import type { PageOf, Recommendation, RecommendationRollup, Source } from '@ipt/shared/schemas';
import { http } from './http';

const PAGE_SIZE = 200;

export const recommendationsApi = {
  /** The sources (inspection reports, directions, reviews) recommendations come from. */
  sources: (planId: number) =>
    http.get<PageOf<Source>>('/sources', { query: { planId, pageSize: PAGE_SIZE } }),
  source: (id: number) => http.get<Source>(`/sources/${id}`),

  list: (query: { planId?: number; sourceId?: number; page?: number; pageSize?: number }) =>
    http.get<PageOf<Recommendation>>('/recommendations', { query }),

  /** Every recommendation for a plan, reading further pages when there are more than fit on one. */
  async listAll(planId: number): Promise<Recommendation[]> {
    const items: Recommendation[] = [];
    for (let page = 1; ; page += 1) {
      const result = await recommendationsApi.list({ planId, page, pageSize: PAGE_SIZE });
      items.push(...result.items);
      if (result.items.length === 0 || items.length >= result.total) return items;
    }
  },

  /** Progress against each recommendation as of a meeting, or now when no meeting is given. */
  rollup: (planId: number, meetingId?: number, signal?: AbortSignal) =>
    http.list<RecommendationRollup>(`/plans/${planId}/recommendation-rollup`, {
      query: { meeting: meetingId },
      signal,
    }),
};
