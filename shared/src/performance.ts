/**
 * The Performance section of a progress summary as lines: each indicator's baseline, previous, latest (with
 * periods), target, comparators, direction, RAG and note, grouped as council reports group them — improved,
 * no significant change, deteriorated (and context only). The export preview and every file format read
 * these same lines, so they cannot disagree.
 */
import {
  COMPARATOR_KIND_LABELS,
  formatIndicatorValue,
  movementWords,
  pointWords,
  TRAVEL_LABELS,
  type IndicatorRag,
  type Travel,
} from './indicators.js';
import type { ScorecardRow } from './schemas/indicators.js';

export interface PerformanceLine {
  indicator: string;
  baseline: string;
  previous: string;
  latest: string;
  target: string;
  comparators: string;
  direction: string;
  rag: IndicatorRag | null;
  note: string;
}

const GROUPS: Travel[] = ['improved', 'no_significant_change', 'deteriorated', 'not_judged'];

/** Since the last meeting when there was one, otherwise since the baseline. */
export function performanceTravel(r: ScorecardRow): Travel {
  return (
    (r.sincePrevious ?? r.sinceBaseline)?.travel ??
    (r.polarity === 'context_only' ? 'not_judged' : 'no_significant_change')
  );
}

export function performanceLine(r: ScorecardRow): PerformanceLine {
  const point = (p: ScorecardRow['latest']) => (p ? pointWords(p, r.unit, r.frequency) : 'None');
  const m = r.sincePrevious ?? r.sinceBaseline;
  return {
    indicator: r.name,
    baseline: point(r.baseline),
    previous: point(r.previous),
    latest: point(r.latest),
    target: r.target
      ? `${formatIndicatorValue(r.target.value, r.unit)} (Amber within ${formatIndicatorValue(r.target.tolerance, r.unit)})`
      : r.polarity === 'context_only'
        ? 'Context only'
        : 'None',
    comparators: r.comparators
      .map(
        (c) =>
          `${COMPARATOR_KIND_LABELS[c.kind]} ${formatIndicatorValue(c.value, r.unit)} (${c.periodLabel})`,
      )
      .join('; '),
    direction: m
      ? `${movementWords(m, r.unit, r.frequency)}${r.sincePrevious ? '' : ' (since the baseline)'}`
      : 'No earlier value',
    rag: r.rag,
    note: r.latest?.note ?? '',
  };
}

export interface PerformanceGroup<T> {
  travel: Travel;
  title: string;
  items: T[];
}

/** The rows by group, in the order reports give them; empty groups left out. */
export function groupPerformance<T extends ScorecardRow>(rows: readonly T[]): PerformanceGroup<T>[] {
  return GROUPS.flatMap((g) => {
    const items = rows.filter((r) => performanceTravel(r) === g);
    return items.length ? [{ travel: g, title: TRAVEL_LABELS[g], items }] : [];
  });
}

/** The indicators' lines by group, in the order reports give them; empty groups left out. */
export function performanceGroups(
  rows: readonly ScorecardRow[],
): { title: string; lines: PerformanceLine[] }[] {
  return groupPerformance(rows).map((g) => ({ title: g.title, lines: g.items.map(performanceLine) }));
}

const INDICATOR_RAG_WORDS: Record<IndicatorRag, string> = { green: 'Green', amber: 'Amber', red: 'Red' };

export function indicatorRagWords(rag: IndicatorRag | null): string {
  return rag ? INDICATOR_RAG_WORDS[rag] : 'None';
}
