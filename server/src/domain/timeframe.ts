/**
 * Timeframe text, as councils write it in their plans, turned into dates (docs/rag-rules.md).
 *
 * Accepted points: a month (`Mar 2019`, `March 2019`, `Sept 2019`), a day (`31/03/2019`, `2019-03-31`,
 * `31 March 2019`, `31st Mar 2019`), a quarter (`Q2 2027/28` of a financial year; a bare `Q2 2027` read
 * by the plan's quarter setting, financial or calendar), a school term (`Summer term 2019`,
 * `Autumn term 2019/20`) and a season (`Spring 2019`, `Winter 2019/20`).
 * A timeframe is one point, `End of …` / `By …` / `By the end of …` a point, a range of two points joined
 * by an en dash, em dash, hyphen or "to", `Complete` / `Completed` / `Done`, `Ongoing` (optionally
 * `Ongoing from Jul 2018` or `From Jul 2018, ongoing`), or `Immediate` (from today to the end of this
 * month; needs `today`).
 * A month or day as a due date means its last day, as a start its first day; a quarter, term or season
 * alone runs from its first day to its last; after "End of" or "By" only its last day counts.
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
  type QuarterYear,
} from '@ipt/shared';

export type Timeframe =
  | { kind: 'dated'; startDate: string | null; dueDate: string } // ISO YYYY-MM-DD
  | { kind: 'complete' } // "Complete" — already done
  | { kind: 'ongoing'; startDate: string | null }; // "Ongoing" — no due date (flagged elsewhere)

export interface TimeframeOptions {
  /** Where the text came from (`row 7`, `F7`), named in any error. */
  cell?: string;
  /** How a bare quarter ("Q2 2027") is read; `financial` unless the plan says otherwise. */
  quarters?: QuarterYear;
  /** Today (ISO date), for `Immediate`; without it `Immediate` is refused. */
  today?: string;
}

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
  'write a month (Mar 2019), a range (Jul 2018 – Mar 2019), a date (31/03/2019), a quarter (Q2 2027/28), ' +
  'a term (Summer term 2019), Complete or Ongoing.';

/** A point in a timeframe: its first and last day, and whether it is a single day. */
interface Point {
  first: string;
  last: string;
  /** A period longer than a month (quarter, term, season): alone, it gives a start as well as a due date. */
  period: boolean;
}

const MONTHS_BY_NAME = new Map<string, number>();
MONTH_NAMES.forEach((name, i) => {
  MONTHS_BY_NAME.set(name.toLowerCase(), i + 1);
  MONTHS_BY_NAME.set(MONTH_ABBREVIATIONS[i]!.toLowerCase(), i + 1);
});
MONTHS_BY_NAME.set('sept', 9);

const MONTH_WORD = `(${[...MONTHS_BY_NAME.keys()].sort((a, b) => b.length - a.length).join('|')})\\.?`;
const YEAR = '(\\d{4})';
// Each form is loose about numbers, so that a wrong month, day, quarter or year gets its own message.
const NUMERIC_DAY = `(\\d{1,2})/(\\d{1,2})/${YEAR}`;
const ISO_DAY = `${YEAR}-(\\d{1,2})-(\\d{1,2})`;
const WORD_DAY = `(\\d{1,2})(?:st|nd|rd|th)? ${MONTH_WORD},? ${YEAR}`;
const WORD_MONTH = `${MONTH_WORD},? ${YEAR}`;
/** Q2 2027/28, Q2 2027-28, Q2 2027/2028, Qtr 2 2027, Quarter 2 2027. */
const QUARTER = `(?:q|qtr|quarter) ?(\\d)(?: of)?,? ${YEAR}(?:(?:/|-)(\\d{2}|\\d{4}))?`;
const TERM = `(autumn|spring|summer) term,? ${YEAR}(?:/(\\d{2}|\\d{4}))?`;
const SEASON = `(spring|summer|autumn|fall|winter),? ${YEAR}(?:/(\\d{2}|\\d{4}))?`;
const POINT = `(?:${NUMERIC_DAY}|${ISO_DAY}|${WORD_DAY}|${WORD_MONTH}|${QUARTER}|${TERM}|${SEASON})`;
const POINT_FORMS = {
  numericDay: new RegExp(`^${NUMERIC_DAY}$`, 'i'),
  isoDay: new RegExp(`^${ISO_DAY}$`, 'i'),
  wordDay: new RegExp(`^${WORD_DAY}$`, 'i'),
  wordMonth: new RegExp(`^${WORD_MONTH}$`, 'i'),
  quarter: new RegExp(`^${QUARTER}$`, 'i'),
  term: new RegExp(`^${TERM}$`, 'i'),
  season: new RegExp(`^${SEASON}$`, 'i'),
};
/** Non-capturing copy of POINT, for finding where a range splits. */
const POINT_NC = POINT.replace(/\((?!\?)/g, '(?:');
const RANGE = new RegExp(`^(${POINT_NC}) ?(?:[-–—]| to ) ?(${POINT_NC})$`, 'i');
const COMPLETE = /^(?:complete|completed|done)$/i;
const IMMEDIATE = /^(?:immediate|immediately|with immediate effect)$/i;
const ONGOING_WORD = '(?:on-?going|on going)';
const ONGOING = new RegExp(`^${ONGOING_WORD}$`, 'i');
const ONGOING_FROM = new RegExp(`^${ONGOING_WORD},? from (.+)$`, 'i');
const FROM_ONGOING = new RegExp(`^from (.+?),? ${ONGOING_WORD}$`, 'i');
/** "End of March 2019", "By Sept 2019", "By the end of Q2 2027/28": the due date alone. */
const BY = /^(?:by(?: the)? end of|by|end of|the end of|before the end of)\s+(.+)$/i;

/** Reads the timeframe of an action; `options.cell` (e.g. `row 7` or `F7`) is named in any error. */
export function parseTimeframe(text: string, options: TimeframeOptions = {}): Timeframe {
  const cell = options.cell;
  const quarters = options.quarters ?? 'financial';
  // `\s` covers non-breaking and other Unicode spaces; runs of them read as one space.
  const clean = text.replace(/\s+/g, ' ').trim();
  const where = `Timeframe${cell === undefined ? '' : ` in ${cell}`}`;
  const fail = (problem: string): never => {
    throw new TimeframeError(`${where} ("${clean}") ${problem}`, text, cell);
  };
  const point = (raw: string) => readPoint(raw, quarters, fail);

  if (clean === '') {
    throw new TimeframeError(`${where} is empty: ${WHAT_TO_WRITE}`, text, cell);
  }
  if (COMPLETE.test(clean)) return { kind: 'complete' };
  if (ONGOING.test(clean)) return { kind: 'ongoing', startDate: null };
  if (IMMEDIATE.test(clean)) {
    if (options.today === undefined) return fail('needs the date it was written: write a month instead.');
    const today = parseIsoDate(options.today);
    return { kind: 'dated', startDate: options.today, dueDate: endOfMonth(today.year, today.month) };
  }

  const from = ONGOING_FROM.exec(clean)?.[1] ?? FROM_ONGOING.exec(clean)?.[1];
  if (from !== undefined) {
    return { kind: 'ongoing', startDate: point(from).first };
  }

  const by = BY.exec(clean)?.[1];
  if (by !== undefined) {
    return { kind: 'dated', startDate: null, dueDate: point(by).last };
  }

  const range = RANGE.exec(clean);
  if (range) {
    const start = point(range[1]!).first;
    const due = point(range[2]!).last;
    if (due < start) {
      fail(
        `ends (${formatDate(due)}) before it starts (${formatDate(start)}): write the start first, ` +
          'as in Jul 2018 – Mar 2019.',
      );
    }
    return { kind: 'dated', startDate: start, dueDate: due };
  }

  const only = point(clean);
  return { kind: 'dated', startDate: only.period ? only.first : null, dueDate: only.last };
}

/** The year after `year` as written after a slash ("28" or "2028"), or a failure naming what to write. */
function secondYear(year: number, written: string, fail: (problem: string) => never): void {
  const follows = written.length === 2 ? Number(written) === (year + 1) % 100 : Number(written) === year + 1;
  if (!follows) {
    fail(
      `has the years ${year}/${written}, which do not follow each other: write ${year}/${String((year + 1) % 100).padStart(2, '0')}.`,
    );
  }
}

/** Reads one point, failing with a specific message for a bad year, month, day or quarter. */
function readPoint(raw: string, quarters: QuarterYear, fail: (problem: string) => never): Point {
  let m: RegExpExecArray | null;
  const checkYear = (year: number) => {
    if (year < MIN_YEAR || year > MAX_YEAR) {
      fail(`has the year ${year}: a timeframe must fall between ${MIN_YEAR} and ${MAX_YEAR}.`);
    }
  };
  /** Months `from`..`to` (to may pass 12, into the next year) of `year`. */
  const months = (year: number, from: number, to: number): Point => {
    checkYear(year);
    const startYear = year + Math.floor((from - 1) / 12);
    const endYear = year + Math.floor((to - 1) / 12);
    checkYear(startYear);
    checkYear(endYear);
    return {
      first: startOfMonth(startYear, ((from - 1) % 12) + 1),
      last: endOfMonth(endYear, ((to - 1) % 12) + 1),
      period: to > from,
    };
  };

  if ((m = POINT_FORMS.quarter.exec(raw))) {
    const q = Number(m[1]);
    const year = Number(m[2]);
    if (q < 1 || q > 4) fail(`has no quarter ${q}: a year has quarters Q1 to Q4.`);
    if (m[3] !== undefined) secondYear(year, m[3], fail);
    const financial = m[3] !== undefined || quarters === 'financial';
    const first = financial ? 4 + (q - 1) * 3 : 1 + (q - 1) * 3;
    return months(year, first, first + 2);
  }
  if ((m = POINT_FORMS.term.exec(raw))) {
    const term = m[1]!.toLowerCase();
    const year = Number(m[2]);
    if (m[3] !== undefined) secondYear(year, m[3], fail);
    // A school year's terms: autumn (Sep–Dec), spring (Jan–Mar), summer (Apr–Jul).
    // "Spring term 2019/20" is in 2020; "Spring term 2020" too.
    const y = m[3] !== undefined && term !== 'autumn' ? year + 1 : year;
    if (term === 'autumn') return months(y, 9, 12);
    if (term === 'spring') return months(y, 1, 3);
    return months(y, 4, 7);
  }
  if ((m = POINT_FORMS.season.exec(raw))) {
    const season = m[1]!.toLowerCase();
    const year = Number(m[2]);
    if (season === 'winter') {
      if (m[3] === undefined) {
        fail(`does not say which winter: write Winter ${year}/${String((year + 1) % 100).padStart(2, '0')}.`);
      }
      secondYear(year, m[3]!, fail);
      return months(year, 12, 14);
    }
    if (m[3] !== undefined) fail(`has two years for one ${season}: write ${m[1]} ${year}.`);
    if (season === 'spring') return months(year, 3, 5);
    if (season === 'summer') return months(year, 6, 8);
    return months(year, 9, 11);
  }

  let day: { year: number; month: number; day?: number };
  if ((m = POINT_FORMS.numericDay.exec(raw))) {
    day = { day: Number(m[1]), month: Number(m[2]), year: Number(m[3]) };
  } else if ((m = POINT_FORMS.isoDay.exec(raw))) {
    day = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  } else if ((m = POINT_FORMS.wordDay.exec(raw))) {
    day = { day: Number(m[1]), month: monthNumber(m[2]!), year: Number(m[3]) };
  } else if ((m = POINT_FORMS.wordMonth.exec(raw))) {
    day = { month: monthNumber(m[1]!), year: Number(m[2]) };
  } else {
    return fail(`is not a date we can read: ${WHAT_TO_WRITE}`);
  }

  checkYear(day.year);
  if (day.month < 1 || day.month > 12) {
    fail(`has no month ${day.month}: write the day first, then the month, as in 31/03/2019.`);
  }
  if (day.day === undefined) return months(day.year, day.month, day.month);
  const days = daysInMonth(day.year, day.month);
  if (day.day < 1 || day.day > days) {
    fail(
      `has a date that does not exist: ${MONTH_NAMES[day.month - 1]} ${day.year} has ${days} days` +
        ' (dates are written day first, as in 31/03/2019).',
    );
  }
  const iso = toIsoDate({ year: day.year, month: day.month, day: day.day });
  return { first: iso, last: iso, period: false };
}

function monthNumber(word: string): number {
  const month = MONTHS_BY_NAME.get(word.toLowerCase().replace(/\.$/, ''));
  // Unreachable: the pattern lists only known names.
  if (month === undefined) throw new RangeError(`Not a month: ${word}`);
  return month;
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

/** What the parser reads from a text, or its message, as a value rather than an exception (for forms). */
export function checkTimeframe(
  text: string,
  options: Omit<TimeframeOptions, 'cell'> = {},
): {
  ok: boolean;
  kind: Timeframe['kind'] | null;
  startDate: string | null;
  dueDate: string | null;
  message: string | null;
} {
  try {
    const t = parseTimeframe(text, options);
    return {
      ok: true,
      kind: t.kind,
      startDate: t.kind === 'complete' ? null : t.startDate,
      dueDate: t.kind === 'dated' ? t.dueDate : null,
      message: null,
    };
  } catch (err) {
    if (!(err instanceof TimeframeError)) throw err;
    return { ok: false, kind: null, startDate: null, dueDate: null, message: err.message };
  }
}
