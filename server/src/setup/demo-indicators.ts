/**
 * The demo plan's scorecard: a dozen indicators of the kinds a council's improvement board reads, with 18
 * months of plausible values. Values before the plan was set up arrive as one validated back-fill; after it,
 * each month's figures are entered as provisional on the 10th of the next month and validated a month later
 * (a few corrected on validation), so the locked meetings froze provisional figures that later changed.
 */
import {
  endOfMonth,
  londonTimeToInstant,
  parseIsoDate,
  type IndicatorUnit,
  type Polarity,
} from '@ipt/shared';
import type { CreateIndicatorBody } from '@ipt/shared/schemas';
import type { Actor } from '../lib/types.js';
import type { Services } from '../services/index.js';

interface DemoIndicator {
  name: string;
  definition: string;
  unit: IndicatorUnit;
  polarity: Polarity;
  owner: string;
  actionRefs: string[];
  /** keys of the seed's recommendation map, e.g. "ofsted:3", "dfe:b2" */
  recommendations: string[];
  /** Value at the first and last of the 18 months; `bump` adds a rise and fall around a month. */
  from: number;
  to: number;
  noise: number;
  bump?: { month: number; height: number; width: number };
  /** The last `flat` months hold at `to`. */
  flat?: number;
  target?: { value: number; tolerance: number; raisedTo?: number };
  comparators?: [number, number, number];
  decimals: number;
}

const INDICATORS: DemoIndicator[] = [
  {
    name: 'Contacts progressed within 24 hours',
    definition: 'Contacts to the front door with a decision on the next step within 24 hours of receipt.',
    unit: 'percent',
    polarity: 'higher_is_better',
    owner: 'Head of First Response',
    actionRefs: ['1.2'],
    recommendations: ['dfe:b2'],
    from: 71,
    to: 91,
    noise: 1.5,
    target: { value: 90, tolerance: 5 },
    comparators: [84.2, 86.5, 85.1],
    decimals: 1,
  },
  {
    name: 'Referrals received',
    definition: "Referrals to children's social care in the month (context: demand, not judged).",
    unit: 'number',
    polarity: 'context_only',
    owner: 'Head of First Response',
    actionRefs: ['1.2'],
    recommendations: [],
    from: 452,
    to: 431,
    noise: 35,
    decimals: 0,
  },
  {
    name: 'Re-referrals within 12 months',
    definition: 'Referrals in the month about a child referred in the previous 12 months.',
    unit: 'percent',
    polarity: 'lower_is_better',
    owner: 'Head of First Response',
    actionRefs: ['1.1', '1.3'],
    recommendations: ['ofsted:3'],
    from: 27.5,
    to: 21.4,
    noise: 1,
    target: { value: 22, tolerance: 3 },
    comparators: [21.8, 22.6, 22.4],
    decimals: 1,
  },
  {
    name: 'Assessments completed within 45 working days',
    definition:
      'Children and families assessments completed in the month within 45 working days of referral.',
    unit: 'percent',
    polarity: 'higher_is_better',
    owner: 'Head of Children in Need of Help and Protection',
    actionRefs: ['1.3'],
    recommendations: ['ofsted:1'],
    from: 63,
    to: 82.5,
    noise: 2,
    target: { value: 85, tolerance: 5 },
    comparators: [83.9, 85.2, 82.7],
    decimals: 1,
  },
  {
    name: 'Average working days to complete an assessment',
    definition: 'Mean working days from referral to the assessment being authorised.',
    unit: 'days',
    polarity: 'lower_is_better',
    owner: 'Head of Children in Need of Help and Protection',
    actionRefs: ['1.3'],
    recommendations: ['ofsted:1'],
    from: 47,
    to: 36,
    noise: 2,
    target: { value: 35, tolerance: 5 },
    decimals: 0,
  },
  {
    name: 'Children in need reviews on time',
    definition: 'Child in need plans reviewed within the timescale the plan sets.',
    unit: 'percent',
    polarity: 'higher_is_better',
    owner: 'Head of Children in Need of Help and Protection',
    actionRefs: ['1.4'],
    recommendations: ['ofsted:2'],
    from: 69,
    to: 86,
    noise: 2,
    target: { value: 85, tolerance: 5, raisedTo: 90 },
    decimals: 1,
  },
  {
    name: 'Repeat child protection plans',
    definition: 'Children becoming subject to a child protection plan for a second or later time.',
    unit: 'percent',
    polarity: 'lower_is_better',
    owner: 'Head of Safeguarding and Quality Assurance',
    actionRefs: ['1.9'],
    recommendations: ['ofsted:1'],
    from: 33,
    to: 31,
    noise: 0.4,
    bump: { month: 4, height: 7, width: 2 },
    flat: 5,
    target: { value: 20, tolerance: 3 },
    comparators: [21.4, 23.1, 23.3],
    decimals: 1,
  },
  {
    name: 'Children with three or more placements in the year',
    definition: 'Children in care with three or more placements in the last 12 months (placement stability).',
    unit: 'percent',
    polarity: 'lower_is_better',
    owner: 'Head of Placements',
    actionRefs: ['1.10'],
    recommendations: ['ofsted:2'],
    from: 12.6,
    to: 10.7,
    noise: 0.3,
    target: { value: 10, tolerance: 1.5 },
    comparators: [10.4, 10.1, 10.0],
    decimals: 1,
  },
  {
    name: 'Children in care',
    definition: 'Children looked after at the end of the month, per 10,000 children aged under 18.',
    unit: 'rate_per_10000',
    polarity: 'context_only',
    owner: 'Head of Care Management',
    actionRefs: ['1.8'],
    recommendations: [],
    from: 78.2,
    to: 73.9,
    noise: 0.6,
    comparators: [76, 73, 71],
    decimals: 1,
  },
  {
    name: 'Agency social workers',
    definition: 'Social work posts filled by agency workers at the end of the month.',
    unit: 'percent',
    polarity: 'lower_is_better',
    owner: 'Head of Workforce',
    actionRefs: ['3.3'],
    recommendations: ['dfe:b4'],
    from: 31,
    to: 27,
    noise: 0.5,
    bump: { month: 13, height: -6, width: 2.5 },
    target: { value: 15, tolerance: 5 },
    comparators: [17.9, 16.4, 17.6],
    decimals: 1,
  },
  {
    name: 'Social worker vacancy rate',
    definition: 'Vacant social work posts (agency-filled or empty) as a share of funded posts.',
    unit: 'percent',
    polarity: 'lower_is_better',
    owner: 'Head of Workforce',
    actionRefs: ['3.2'],
    recommendations: ['dfe:b4'],
    from: 24.5,
    to: 17,
    noise: 0.8,
    target: { value: 15, tolerance: 3 },
    comparators: [18.1, 17.2, 20.0],
    decimals: 1,
  },
  {
    name: 'Average caseload per social worker',
    definition: 'Children allocated per case-holding social worker (full-time equivalent).',
    unit: 'number',
    polarity: 'lower_is_better',
    owner: 'Head of Workforce',
    actionRefs: ['3.1'],
    recommendations: [],
    from: 24,
    to: 19,
    noise: 0.7,
    target: { value: 18, tolerance: 2 },
    comparators: [16.5, 16.9, 16.3],
    decimals: 0,
  },
];

const MONTHS = 18;

/** Repeatable noise in [-1, 1]. */
function wobble(i: number, k: number): number {
  const x = Math.sin(i * 12.9898 + k * 78.233) * 43758.5453;
  return (x - Math.floor(x)) * 2 - 1;
}

function valueAt(d: DemoIndicator, i: number, k: number): number {
  const last = MONTHS - 1 - (d.flat ?? 0);
  const p = Math.min(1, k / Math.max(1, last));
  const eased = p * p * (3 - 2 * p);
  let v = d.from + (d.to - d.from) * eased;
  if (d.bump) v += d.bump.height * Math.exp(-(((k - d.bump.month) / d.bump.width) ** 2));
  if (!d.flat || k < MONTHS - d.flat) v += d.noise * wobble(i, k);
  const f = 10 ** d.decimals;
  const out = Math.round(v * f) / f;
  return d.unit === 'percent' ? Math.min(100, Math.max(0, out)) : Math.max(0, out);
}

function monthEnd(year: number, month: number, plus: number): string {
  const idx = year * 12 + (month - 1) + plus;
  return endOfMonth(Math.floor(idx / 12), (idx % 12) + 1);
}

/** The next month's 10th at 09:30 London time: when a month's figures are entered. */
function entryTime(periodEnd: string, monthsLater: number): Date {
  const d = parseIsoDate(periodEnd);
  const e = parseIsoDate(monthEnd(d.year, d.month, monthsLater));
  return londonTimeToInstant(`${e.year}-${String(e.month).padStart(2, '0')}-10`, 9, 30);
}

/**
 * Sets the indicators up now (the seed's clock stands at the plan's set-up) with the back-fill, and answers
 * the monthly entries as events for the seed to replay in time order.
 */
export function seedDemoIndicators(
  seed: Services,
  args: {
    admin: Actor;
    planId: number;
    actionIdByRef: Map<string, number>;
    recId: Map<string, number>;
    setupAt: Date;
    now: Date;
  },
): { at: Date; run: () => void }[] {
  const { admin, planId, setupAt, now } = args;
  // The latest month whose figures are in: last month once the 10th has passed.
  const n = parseIsoDate(endOfMonth(now.getUTCFullYear(), now.getUTCMonth() + 1));
  let latest = monthEnd(n.year, n.month, -1);
  if (entryTime(latest, 1) > now) latest = monthEnd(n.year, n.month, -2);
  const l = parseIsoDate(latest);
  const periods = Array.from({ length: MONTHS }, (_, k) => monthEnd(l.year, l.month, k - (MONTHS - 1)));
  const first = parseIsoDate(periods[0] ?? latest);
  const firstDay = `${first.year}-${String(first.month).padStart(2, '0')}-01`;
  const fy = now.getUTCFullYear() - 1;
  const published = `${fy - 1}-${String(fy).slice(2)}`;
  const planYearStart = `${fy + (now.getUTCMonth() >= 3 ? 1 : 0)}-04-01`;

  const ids = INDICATORS.map((d) => {
    const body: CreateIndicatorBody = {
      name: d.name,
      definition: d.definition,
      unit: d.unit,
      polarity: d.polarity,
      owner: d.owner,
      dataSource: 'Monthly performance return (case management system), validated the following month',
      actionIds: d.actionRefs.flatMap((r) => {
        const id = args.actionIdByRef.get(r);
        return id ? [id] : [];
      }),
      recommendationIds: d.recommendations.flatMap((r) => {
        const id = args.recId.get(r);
        return id ? [id] : [];
      }),
      ...(d.target
        ? { target: { value: d.target.value, tolerance: d.target.tolerance, effectiveFrom: firstDay } }
        : {}),
    };
    const ind = seed.indicators.create(admin, planId, body);
    if (d.target?.raisedTo)
      seed.indicators.addTarget(admin, ind.id, {
        value: d.target.raisedTo,
        tolerance: d.target.tolerance,
        effectiveFrom: planYearStart,
      });
    if (d.comparators)
      (['statistical_neighbours', 'region', 'england'] as const).forEach((kind, k) => {
        const value = d.comparators?.[k];
        if (value !== undefined)
          seed.indicators.addComparator(admin, ind.id, { kind, value, periodLabel: published });
      });
    return ind.id;
  });

  const valuesFor = (k: number, status: 'provisional' | 'validated', corrected: boolean) =>
    INDICATORS.map((d, i) => {
      let value = valueAt(d, i, k);
      // Validation corrects a few provisional figures a little.
      if (corrected && (i + k) % 5 === 0) value = valueAt({ ...d, noise: d.noise * 1.4 }, i + 1, k);
      return { indicatorId: ids[i] ?? 0, value, status };
    });

  const events: { at: Date; run: () => void }[] = [];
  periods.forEach((periodEnd, k) => {
    const entered = entryTime(periodEnd, 1);
    if (entered <= setupAt) {
      seed.indicators.recordValues(admin, planId, { periodEnd, values: valuesFor(k, 'validated', true) });
      return;
    }
    events.push({
      at: entered,
      run: () =>
        void seed.indicators.recordValues(admin, planId, {
          periodEnd,
          values: valuesFor(k, 'provisional', false),
        }),
    });
    const validated = entryTime(periodEnd, 2);
    if (validated < now)
      events.push({
        at: new Date(validated.getTime() + 60_000),
        run: () =>
          void seed.indicators.recordValues(admin, planId, {
            periodEnd,
            values: valuesFor(k, 'validated', true),
          }),
      });
  });
  return events;
}
