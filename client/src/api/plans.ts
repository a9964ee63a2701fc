import type {
  ActionDetail,
  CreateActionBody,
  CreatePlanBody,
  CreateRecommendationBody,
  CreateSourceBody,
  CreateThemeBody,
  PageOf,
  Plan,
  PlanPreference,
  Recommendation,
  Source,
  Theme,
  TimeframeCheck,
  UpdateActionBody,
  UpdatePlanBody,
  UpdateRecommendationBody,
  UpdateSourceBody,
} from '@ipt/shared/schemas';
import { http } from './http';

/** The ETag the API gives a versioned record of a plan's set-up: lists carry the version, not the header. */
export function etagOf(
  kind: 'plan' | 'theme' | 'area' | 'source' | 'recommendation' | 'action',
  record: {
    id: number;
    version: number;
  },
): string {
  return `"${kind}${record.id}-v${record.version}"`;
}

const reason = (text: string) => ({ reason: text });

export const plansApi = {
  list: (query: { page?: number; pageSize?: number; includeArchived?: boolean } = {}) =>
    http.get<PageOf<Plan>>('/plans', { query: { pageSize: 200, ...query } }),
  get: (id: number) => http.get<Plan>(`/plans/${id}`),
  themes: (id: number) => http.get<Theme[]>(`/plans/${id}/themes`),

  /** The plan the signed-in person last chose with the switcher. */
  preference: () => http.get<PlanPreference>('/me/plan'),
  remember: (planId: number | null) => http.put<PlanPreference>('/me/plan', { planId }),

  create: (body: CreatePlanBody) => http.post<Plan>('/plans', body),
  update: (plan: Plan, body: UpdatePlanBody) =>
    http.patch<Plan>(`/plans/${plan.id}`, body, { ifMatch: etagOf('plan', plan) }),
  archive: (plan: Plan, why: string) =>
    http.post<Plan>(`/plans/${plan.id}/archive`, reason(why), { ifMatch: etagOf('plan', plan) }),

  addTheme: (planId: number, body: CreateThemeBody) => http.post<Theme[]>(`/plans/${planId}/themes`, body),
  addArea: (themeId: number, body: CreateThemeBody) => http.post<Theme[]>(`/themes/${themeId}/areas`, body),
  renameTheme: (theme: Theme, title: string) =>
    http.patch<Theme[]>(`/themes/${theme.id}`, { title }, { ifMatch: etagOf('theme', theme) }),
  archiveTheme: (theme: Theme, why: string) =>
    http.post<Theme[]>(`/themes/${theme.id}/archive`, reason(why), { ifMatch: etagOf('theme', theme) }),
  renameArea: (area: { id: number; version: number }, title: string) =>
    http.patch<Theme[]>(`/areas/${area.id}`, { title }, { ifMatch: etagOf('area', area) }),
  archiveArea: (area: { id: number; version: number }, why: string) =>
    http.post<Theme[]>(`/areas/${area.id}/archive`, reason(why), { ifMatch: etagOf('area', area) }),
  orderThemes: (plan: Plan, themeIds: number[]) =>
    http.put<Theme[]>(`/plans/${plan.id}/theme-order`, { themeIds }, { ifMatch: etagOf('plan', plan) }),
  orderAreas: (theme: Theme, areaIds: number[]) =>
    http.put<Theme[]>(`/themes/${theme.id}/area-order`, { areaIds }, { ifMatch: etagOf('theme', theme) }),

  sources: (planId: number) => http.get<PageOf<Source>>('/sources', { query: { planId, pageSize: 200 } }),
  addSource: (body: CreateSourceBody) => http.post<Source>('/sources', body),
  source: (id: number) => http.get<Source>(`/sources/${id}`),
  updateSource: (source: Source, body: UpdateSourceBody) =>
    http.patch<Source>(`/sources/${source.id}`, body, { ifMatch: etagOf('source', source) }),
  archiveSource: (source: Source, why: string) =>
    http.post<Source>(`/sources/${source.id}/archive`, reason(why), { ifMatch: etagOf('source', source) }),
  addRecommendation: (body: CreateRecommendationBody) => http.post<Recommendation>('/recommendations', body),
  recommendation: (id: number) => http.get<Recommendation>(`/recommendations/${id}`),
  updateRecommendation: (rec: Recommendation, body: UpdateRecommendationBody) =>
    http.patch<Recommendation>(`/recommendations/${rec.id}`, body, {
      ifMatch: etagOf('recommendation', rec),
    }),
  orderRecommendations: (source: Source, recommendationIds: number[]) =>
    http.put<Recommendation[]>(
      `/sources/${source.id}/recommendation-order`,
      { recommendationIds },
      { ifMatch: etagOf('source', source) },
    ),
  archiveRecommendation: (rec: Recommendation, why: string) =>
    http.post<Recommendation>(`/recommendations/${rec.id}/archive`, reason(why), {
      ifMatch: etagOf('recommendation', rec),
    }),

  addAction: (planId: number, body: CreateActionBody) =>
    http.post<ActionDetail>(`/plans/${planId}/actions`, body),
  updateAction: (action: { id: number; version: number }, body: UpdateActionBody) =>
    http.patch<ActionDetail>(`/actions/${action.id}`, body, { ifMatch: etagOf('action', action) }),
  archiveAction: (action: { id: number; version: number }, why: string) =>
    http.post<ActionDetail>(`/actions/${action.id}/archive`, reason(why), {
      ifMatch: etagOf('action', action),
    }),

  /** What the timeframe parser reads from a text, as the person types it. */
  checkTimeframe: (text: string, planId: number | undefined, signal?: AbortSignal) =>
    http.get<TimeframeCheck>('/timeframes/check', { query: { text, planId }, signal }),
};
