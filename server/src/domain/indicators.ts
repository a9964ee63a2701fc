/**
 * The rules of performance indicators, as pure functions: which value stands for each period at a moment,
 * the target in force, the RAG against it, whether a movement is significant and which way it went, and
 * the peak and trough since the baseline. See docs/decisions/performance-indicators.md.
 */
import type { IndicatorRag, IndicatorUnit, Polarity, ThresholdKind, Travel, ValueStatus } from '@ipt/shared';

/** One recorded value: a correction is a later row for the same period. */
export interface RecordedValue {
  id: number;
  periodEnd: string;
  value: number;
  status: ValueStatus;
  note: string;
  recordedAt: string;
}

/** The value that stands for a period. */
export interface Point {
  periodEnd: string;
  value: number;
  status: ValueStatus;
  note: string;
}

export interface Target {
  value: number;
  /** How far short of the target (in the indicator's units) is still Amber rather than Red. */
  tolerance: number;
  /** The first date (a period's last day) the target applies to. */
  effectiveFrom: string;
}

export interface Threshold {
  kind: ThresholdKind;
  amount: number;
}

export interface Movement {
  from: Point;
  to: Point;
  /** to − from, in the indicator's units. */
  change: number;
  significant: boolean;
  travel: Travel;
}

/** Floating-point noise (0.1 + 0.2) must not make a movement of exactly the threshold fall short of it. */
const EPSILON = 1e-9;

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/**
 * The series as it stood at `asOf`: for each period, the latest value recorded at or before `asOf`
 * (corrections recorded later do not count), oldest period first.
 */
export function seriesAsOf(values: readonly RecordedValue[], asOf: string): Point[] {
  const byPeriod = new Map<string, RecordedValue>();
  for (const v of values) {
    if (v.recordedAt > asOf) continue;
    const held = byPeriod.get(v.periodEnd);
    if (!held || v.recordedAt > held.recordedAt || (v.recordedAt === held.recordedAt && v.id > held.id)) {
      byPeriod.set(v.periodEnd, v);
    }
  }
  return [...byPeriod.values()]
    .sort((a, b) => (a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : 0))
    .map(({ periodEnd, value, status, note }) => ({ periodEnd, value, status, note }));
}

/**
 * The target in force for a period ending on `date`: the one with the latest `effectiveFrom` on or before
 * it; of two from the same date, the later in the list (the one set later).
 */
export function targetInForce<T extends Target>(targets: readonly T[], date: string): T | null {
  let best: T | null = null;
  for (const t of targets)
    if (t.effectiveFrom <= date && (!best || t.effectiveFrom >= best.effectiveFrom)) best = t;
  return best;
}

/**
 * Green at or beyond the target, Amber short of it by no more than the tolerance, Red further short. No RAG
 * for a context-only indicator, or without a target or a value.
 */
export function indicatorRag(
  polarity: Polarity,
  value: number | null,
  target: Pick<Target, 'value' | 'tolerance'> | null,
): IndicatorRag | null {
  if (polarity === 'context_only' || value === null || target === null) return null;
  const shortfall = polarity === 'higher_is_better' ? target.value - value : value - target.value;
  if (shortfall <= EPSILON) return 'green';
  if (shortfall <= Math.abs(target.tolerance) + EPSILON) return 'amber';
  return 'red';
}

/**
 * The default significance threshold: 2 percentage points for a percentage, otherwise a change of 5 per cent
 * of the earlier value. Smaller movements are read as noise in monthly figures.
 */
export function defaultThreshold(unit: IndicatorUnit): Threshold {
  return unit === 'percent' ? { kind: 'points', amount: 2 } : { kind: 'percent', amount: 5 };
}

/** The indicator's own threshold when it has one, else the default for its unit. */
export function thresholdFor(
  unit: IndicatorUnit,
  kind: ThresholdKind | null | undefined,
  amount: number | null | undefined,
): Threshold {
  return kind && amount !== null && amount !== undefined ? { kind, amount } : defaultThreshold(unit);
}

/**
 * Whether a movement from `from` to `to` reaches the threshold: in points, the absolute change; in per
 * cent, the change relative to the earlier value (from zero, any change is significant).
 */
export function isSignificant(from: number, to: number, threshold: Threshold): boolean {
  const change = Math.abs(to - from);
  if (change <= EPSILON) return false;
  if (threshold.kind === 'points') return change + EPSILON >= threshold.amount;
  if (from === 0) return true;
  return (change / Math.abs(from)) * 100 + EPSILON >= threshold.amount;
}

/** Improved, no significant change or deteriorated, given the polarity; context-only is not judged. */
export function travelOf(polarity: Polarity, from: number, to: number, threshold: Threshold): Travel {
  if (polarity === 'context_only') return 'not_judged';
  if (!isSignificant(from, to, threshold)) return 'no_significant_change';
  const up = to > from;
  return up === (polarity === 'higher_is_better') ? 'improved' : 'deteriorated';
}

/** The movement between two points, or null when either is missing. */
export function movementBetween(
  polarity: Polarity,
  from: Point | null,
  to: Point | null,
  threshold: Threshold,
): Movement | null {
  if (!from || !to) return null;
  return {
    from,
    to,
    change: round(to.value - from.value),
    significant: isSignificant(from.value, to.value, threshold),
    travel: travelOf(polarity, from.value, to.value, threshold),
  };
}

/**
 * The highest and the lowest value since the baseline (the series' first period unless `baseline` names a
 * later one). A value reached more than once counts from its first time.
 */
export function peakAndTrough(
  series: readonly Point[],
  baseline?: string | null,
): { peak: Point; trough: Point } | null {
  let peak: Point | null = null;
  let trough: Point | null = null;
  for (const p of series) {
    if (baseline && p.periodEnd < baseline) continue;
    if (!peak || p.value > peak.value) peak = p;
    if (!trough || p.value < trough.value) trough = p;
  }
  return peak && trough ? { peak, trough } : null;
}

export interface IndicatorFacts {
  polarity: Polarity;
  unit: IndicatorUnit;
  threshold: Threshold;
  targets: readonly Target[];
  /** Every value recorded, corrections included. */
  values: readonly RecordedValue[];
}

export interface IndicatorAssessment {
  series: Point[];
  latest: Point | null;
  baseline: Point | null;
  /** What stood at the previous meeting (as it reported it, when the caller has that). */
  previous: Point | null;
  target: Target | null;
  rag: IndicatorRag | null;
  sincePrevious: Movement | null;
  sinceBaseline: Movement | null;
  peak: Point | null;
  trough: Point | null;
  /** From the worst point since the baseline to the latest (the peak when lower is better). */
  sinceWorst: Movement | null;
}

/**
 * An indicator at a moment: the series as it stood then, its latest value against the target in force for
 * that period, and its movement since the previous meeting and since the baseline. `previous` is the point
 * the previous meeting reported; without it, the series as it stood at `previousCutoff` gives it.
 */
export function assessIndicator(
  facts: IndicatorFacts,
  asOf: string,
  options: { previousCutoff?: string | null; previous?: Point | null } = {},
): IndicatorAssessment {
  const series = seriesAsOf(facts.values, asOf);
  const latest = series.at(-1) ?? null;
  const baseline = series[0] ?? null;
  const previous =
    options.previous !== undefined
      ? options.previous
      : options.previousCutoff
        ? (seriesAsOf(facts.values, options.previousCutoff).at(-1) ?? null)
        : null;
  const target = latest ? targetInForce(facts.targets, latest.periodEnd) : null;
  const extremes = peakAndTrough(series);
  const worst =
    extremes && facts.polarity !== 'context_only'
      ? facts.polarity === 'lower_is_better'
        ? extremes.peak
        : extremes.trough
      : null;
  return {
    series,
    latest,
    baseline,
    previous,
    target,
    rag: indicatorRag(facts.polarity, latest?.value ?? null, target),
    sincePrevious: movementBetween(facts.polarity, previous, latest, facts.threshold),
    sinceBaseline: movementBetween(facts.polarity, baseline, latest, facts.threshold),
    peak: extremes?.peak ?? null,
    trough: extremes?.trough ?? null,
    sinceWorst:
      worst && worst !== latest ? movementBetween(facts.polarity, worst, latest, facts.threshold) : null,
  };
}
