import type { PageOf, Recommendation } from '@ipt/shared/schemas';
import { http } from './http';

const PAGE_SIZE = 200;

export const recommendationsApi = {
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
};
