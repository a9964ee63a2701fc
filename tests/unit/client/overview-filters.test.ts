import { describe, expect, it } from 'vitest';
import {
  hasOverviewFilters,
  overviewFiltersToQuery,
  parseOverviewFilters,
  toOverviewQuery,
} from '../../../client/src/lib/overview-filters';

describe('the overview’s filters in the URL', () => {
  it('reads theme, lead, recommendation and order', () => {
    const filters = parseOverviewFilters({ theme: '2', lead: '7', recommendation: '11', sort: 'plan' });
    expect(filters).toEqual({ theme: 2, lead: 7, recommendation: 11, sort: 'plan' });
    expect(hasOverviewFilters(filters)).toBe(true);
    expect(toOverviewQuery(filters)).toEqual({ theme: 2, lead: 7, recommendation: 11, sort: 'plan' });
  });

  it('puts the most overdue first unless asked otherwise, and drops what the API would refuse', () => {
    const filters = parseOverviewFilters({ theme: 'x', lead: '0', sort: 'random' });
    expect(filters).toEqual({ sort: 'days_overdue' });
    expect(hasOverviewFilters(filters)).toBe(false);
    expect(toOverviewQuery(filters)).toEqual({ sort: 'days_overdue' });
  });

  it('writes back only what is set, the default order left implicit', () => {
    expect(overviewFiltersToQuery({ sort: 'days_overdue' })).toEqual({});
    expect(overviewFiltersToQuery({ sort: 'plan', lead: 3 })).toEqual({ lead: '3', sort: 'plan' });
  });
});
