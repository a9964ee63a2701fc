import type { ChairOverview, OverviewQuery } from '@ipt/shared/schemas';
import { http } from './http';

export const overviewApi = {
  /** The chair's overview of a plan now: counts by RAG, and what needs the board. */
  get: (planId: number, query: OverviewQuery, signal?: AbortSignal) =>
    http.get<ChairOverview>(`/plans/${planId}/overview`, { query: { ...query }, signal }),
};
