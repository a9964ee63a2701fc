import { describe, expect, it } from 'vitest';
import {
  ACTIONS_PAGE_SIZE,
  hasActiveFilters,
  parsePlanFilters,
  planFiltersToQuery,
  toActionListQuery,
} from '../../../client/src/lib/plan-filters';

describe('plan filters in the URL', () => {
  it('reads the filters a GET form put in the query', () => {
    const filters = parsePlanFilters({
      theme: '2',
      lead: '7',
      rag: 'red',
      flag: 'overdue',
      q: ' MASH ',
      page: '3',
    });
    expect(filters).toEqual({ theme: 2, lead: 7, rag: 'red', flag: 'overdue', q: 'MASH', page: 3 });
    expect(hasActiveFilters(filters)).toBe(true);
  });

  it('drops what the API would refuse', () => {
    const filters = parsePlanFilters({
      theme: 'x',
      lead: '-1',
      rag: 'purple',
      flag: 'late',
      page: '0',
      q: '   ',
    });
    expect(filters).toEqual({ page: 1 });
    expect(hasActiveFilters(filters)).toBe(false);
  });

  it('writes back only what is set, with page 1 implicit', () => {
    expect(planFiltersToQuery({ page: 1 })).toEqual({});
    expect(planFiltersToQuery({ page: 2, rag: 'amber', theme: 4 })).toEqual({
      page: '2',
      rag: 'amber',
      theme: '4',
    });
  });

  it('asks the API for 100 actions a page', () => {
    expect(toActionListQuery({ page: 2, flag: 'no_update' })).toEqual({
      page: 2,
      pageSize: ACTIONS_PAGE_SIZE,
      flag: 'no_update',
    });
    expect(ACTIONS_PAGE_SIZE).toBe(100);
  });
});
