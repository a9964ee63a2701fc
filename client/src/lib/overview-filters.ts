/**
 * The chair's overview filters live in the URL query (a GET form), like the plan's: theme, lead,
 * recommendation, and the order of the lists (most overdue first, or the plan's order).
 */
import type { OverviewQuery } from '@ipt/shared/schemas';

export type OverviewSort = 'days_overdue' | 'plan';

export interface OverviewFilters {
  theme?: number;
  lead?: number;
  recommendation?: number;
  /** Most overdue first unless the plan's order is asked for. */
  sort: OverviewSort;
}

type RawQuery = Record<string, string | null | (string | null)[] | undefined>;

function first(value: RawQuery[string]): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : undefined;
}

function positiveInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,10}$/.test(value.trim())) return undefined;
  const n = Number(value.trim());
  return n >= 1 && n <= 2147483647 ? n : undefined;
}

export function parseOverviewFilters(query: RawQuery): OverviewFilters {
  const filters: OverviewFilters = { sort: first(query.sort) === 'plan' ? 'plan' : 'days_overdue' };
  const theme = positiveInt(first(query.theme));
  if (theme) filters.theme = theme;
  const lead = positiveInt(first(query.lead));
  if (lead) filters.lead = lead;
  const recommendation = positiveInt(first(query.recommendation));
  if (recommendation) filters.recommendation = recommendation;
  return filters;
}

/** The route query: empty values left out, the default order left implicit. */
export function overviewFiltersToQuery(filters: OverviewFilters): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.theme) query.theme = String(filters.theme);
  if (filters.lead) query.lead = String(filters.lead);
  if (filters.recommendation) query.recommendation = String(filters.recommendation);
  if (filters.sort === 'plan') query.sort = 'plan';
  return query;
}

export function hasOverviewFilters(filters: OverviewFilters): boolean {
  return Boolean(filters.theme || filters.lead || filters.recommendation);
}

export function toOverviewQuery(filters: OverviewFilters): OverviewQuery {
  const query: OverviewQuery = { sort: filters.sort };
  if (filters.theme) query.theme = filters.theme;
  if (filters.lead) query.lead = filters.lead;
  if (filters.recommendation) query.recommendation = filters.recommendation;
  return query;
}
