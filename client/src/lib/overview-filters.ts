/**
 * The chair's overview filters live in the URL query (a GET form), like the plan's: theme, lead,
 * recommendation, and the order of the lists (most overdue first, or the plan's order).
 */
import type { OverviewQuery } from '@ipt/shared/schemas';
import { first, hasScope, parseScope, pickScope, scopeToQuery, type RawQuery, type Scope } from './query';

export type OverviewSort = 'days_overdue' | 'plan';

export interface OverviewFilters extends Scope {
  /** Most overdue first unless the plan's order is asked for. */
  sort: OverviewSort;
}

export function parseOverviewFilters(query: RawQuery): OverviewFilters {
  return { sort: first(query.sort) === 'plan' ? 'plan' : 'days_overdue', ...parseScope(query) };
}

/** The route query: empty values left out, the default order left implicit. */
export function overviewFiltersToQuery(filters: OverviewFilters): Record<string, string> {
  const query = scopeToQuery(filters);
  if (filters.sort === 'plan') query.sort = 'plan';
  return query;
}

export function hasOverviewFilters(filters: OverviewFilters): boolean {
  return hasScope(filters);
}

export function toOverviewQuery(filters: OverviewFilters): OverviewQuery {
  return { sort: filters.sort, ...pickScope(filters) };
}
