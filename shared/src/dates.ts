/**
 * Dates the British way, and calendar arithmetic on ISO dates (`YYYY-MM-DD`).
 *
 * A due date is a calendar date in England, not an instant: "due 31 March" is overdue from the first moment
 * of 1 April in Europe/London, whether that is GMT or BST. Instants are ISO 8601 strings in UTC.
 */

export const TIME_ZONE = 'Europe/London';

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

export const MONTH_ABBREVIATIONS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDate {
  year: number;
  month: number; // 1–12
  day: number;
}

/** The date `value` names, or null when it is not a real `YYYY-MM-DD` date (read with one match). */
function readIsoDate(value: string): CalendarDate | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  // Every month has 28 days: the month's length is looked up only past them.
  const valid = month >= 1 && month <= 12 && day >= 1 && (day <= 28 || day <= daysInMonth(year, month));
  return valid ? { year, month, day } : null;
}

export function isIsoDate(value: string): boolean {
  return readIsoDate(value) !== null;
}

export function parseIsoDate(value: string): CalendarDate {
  const date = readIsoDate(value);
  if (!date) throw new RangeError(`Not a valid date: ${value}`);
  return date;
}

export function toIsoDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function endOfMonth(year: number, month: number): string {
  return toIsoDate({ year, month, day: daysInMonth(year, month) });
}

export function startOfMonth(year: number, month: number): string {
  return toIsoDate({ year, month, day: 1 });
}

const dayNumberCache = new Map<string, number>();

/** Days since 1970-01-01. (Remembered: rating a plan asks for the same few dates again and again.) */
function dayNumber(isoDate: string): number {
  let n = dayNumberCache.get(isoDate);
  if (n === undefined) {
    const d = parseIsoDate(isoDate);
    n = Math.round(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
    if (dayNumberCache.size >= 1024) dayNumberCache.clear();
    dayNumberCache.set(isoDate, n);
  }
  return n;
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(isoDate: string, days: number): string {
  const d = parseIsoDate(isoDate);
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return toIsoDate({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() });
}

/** Adds calendar months, keeping the day where it exists and clamping to the month's end otherwise. */
export function addMonths(isoDate: string, months: number): string {
  const d = parseIsoDate(isoDate);
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return toIsoDate({ year, month, day: Math.min(d.day, daysInMonth(year, month)) });
}

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface LondonWallClock extends CalendarDate {
  hour: number;
  minute: number;
  second: number;
}

function londonWallClock(instant: Date): LondonWallClock {
  const parts: Record<string, number> = {};
  for (const part of londonParts.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

function toInstant(value: Date | string | number): Date {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw new RangeError(`Not a valid instant: ${String(value)}`);
  return d;
}

const londonDateCache = new Map<number, string>();

/**
 * The calendar date in England at an instant. Remembered by the minute: England's offset from UTC is a whole
 * number of hours and changes on the hour, so every instant of one UTC minute has the same date — a plan's
 * RAG asks for one instant many times, and a request asks for "now" once, each a new millisecond.
 */
export function londonDate(instant: Date | string | number): string {
  const minute = Math.floor(toInstant(instant).getTime() / 60_000);
  let date = londonDateCache.get(minute);
  if (date === undefined) {
    date = toIsoDate(londonWallClock(new Date(minute * 60_000)));
    if (londonDateCache.size >= 256) londonDateCache.clear();
    londonDateCache.set(minute, date);
  }
  return date;
}

/**
 * The instant at which the London wall clock reads `isoDate hh:mm`. In the autumn hour that happens twice
 * the earlier (BST) one is returned; in the spring gap the time is read as GMT.
 */
export function londonTimeToInstant(isoDate: string, hour = 0, minute = 0): Date {
  const d = parseIsoDate(isoDate);
  const asUtc = Date.UTC(d.year, d.month - 1, d.day, hour, minute);
  for (const offsetHours of [1, 0]) {
    const candidate = new Date(asUtc - offsetHours * 3_600_000);
    const wall = londonWallClock(candidate);
    if (wall.day === d.day && wall.hour === hour && wall.minute === minute) return candidate;
  }
  return new Date(asUtc);
}

/** `5 March 2019` from an ISO date or an instant (an instant is read in London time). */
export function formatDate(value: string | Date): string {
  const d =
    typeof value === 'string' && ISO_DATE.test(value)
      ? parseIsoDate(value)
      : londonWallClock(toInstant(value));
  return `${d.day} ${MONTH_NAMES[d.month - 1]} ${d.year}`;
}

/** `Mar 2019` */
export function formatMonthYear(value: string | Date): string {
  const d =
    typeof value === 'string' && ISO_DATE.test(value)
      ? parseIsoDate(value)
      : londonWallClock(toInstant(value));
  return `${MONTH_ABBREVIATIONS[d.month - 1]} ${d.year}`;
}

/** A time the GOV.UK way, in London time: `5pm`, `9:30am`, `midday`, `midnight` (never `5:00pm` or `17:00`). */
export function formatTime(value: string | Date): string {
  const w = londonWallClock(toInstant(value));
  if (w.minute === 0 && w.hour === 12) return 'midday';
  if (w.minute === 0 && w.hour === 0) return 'midnight';
  const hour12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  const minutes = w.minute === 0 ? '' : `:${String(w.minute).padStart(2, '0')}`;
  return `${hour12}${minutes}${w.hour < 12 ? 'am' : 'pm'}`;
}

/** `5 March 2019 at 2:05pm`, `5 March 2019 at 5pm` (GOV.UK style), in London time. */
export function formatDateTime(value: string | Date): string {
  const w = londonWallClock(toInstant(value));
  return `${w.day} ${MONTH_NAMES[w.month - 1]} ${w.year} at ${formatTime(value)}`;
}

/** `dd/mm/yyyy`, for spreadsheets and short cells. */
export function formatShortDate(value: string): string {
  const d = parseIsoDate(value);
  return `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`;
}

/** "3 days", "1 day" */
export function pluralDays(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}
