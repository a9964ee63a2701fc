/** How the scorecard groups and words its rows. */
import { formatIndicatorValue, formatPeriod, type Frequency, type IndicatorUnit } from '@ipt/shared';
import type { ScorecardPoint, ScorecardRow } from '@ipt/shared/schemas';

export const NO_THEME = 'Not linked to a theme';

export interface ScorecardGroup {
  key: string;
  title: string;
  rows: ScorecardRow[];
}

/**
 * Rows grouped by the theme of their linked actions (the first, in the plan's order, when they span several),
 * in the plan's theme order, with the indicators linked to no action last.
 */
export function groupByTheme(rows: readonly ScorecardRow[], themeOrder: readonly number[]): ScorecardGroup[] {
  const rank = (id: number) => {
    const i = themeOrder.indexOf(id);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const groups = new Map<string, ScorecardGroup & { rank: number }>();
  for (const row of rows) {
    const theme = [...row.themes].sort((a, b) => rank(a.id) - rank(b.id))[0];
    const key = theme ? `theme-${theme.id}` : 'none';
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        title: theme ? theme.title : NO_THEME,
        rows: [],
        rank: theme ? rank(theme.id) : Number.MAX_SAFE_INTEGER + 1,
      };
      groups.set(key, g);
    }
    g.rows.push(row);
  }
  return [...groups.values()]
    .sort((a, b) => a.rank - b.rank)
    .map(({ key, title, rows: r }) => ({ key, title, rows: r }));
}

/** A trend line's text alternative: where it started and ended, and its range. */
export function trendSummary(
  points: readonly ScorecardPoint[],
  unit: IndicatorUnit,
  frequency: Frequency,
): string {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return 'No values yet.';
  if (points.length === 1)
    return `One value: ${formatIndicatorValue(last.value, unit)} (${formatPeriod(last.periodEnd, frequency)}).`;
  const values = points.map((p) => p.value);
  return `Trend over ${points.length} periods: from ${formatIndicatorValue(first.value, unit)} (${formatPeriod(first.periodEnd, frequency)}) to ${formatIndicatorValue(last.value, unit)} (${formatPeriod(last.periodEnd, frequency)}); lowest ${formatIndicatorValue(Math.min(...values), unit)}, highest ${formatIndicatorValue(Math.max(...values), unit)}.`;
}

/** Screen coordinates for a series in a box, y growing downwards; a flat series sits mid-height. */
export function scale(
  values: readonly number[],
  box: { width: number; height: number; pad: number },
  range?: { min: number; max: number },
): { x: (i: number) => number; y: (v: number) => number } {
  const min = range?.min ?? Math.min(...values);
  const max = range?.max ?? Math.max(...values);
  const span = max - min;
  const n = Math.max(1, values.length - 1);
  return {
    x: (i) => box.pad + (i / n) * (box.width - 2 * box.pad),
    y: (v) => (span === 0 ? box.height / 2 : box.pad + (1 - (v - min) / span) * (box.height - 2 * box.pad)),
  };
}

/**
 * A figure typed into a form (`85`, `12.5%`, `1,234`): the number, or why not — `what` names it in the
 * message ("the target"). Empty is `null` with no problem unless `required`.
 */
export function readFigure(
  text: string,
  what: string,
  required: boolean,
): { value: number | null; problem: string | null } {
  const t = text.trim().replace(/,/g, '').replace(/%$/, '');
  if (t === '') return { value: null, problem: required ? `Enter ${what}` : null };
  const n = Number(t);
  if (!Number.isFinite(n))
    return {
      value: null,
      problem: `${what.charAt(0).toUpperCase()}${what.slice(1)} must be a number, like 85 or 12.5`,
    };
  return { value: n, problem: null };
}
