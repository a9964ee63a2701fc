import { describe, expect, it } from 'vitest';
import {
  assessIndicator,
  defaultThreshold,
  indicatorRag,
  isSignificant,
  movementBetween,
  peakAndTrough,
  seriesAsOf,
  targetInForce,
  thresholdFor,
  travelOf,
  type Point,
  type RecordedValue,
} from '../../../server/src/domain/indicators.js';
import { changeWords, fromWorstWords, movementWords, pointWords } from '@ipt/shared';

let nextId = 1;
function v(periodEnd: string, value: number, recordedAt = '2024-01-01T00:00:00.000Z'): RecordedValue {
  return { id: nextId++, periodEnd, value, status: 'validated', note: '', recordedAt };
}
function p(periodEnd: string, value: number): Point {
  return { periodEnd, value, status: 'validated', note: '' };
}

describe('indicator RAG against its target and tolerance', () => {
  const target = { value: 80, tolerance: 5 };
  it.each([
    [85, 'green'],
    [80, 'green'],
    [77, 'amber'],
    [75, 'amber'],
    [74.9, 'red'],
  ] as const)('higher is better, target 80 (Amber within 5): %s is %s', (value, rag) => {
    expect(indicatorRag('higher_is_better', value, target)).toBe(rag);
  });

  it.each([
    [15, 'green'],
    [20, 'green'],
    [23, 'amber'],
    [25, 'amber'],
    [25.5, 'red'],
  ] as const)('lower is better, target 20 (Amber within 5): %s is %s', (value, rag) => {
    expect(indicatorRag('lower_is_better', value, { value: 20, tolerance: 5 })).toBe(rag);
  });

  it('a tolerance of 0 leaves no Amber: short of the target is Red', () => {
    expect(indicatorRag('higher_is_better', 79.9, { value: 80, tolerance: 0 })).toBe('red');
  });

  it('context-only indicators get no RAG, even with a target', () => {
    expect(indicatorRag('context_only', 500, { value: 400, tolerance: 10 })).toBeNull();
  });

  it('no target or no value: no RAG', () => {
    expect(indicatorRag('higher_is_better', 50, null)).toBeNull();
    expect(indicatorRag('higher_is_better', null, target)).toBeNull();
  });
});

describe('the target in force at a date', () => {
  const targets = [
    { value: 70, tolerance: 5, effectiveFrom: '2023-04-01' },
    { value: 80, tolerance: 5, effectiveFrom: '2024-04-01' },
    { value: 85, tolerance: 3, effectiveFrom: '2024-04-01' },
  ];
  it('none before the first takes effect', () => {
    expect(targetInForce(targets, '2023-03-31')).toBeNull();
  });
  it('the earlier target until the new one takes effect, then the new one', () => {
    expect(targetInForce(targets, '2024-03-31')?.value).toBe(70);
    expect(targetInForce(targets, '2024-04-30')?.value).toBe(85);
  });
  it('of two from the same date, the one set later stands', () => {
    expect(targetInForce(targets, '2024-04-01')?.value).toBe(85);
  });
});

describe('significance', () => {
  it('the default is 2 points for a percentage and 5 per cent of the earlier value otherwise', () => {
    expect(defaultThreshold('percent')).toEqual({ kind: 'points', amount: 2 });
    expect(defaultThreshold('days')).toEqual({ kind: 'percent', amount: 5 });
    expect(defaultThreshold('number')).toEqual({ kind: 'percent', amount: 5 });
    expect(defaultThreshold('rate_per_10000')).toEqual({ kind: 'percent', amount: 5 });
  });
  it("an indicator's own threshold replaces the default", () => {
    expect(thresholdFor('percent', 'points', 5)).toEqual({ kind: 'points', amount: 5 });
    expect(thresholdFor('days', 'points', 3)).toEqual({ kind: 'points', amount: 3 });
    expect(thresholdFor('days', null, null)).toEqual({ kind: 'percent', amount: 5 });
  });
  it('points: the absolute change reaches the amount (exactly the amount counts, despite float noise)', () => {
    expect(isSignificant(40, 41.9, { kind: 'points', amount: 2 })).toBe(false);
    expect(isSignificant(40, 42, { kind: 'points', amount: 2 })).toBe(true);
    expect(isSignificant(0.1, 0.3, { kind: 'points', amount: 0.2 })).toBe(true);
    expect(isSignificant(42, 40, { kind: 'points', amount: 2 })).toBe(true);
  });
  it('per cent: the change relative to the earlier value', () => {
    expect(isSignificant(200, 209, { kind: 'percent', amount: 5 })).toBe(false);
    expect(isSignificant(200, 210, { kind: 'percent', amount: 5 })).toBe(true);
    expect(isSignificant(200, 190, { kind: 'percent', amount: 5 })).toBe(true);
  });
  it('from zero any change is significant; no change never is', () => {
    expect(isSignificant(0, 1, { kind: 'percent', amount: 5 })).toBe(true);
    expect(isSignificant(0, 0, { kind: 'percent', amount: 5 })).toBe(false);
    expect(isSignificant(5, 5, { kind: 'points', amount: 0 })).toBe(false);
  });
});

describe('direction of travel', () => {
  const t = { kind: 'points', amount: 2 } as const;
  it('higher is better: up is improved, down is deteriorated', () => {
    expect(travelOf('higher_is_better', 70, 75, t)).toBe('improved');
    expect(travelOf('higher_is_better', 75, 70, t)).toBe('deteriorated');
  });
  it('lower is better: down is improved, up is deteriorated', () => {
    expect(travelOf('lower_is_better', 30, 25, t)).toBe('improved');
    expect(travelOf('lower_is_better', 25, 30, t)).toBe('deteriorated');
  });
  it('a movement under the threshold is no significant change, whichever way', () => {
    expect(travelOf('higher_is_better', 70, 71, t)).toBe('no_significant_change');
    expect(travelOf('lower_is_better', 70, 69, t)).toBe('no_significant_change');
  });
  it('context-only indicators are not judged, however far they move', () => {
    expect(travelOf('context_only', 400, 800, t)).toBe('not_judged');
  });
  it('a movement needs both ends', () => {
    expect(movementBetween('higher_is_better', null, p('2024-01-31', 5), t)).toBeNull();
    expect(movementBetween('higher_is_better', p('2024-01-31', 5), p('2024-02-29', 8), t)).toMatchObject({
      change: 3,
      significant: true,
      travel: 'improved',
    });
  });
});

describe('the series as it stood at a moment', () => {
  it('the latest value recorded for each period at or before the moment; later corrections do not count', () => {
    const values = [
      v('2024-02-29', 30, '2024-03-05T09:00:00.000Z'),
      v('2024-01-31', 31, '2024-02-05T09:00:00.000Z'),
      v('2024-02-29', 28, '2024-03-20T09:00:00.000Z'), // a correction after the cut-off below
    ];
    expect(seriesAsOf(values, '2024-03-10T00:00:00.000Z').map((x) => [x.periodEnd, x.value])).toEqual([
      ['2024-01-31', 31],
      ['2024-02-29', 30],
    ]);
    expect(seriesAsOf(values, '2024-03-31T00:00:00.000Z').map((x) => x.value)).toEqual([31, 28]);
    expect(seriesAsOf(values, '2024-02-01T00:00:00.000Z')).toEqual([]);
  });
});

describe('peak and trough since the baseline', () => {
  const series = [
    p('2020-09-30', 33),
    p('2020-11-30', 39),
    p('2021-01-31', 30),
    p('2021-03-31', 39),
    p('2021-05-31', 31),
  ];
  it('the highest and lowest, a value reached twice counting from its first time', () => {
    const x = peakAndTrough(series);
    expect(x?.peak.periodEnd).toBe('2020-11-30');
    expect(x?.trough).toMatchObject({ periodEnd: '2021-01-31', value: 30 });
  });
  it('a later baseline leaves out what came before it', () => {
    expect(peakAndTrough(series, '2021-01-01')?.peak.periodEnd).toBe('2021-03-31');
  });
  it('nothing without values', () => {
    expect(peakAndTrough([])).toBeNull();
  });
});

describe('an indicator at a moment', () => {
  const threshold = { kind: 'points', amount: 2 } as const;

  it('a lower-is-better indicator that did not move since the last meeting but fell from a peak', () => {
    // Repeat child protection plans: 33% at baseline, a peak of 39% in November 2020, 31% at both meetings.
    const values = [
      v('2020-09-30', 33, '2020-10-10T00:00:00.000Z'),
      v('2020-11-30', 39, '2020-12-10T00:00:00.000Z'),
      v('2021-01-31', 31, '2021-02-10T00:00:00.000Z'),
      v('2021-02-28', 31, '2021-03-10T00:00:00.000Z'),
    ];
    const a = assessIndicator(
      { polarity: 'lower_is_better', unit: 'percent', threshold, targets: [], values },
      '2021-03-20T00:00:00.000Z',
      { previousCutoff: '2021-02-20T00:00:00.000Z' },
    );
    expect(a.previous).toMatchObject({ periodEnd: '2021-01-31', value: 31 });
    expect(a.sincePrevious).toMatchObject({ change: 0, travel: 'no_significant_change' });
    expect(a.sinceBaseline).toMatchObject({ change: -2, travel: 'improved' });
    expect(a.peak).toMatchObject({ periodEnd: '2020-11-30', value: 39 });
    expect(a.sinceWorst).toMatchObject({ change: -8, travel: 'improved', from: { value: 39 } });
    expect(a.rag).toBeNull(); // no target set
  });

  it('the latest value is judged against the target in force for its period', () => {
    const values = [v('2024-03-31', 78), v('2024-04-30', 78)];
    const targets = [
      { value: 75, tolerance: 5, effectiveFrom: '2023-04-01' },
      { value: 85, tolerance: 5, effectiveFrom: '2024-04-01' },
    ];
    const facts = { polarity: 'higher_is_better', unit: 'percent', threshold, targets, values } as const;
    const a = assessIndicator(facts, '2025-01-01T00:00:00.000Z');
    expect(a.target?.value).toBe(85);
    expect(a.rag).toBe('red');
    const before = assessIndicator({ ...facts, values: [values[0]!] }, '2025-01-01T00:00:00.000Z');
    expect(before.rag).toBe('green');
  });

  it('a context-only indicator has a series and movement in numbers but no RAG and no judgement', () => {
    const values = [v('2024-01-31', 400), v('2024-02-29', 520)];
    const a = assessIndicator(
      {
        polarity: 'context_only',
        unit: 'number',
        threshold: defaultThreshold('number'),
        targets: [{ value: 450, tolerance: 20, effectiveFrom: '2024-01-01' }],
        values,
      },
      '2025-01-01T00:00:00.000Z',
    );
    expect(a.rag).toBeNull();
    expect(a.sinceBaseline).toMatchObject({ change: 120, significant: true, travel: 'not_judged' });
    expect(a.sinceWorst).toBeNull();
  });

  it('the point a previous meeting reported overrides the series at its cut-off', () => {
    const values = [v('2024-01-31', 50), v('2024-02-29', 60)];
    const a = assessIndicator(
      { polarity: 'higher_is_better', unit: 'percent', threshold, targets: [], values },
      '2025-01-01T00:00:00.000Z',
      { previous: p('2024-01-31', 61) },
    );
    expect(a.sincePrevious).toMatchObject({ change: -1, travel: 'no_significant_change' });
  });

  it('no values: nothing to judge', () => {
    const a = assessIndicator(
      { polarity: 'higher_is_better', unit: 'percent', threshold, targets: [], values: [] },
      '2025-01-01T00:00:00.000Z',
    );
    expect(a).toMatchObject({ latest: null, rag: null, sinceBaseline: null, peak: null });
  });
});

describe('movement in words', () => {
  it('says the judgement first, then which way and from what', () => {
    expect(
      movementWords(
        { from: { periodEnd: '2020-11-30', value: 39 }, change: -8, travel: 'improved' },
        'percent',
      ),
    ).toBe('Improved: down 8 points from 39% (November 2020)');
    expect(
      movementWords(
        { from: { periodEnd: '2024-03-31', value: 412 }, change: 0, travel: 'not_judged' },
        'number',
        'quarterly',
      ),
    ).toBe('Context only: no change from 412 (Quarter to March 2024)');
    expect(changeWords(1, 'percent')).toBe('up 1 point');
    expect(changeWords(-4, 'days')).toBe('down 4 days');
    expect(
      pointWords({ periodEnd: '2024-01-31', value: 12.5, status: 'provisional' }, 'rate_per_10000'),
    ).toBe('12.5 per 10,000 (January 2024, provisional)');
  });

  it('says a fall from a peak only when it is significant and an improvement', () => {
    const m = {
      from: { periodEnd: '2020-11-30', value: 39 },
      change: -8,
      travel: 'improved',
      significant: true,
    } as const;
    expect(fromWorstWords('lower_is_better', m, 'percent')).toBe(
      '8 points down from a peak of 39% (November 2020)',
    );
    expect(
      fromWorstWords(
        'lower_is_better',
        { ...m, significant: false, travel: 'no_significant_change' },
        'percent',
      ),
    ).toBeNull();
    expect(fromWorstWords('higher_is_better', { ...m, change: 5 }, 'days')).toBe(
      '5 days up from a low of 39 days (November 2020)',
    );
    expect(fromWorstWords('context_only', m, 'number')).toBeNull();
  });
});
