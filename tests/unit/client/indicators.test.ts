import { describe, expect, it } from 'vitest';
import type { ScorecardRow } from '@ipt/shared/schemas';
import { groupByTheme, NO_THEME, readFigure, scale, trendSummary } from '../../../client/src/lib/indicators';

function row(id: number, themes: { id: number; title: string }[]): ScorecardRow {
  return { indicatorId: id, themes } as unknown as ScorecardRow;
}

describe('scorecard grouping', () => {
  it('groups by the first theme in plan order, with indicators linked to no action last', () => {
    const practice = { id: 1, title: 'Practice' };
    const people = { id: 3, title: 'People' };
    const groups = groupByTheme(
      [row(1, []), row(2, [people]), row(3, [people, practice]), row(4, [practice])],
      [1, 2, 3],
    );
    expect(groups.map((g) => [g.title, g.rows.map((r) => r.indicatorId)])).toEqual([
      ['Practice', [3, 4]],
      ['People', [2]],
      [NO_THEME, [1]],
    ]);
  });
});

describe('trend lines', () => {
  const p = (periodEnd: string, value: number) => ({
    periodEnd,
    value,
    status: 'validated' as const,
    note: '',
  });
  it('say where the series started and ended and its range', () => {
    expect(
      trendSummary([p('2024-01-31', 30), p('2024-02-29', 39), p('2024-03-31', 31)], 'percent', 'monthly'),
    ).toBe('Trend over 3 periods: from 30% (January 2024) to 31% (March 2024); lowest 30%, highest 39%.');
    expect(trendSummary([], 'percent', 'monthly')).toBe('No values yet.');
  });
  it('draw a flat series at mid-height and higher values nearer the top', () => {
    const flat = scale([5, 5], { width: 100, height: 40, pad: 0 });
    expect(flat.y(5)).toBe(20);
    const s = scale([0, 10], { width: 100, height: 40, pad: 0 });
    expect(s.y(10)).toBeLessThan(s.y(0));
    expect([s.x(0), s.x(1)]).toEqual([0, 100]);
  });
});

describe('readFigure', () => {
  it('reads a figure as typed, with a comma or a per cent sign', () => {
    expect(readFigure(' 85 ', 'the target', true)).toEqual({ value: 85, problem: null });
    expect(readFigure('12.5%', 'the target', true)).toEqual({ value: 12.5, problem: null });
    expect(readFigure('1,234', 'the target', true)).toEqual({ value: 1234, problem: null });
  });
  it('says what is wrong: empty when required, or not a number', () => {
    expect(readFigure('', 'the target', true)).toEqual({ value: null, problem: 'Enter the target' });
    expect(readFigure('', 'the Amber tolerance', false)).toEqual({ value: null, problem: null });
    expect(readFigure('ninety', 'the target', false)).toEqual({
      value: null,
      problem: 'The target must be a number, like 85 or 12.5',
    });
  });
});
