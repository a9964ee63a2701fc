import type { PageOf, Plan, Theme } from '@ipt/shared/schemas';
import { http } from './http';

export const plansApi = {
  list: (query: { page?: number; pageSize?: number } = {}) =>
    http.get<PageOf<Plan>>('/plans', { query: { pageSize: 200, ...query } }),
  get: (id: number) => http.get<Plan>(`/plans/${id}`),
  themes: (id: number) => http.get<Theme[]>(`/plans/${id}/themes`),
};
