/**
 * Timeframe text, as councils write it in their plans, turned into dates (docs/rag-rules.md).
 *
 * Accepted: a month (`Mar 2019`, `March 2019`, `Sept 2019`), a day (`31/03/2019`, `2019-03-31`,
 * `31 March 2019`, `31st Mar 2019`), a range of any two of those joined by an en dash, em dash, hyphen or
 * "to", `Complete` / `Completed` / `Done`, and `Ongoing` (optionally `Ongoing from Jul 2018` or
 * `From Jul 2018, ongoing`). A month as a due date means its last day; as a start, its first day.
 * Anything else throws a TimeframeError whose message tells a programme officer what to write instead.
 */
import {
  MONTH_ABBREVIATIONS,
  MONTH_NAMES,
  daysInMonth,
  endOfMonth,
  formatDate,
  formatMonthYear,
  parseIsoDate,
  startOfMonth,
  toIsoDate,
} from '@ipt/shared';

export type Timeframe =
  | { kind: 'dated'; startDate: string | null; dueDate: string } // ISO YYYY-MM-DD
  | { kind: 'complete' } // "Complete" — already done
  | { kind: 'ongoing'; startDate: string | null }; // "Ongoing" — no due date (flagged elsewhere)

export class TimeframeError extends Error {
  readonly cell?: string;
  readonly text: string;

  constructor(message: string, text: string, cell?: string) {
    super(message);
    this.name = 'TimeframeError';
    this.text = text;
    if (cell !== undefined) this.cell = cell;
  }
}

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

const WHAT_TO_WRITE =
  'write a month (Mar 2019), a range (Jul 2018 – Mar 2019), a date (31/03/2019), Complete or Ongoing.';

/** A point in a timeframe: a whole month, or one day. */
type Point =
  | { precision: 'month'; year: number; month: number }
  | { precision: 'day'; year: number; month: number; day: number };

const MONTHS_BY_NAME = new Map<string, number>();
MONTH_NAMES.forEach((name, i) => {
  MONTHS_BY_NAME.set(name.toLowerCase(), i + 1);
  MONTHS_BY_NAME.set(MONTH_ABBREVIATIONS[i]!.toLowerCase(), i + 1);
});
MONTHS_BY_NAME.set('sept', 9);

const MONTH_WORD = `(${[...MONTHS_BY_NAME.keys()].sort((a, b) => b.length - a.length).join('|')})\\.?`;
const YEAR = '(\\d{4})';
// Each form is loose about numbers, so that a wrong month or day gets its own message.
const NUMERIC_DAY = `(\\d{1,2})/(\\d{1,2})/${YEAR}`;
const ISO_DAY = `${YEAR}-(\\d{1,2})-(\\d{1,2})`;
const WORD_DAY = `(\\d{1,2})(?:st|nd|rd|th)? ${MONTH_WORD},? ${YEAR}`;
const WORD_MONTH = `${MONTH_WORD},? ${YEAR}`;
const POINT = `(?:${NUMERIC_DAY}|${ISO_DAY}|${WORD_DAY}|${WORD_MONTH})`;
const POINT_FORMS = {
  numericDay: new RegExp(`^${NUMERIC_DAY}$`, 'i'),
  isoDay: new RegExp(`^${ISO_DAY}$`, 'i'),
  wordDay: new RegExp(`^${WORD_DAY}$`, 'i'),
  wordMonth: new RegExp(`^${WORD_MONTH}$`, 'i'),
};
/** Non-capturing copy of POINT, for finding where a range splits. */
const POINT_NC = POINT.replace(/\((?!\?)/g, '(?:');
const RANGE = new RegExp(`^(${POINT_NC}) ?(?:[-–—]| to ) ?(${POINT_NC})$`, 'i');
const COMPLETE = /^(?:complete|completed|done)$/i;
const ONGOING_WORD = '(?:on-?going|on going)';
const ONGOING = new RegExp(`^${ONGOING_WORD}$`, 'i');
const ONGOING_FROM = new RegExp(`^${ONGOING_WORD},? from (.+)$`, 'i');
const FROM_ONGOING = new RegExp(`^from (.+?),? ${ONGOING_WORD}$`, 'i');

/** Reads the timeframe of an action; `options.cell` (e.g. `row 7` or `F7`) is named in any error. */
export function parseTimeframe(text: string, options: { cell?: string } = {}): Timeframe {
  const cell = options.cell;
  // `\s` covers non-breaking and other Unicode spaces; runs of them read as one space.
  const clean = text.replace(/\s+/g, ' ').trim();
  const where = `Timeframe${cell === undefined ? '' : ` in ${cell}`}`;
  const fail = (problem: string): never => {
    throw new TimeframeError(`${where} ("${clean}") ${problem}`, text, cell);
  };

  if (clean === '') {
    throw new TimeframeError(`${where} is empty: ${WHAT_TO_WRITE}`, text, cell);
  }
  if (COMPLETE.test(clean)) return { kind: 'complete' };
  if (ONGOING.test(clean)) return { kind: 'ongoing', startDate: null };

  const from = ONGOING_FROM.exec(clean)?.[1] ?? FROM_ONGOING.exec(clean)?.[1];
  if (from !== undefined) {
    const start = readPoint(from, fail);
    return { kind: 'ongoing', startDate: firstDay(start) };
  }

  const range = RANGE.exec(clean);
  if (range) {
    const start = firstDay(readPoint(range[1]!, fail));
    const due = lastDay(readPoint(range[2]!, fail));
    if (due < start) {
      fail(
        `ends (${formatDate(due)}) before it starts (${formatDate(start)}): write the start first, ` +
          'as in Jul 2018 – Mar 2019.',
      );
    }
    return { kind: 'dated', startDate: start, dueDate: due };
  }

  return { kind: 'dated', startDate: null, dueDate: lastDay(readPoint(clean, fail)) };
}

/** Reads one point, failing with a specific message for a bad year, month or day. */
function readPoint(raw: string, fail: (problem: string) => never): Point {
  let m: RegExpExecArray | null;
  let point: Point;
  if ((m = POINT_FORMS.numericDay.exec(raw))) {
    point = { precision: 'day', day: Number(m[1]), month: Number(m[2]), year: Number(m[3]) };
  } else if ((m = POINT_FORMS.isoDay.exec(raw))) {
    point = { precision: 'day', year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  } else if ((m = POINT_FORMS.wordDay.exec(raw))) {
    point = { precision: 'day', day: Number(m[1]), month: monthNumber(m[2]!), year: Number(m[3]) };
  } else if ((m = POINT_FORMS.wordMonth.exec(raw))) {
    point = { precision: 'month', month: monthNumber(m[1]!), year: Number(m[2]) };
  } else {
    return fail(`is not a date we can read: ${WHAT_TO_WRITE}`);
  }

  if (point.year < MIN_YEAR || point.year > MAX_YEAR) {
    fail(`has the year ${point.year}: a timeframe must fall between ${MIN_YEAR} and ${MAX_YEAR}.`);
  }
  if (point.month < 1 || point.month > 12) {
    fail(`has no month ${point.month}: write the day first, then the month, as in 31/03/2019.`);
  }
  if (point.precision === 'day') {
    const days = daysInMonth(point.year, point.month);
    if (point.day < 1 || point.day > days) {
      fail(
        `has a date that does not exist: ${MONTH_NAMES[point.month - 1]} ${point.year} has ${days} days` +
          ' (dates are written day first, as in 31/03/2019).',
      );
    }
  }
  return point;
}

function monthNumber(word: string): number {
  const month = MONTHS_BY_NAME.get(word.toLowerCase().replace(/\.$/, ''));
  // Unreachable: the pattern lists only known names.
  if (month === undefined) throw new RangeError(`Not a month: ${word}`);
  return month;
}

function firstDay(p: Point): string {
  return p.precision === 'month' ? startOfMonth(p.year, p.month) : toIsoDate(p);
}

function lastDay(p: Point): string {
  return p.precision === 'month' ? endOfMonth(p.year, p.month) : toIsoDate(p);
}

/** The first day of a month reads as the month (`Jul 2018`); any other day as `5 July 2018`. */
function formatStart(isoDate: string): string {
  return parseIsoDate(isoDate).day === 1 ? formatMonthYear(isoDate) : formatDate(isoDate);
}

/** The last day of a month reads as the month (`Mar 2019`); any other day as `5 March 2019`. */
function formatDue(isoDate: string): string {
  const d = parseIsoDate(isoDate);
  return d.day === daysInMonth(d.year, d.month) ? formatMonthYear(isoDate) : formatDate(isoDate);
}

/** Writes a timeframe back as text that parseTimeframe reads to the same value. */
export function formatTimeframe(t: Timeframe): string {
  switch (t.kind) {
    case 'complete':
      return 'Complete';
    case 'ongoing':
      return t.startDate === null ? 'Ongoing' : `From ${formatStart(t.startDate)}, ongoing`;
    case 'dated':
      return t.startDate === null
        ? formatDue(t.dueDate)
        : `${formatStart(t.startDate)} – ${formatDue(t.dueDate)}`;
  }
}
