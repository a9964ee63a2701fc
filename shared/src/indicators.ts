/**
 * Performance indicators: the numbers a board reads beside the action plan (units, polarity, frequency,
 * comparators), their labels, and how a period and a value are written.
 */
import { MONTH_NAMES, parseIsoDate } from './dates.js';

export const INDICATOR_UNITS = ['percent', 'number', 'days', 'rate_per_10000'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];
export const INDICATOR_UNIT_LABELS: Record<IndicatorUnit, string> = {
  percent: 'Per cent (%)',
  number: 'Number',
  days: 'Days',
  rate_per_10000: 'Rate per 10,000 children',
};

export const POLARITIES = ['higher_is_better', 'lower_is_better', 'context_only'] as const;
export type Polarity = (typeof POLARITIES)[number];
export const POLARITY_LABELS: Record<Polarity, string> = {
  higher_is_better: 'Higher is better',
  lower_is_better: 'Lower is better',
  context_only: 'Context only (no target judgement)',
};

export const FREQUENCIES = ['monthly', 'quarterly', 'annual'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const FREQUENCY_LABELS: Record<Frequency, string> = {
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  annual: 'Annual',
};

export const COMPARATOR_KINDS = ['statistical_neighbours', 'region', 'england'] as const;
export type ComparatorKind = (typeof COMPARATOR_KINDS)[number];
export const COMPARATOR_KIND_LABELS: Record<ComparatorKind, string> = {
  statistical_neighbours: 'Statistical neighbours',
  region: 'Region',
  england: 'England',
};

export const VALUE_STATUSES = ['provisional', 'validated'] as const;
export type ValueStatus = (typeof VALUE_STATUSES)[number];
export const VALUE_STATUS_LABELS: Record<ValueStatus, string> = {
  provisional: 'Provisional',
  validated: 'Validated',
};

export const THRESHOLD_KINDS = ['points', 'percent'] as const;
export type ThresholdKind = (typeof THRESHOLD_KINDS)[number];

/** How council reports group movement; context-only indicators are not judged. */
export const TRAVELS = ['improved', 'no_significant_change', 'deteriorated', 'not_judged'] as const;
export type Travel = (typeof TRAVELS)[number];
export const TRAVEL_LABELS: Record<Travel, string> = {
  improved: 'Improved',
  no_significant_change: 'No significant change',
  deteriorated: 'Deteriorated',
  not_judged: 'Context only',
};

/** The RAG of an indicator against its target: only these three. */
export const INDICATOR_RAGS = ['green', 'amber', 'red'] as const;
export type IndicatorRag = (typeof INDICATOR_RAGS)[number];

/**
 * A period is named by its last day: `2024-03-31` is March 2024 for a monthly indicator, the quarter to
 * March 2024 for a quarterly one and the year to March 2024 for an annual one.
 */
export function formatPeriod(periodEnd: string, frequency: Frequency = 'monthly'): string {
  const d = parseIsoDate(periodEnd);
  const month = `${MONTH_NAMES[d.month - 1]} ${d.year}`;
  if (frequency === 'quarterly') return `Quarter to ${month}`;
  if (frequency === 'annual') return `Year to ${month}`;
  return month;
}

/** `39%`, `1,234`, `21 days`, `412.5 per 10,000` — at most one decimal place unless the value has more. */
export function formatIndicatorValue(value: number, unit: IndicatorUnit): string {
  const n = value.toLocaleString('en-GB', { maximumFractionDigits: 2 });
  if (unit === 'percent') return `${n}%`;
  if (unit === 'days') return `${n} ${value === 1 ? 'day' : 'days'}`;
  if (unit === 'rate_per_10000') return `${n} per 10,000`;
  return n;
}

/** A change in the indicator's units: `3.5 points` for a percentage, `4 days`, `21`, `1.2 per 10,000`. */
export function formatChange(change: number, unit: IndicatorUnit): string {
  const size = Math.abs(change);
  const n = size.toLocaleString('en-GB', { maximumFractionDigits: 2 });
  if (unit === 'percent') return `${n} ${size === 1 ? 'point' : 'points'}`;
  return formatIndicatorValue(size, unit);
}

export interface MovementLike {
  from: { periodEnd: string; value: number };
  change: number;
  travel: Travel;
}

/** Which way, in words: "up 3.5 points", "down 4 days", "no change". */
export function changeWords(change: number, unit: IndicatorUnit): string {
  if (change === 0) return 'no change';
  return `${change > 0 ? 'up' : 'down'} ${formatChange(change, unit)}`;
}

/**
 * A movement as a report writes it: "Improved: down 8 points from 39% (November 2020)". The word comes
 * first, so the direction never rests on an arrow or a colour.
 */
export function movementWords(
  m: MovementLike,
  unit: IndicatorUnit,
  frequency: Frequency = 'monthly',
): string {
  return `${TRAVEL_LABELS[m.travel]}: ${changeWords(m.change, unit)} from ${formatIndicatorValue(m.from.value, unit)} (${formatPeriod(m.from.periodEnd, frequency)})`;
}

/** A decorative arrow for a change (always shown beside the words, hidden from screen readers). */
export function changeArrow(change: number): string {
  return change > 0 ? '↑' : change < 0 ? '↓' : '→';
}

/** A point as reports write it: "39% (November 2020)", with "provisional" when it is. */
export function pointWords(
  p: { periodEnd: string; value: number; status?: ValueStatus },
  unit: IndicatorUnit,
  frequency: Frequency = 'monthly',
): string {
  const flag = p.status === 'provisional' ? ', provisional' : '';
  return `${formatIndicatorValue(p.value, unit)} (${formatPeriod(p.periodEnd, frequency)}${flag})`;
}

/**
 * "Down from a peak of 39% (November 2020)" when lower is better (or "up from a low of …" when higher is
 * better): said only when the latest value is significantly better than the worst since the baseline.
 */
export function fromWorstWords(
  polarity: Polarity,
  m: (MovementLike & { significant: boolean }) | null,
  unit: IndicatorUnit,
  frequency: Frequency = 'monthly',
): string | null {
  if (!m || !m.significant || m.travel !== 'improved' || polarity === 'context_only') return null;
  const which = polarity === 'lower_is_better' ? 'down from a peak of' : 'up from a low of';
  return `${changeWords(m.change, unit).replace(/^(up|down) /, '')} ${which} ${formatIndicatorValue(m.from.value, unit)} (${formatPeriod(m.from.periodEnd, frequency)})`;
}
