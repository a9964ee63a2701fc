import { describe, expect, it } from 'vitest';
import {
  MONTH_ABBREVIATIONS,
  MONTH_NAMES,
  addDays,
  addMonths,
  daysBetween,
  daysInMonth,
  endOfMonth,
  formatDate,
  formatDateTime,
  formatMonthYear,
  formatShortDate,
  isIsoDate,
  londonDate,
  londonTimeToInstant,
  parseIsoDate,
  pluralDays,
  startOfMonth,
  toIsoDate,
} from '@ipt/shared';

describe('month names', () => {
  it('lists twelve months in order, with three-letter abbreviations', () => {
    expect(MONTH_NAMES).toHaveLength(12);
    expect(MONTH_NAMES[0]).toBe('January');
    expect(MONTH_NAMES[8]).toBe('September');
    expect(MONTH_ABBREVIATIONS[8]).toBe('Sep');
    expect(MONTH_NAMES.map((name) => name.slice(0, 3))).toEqual([...MONTH_ABBREVIATIONS]);
  });
});

describe('isIsoDate and parseIsoDate', () => {
  it('accepts real calendar dates, including 29 February in a leap year', () => {
    expect(isIsoDate('2019-03-31')).toBe(true);
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(parseIsoDate('2020-02-29')).toEqual({ year: 2020, month: 2, day: 29 });
  });

  it.each([
    '2019-02-29', // not a leap year
    '2100-02-29', // century, not a leap year
    '2019-02-31',
    '2019-04-31',
    '2019-13-01',
    '2019-00-10',
    '2019-03-00',
    '2019-3-31',
    '31/03/2019',
    '2019-03-31T00:00:00Z',
    ' 2019-03-31',
    '',
  ])('rejects %j', (value) => {
    expect(isIsoDate(value)).toBe(false);
    expect(() => parseIsoDate(value)).toThrow(RangeError);
  });

  it('names the bad value in the error', () => {
    expect(() => parseIsoDate('2019-02-30')).toThrow('Not a valid date: 2019-02-30');
  });
});

describe('toIsoDate', () => {
  it('pads month and day to two digits', () => {
    expect(toIsoDate({ year: 2019, month: 3, day: 5 })).toBe('2019-03-05');
    expect(toIsoDate({ year: 2019, month: 12, day: 31 })).toBe('2019-12-31');
  });
});

describe('daysInMonth, startOfMonth and endOfMonth', () => {
  it.each([
    [2019, 1, 31],
    [2019, 2, 28],
    [2020, 2, 29],
    [2000, 2, 29],
    [2100, 2, 28],
    [2019, 4, 30],
    [2019, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });

  it('gives the first and last day of a month', () => {
    expect(startOfMonth(2018, 7)).toBe('2018-07-01');
    expect(endOfMonth(2019, 3)).toBe('2019-03-31');
    expect(endOfMonth(2019, 2)).toBe('2019-02-28');
    expect(endOfMonth(2020, 2)).toBe('2020-02-29');
    expect(endOfMonth(2019, 12)).toBe('2019-12-31');
  });
});

describe('daysBetween and addDays', () => {
  it('answers the same when asked again, over more dates than it remembers, and never remembers a bad one', () => {
    for (const pass of [1, 2])
      for (let i = 0; i < 1500; i += 1) {
        expect(daysBetween('2019-01-01', addDays('2019-01-01', i)), `pass ${pass}, day ${i}`).toBe(i);
      }
    expect(() => daysBetween('2019-02-30', '2019-03-01')).toThrow('Not a valid date: 2019-02-30');
    expect(() => daysBetween('2019-02-30', '2019-03-01')).toThrow('Not a valid date: 2019-02-30');
  });

  it('counts whole calendar days, positive when the second date is later', () => {
    expect(daysBetween('2019-03-31', '2019-04-01')).toBe(1);
    expect(daysBetween('2019-04-01', '2019-03-31')).toBe(-1);
    expect(daysBetween('2019-03-31', '2019-03-31')).toBe(0);
    expect(daysBetween('2019-02-28', '2019-03-01')).toBe(1);
    expect(daysBetween('2020-02-28', '2020-03-01')).toBe(2);
    expect(daysBetween('2018-12-31', '2019-12-31')).toBe(365);
    expect(daysBetween('2019-12-31', '2020-12-31')).toBe(366);
  });

  it('is not disturbed by the clock changes (a calendar day is a day, not 24 hours in London)', () => {
    expect(daysBetween('2019-03-30', '2019-04-01')).toBe(2);
    expect(daysBetween('2019-10-26', '2019-10-28')).toBe(2);
  });

  it('adds and subtracts days across month and year ends', () => {
    expect(addDays('2019-03-31', 1)).toBe('2019-04-01');
    expect(addDays('2019-03-01', -1)).toBe('2019-02-28');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
    expect(addDays('2018-12-31', 1)).toBe('2019-01-01');
    expect(addDays('2019-01-15', 0)).toBe('2019-01-15');
    expect(addDays('2019-01-01', 365)).toBe('2020-01-01');
  });

  it('rejects invalid dates rather than rolling them over', () => {
    expect(() => addDays('2019-02-30', 1)).toThrow(RangeError);
    expect(() => daysBetween('2019-01-01', '2019-13-01')).toThrow(RangeError);
  });
});

describe('addMonths', () => {
  it('keeps the day where it exists', () => {
    expect(addMonths('2019-01-15', 1)).toBe('2019-02-15');
    expect(addMonths('2019-11-15', 3)).toBe('2020-02-15');
  });

  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2019-01-31', 1)).toBe('2019-02-28');
    expect(addMonths('2020-01-31', 1)).toBe('2020-02-29');
    expect(addMonths('2019-03-31', 1)).toBe('2019-04-30');
  });

  it('goes backwards across a year end', () => {
    expect(addMonths('2019-01-31', -2)).toBe('2018-11-30');
    expect(addMonths('2019-03-15', -12)).toBe('2018-03-15');
    expect(addMonths('2019-01-01', -1)).toBe('2018-12-01');
  });
});

describe('londonDate', () => {
  it('reads winter instants as GMT', () => {
    expect(londonDate('2019-01-15T23:59:59Z')).toBe('2019-01-15');
    expect(londonDate('2019-03-31T00:59:59Z')).toBe('2019-03-31');
  });

  it('reads summer instants as BST, an hour ahead of UTC', () => {
    expect(londonDate('2019-03-31T22:59:59.999Z')).toBe('2019-03-31');
    expect(londonDate('2019-03-31T23:00:00Z')).toBe('2019-04-01');
    expect(londonDate('2019-03-31T23:30:00Z')).toBe('2019-04-01');
    expect(londonDate('2019-06-30T23:00:00Z')).toBe('2019-07-01');
  });

  it('follows the autumn change back to GMT', () => {
    expect(londonDate('2019-10-26T22:59:59Z')).toBe('2019-10-26');
    expect(londonDate('2019-10-26T23:00:00Z')).toBe('2019-10-27');
    expect(londonDate('2019-10-27T00:30:00Z')).toBe('2019-10-27');
    expect(londonDate('2019-10-27T23:30:00Z')).toBe('2019-10-27');
    expect(londonDate('2019-10-28T00:00:00Z')).toBe('2019-10-28');
  });

  it('agrees with the time zone database at every second near midnight and both changes of the clocks', () => {
    const reference = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    // Remembered by the minute: a minute's first reading must not answer for its last second, nor the reverse.
    for (const around of [
      '2026-03-29T01:00:00Z',
      '2026-10-25T01:00:00Z',
      '2026-06-30T23:00:00Z',
      '2026-01-01T00:00:00Z',
    ]) {
      const centre = new Date(around).getTime();
      for (let ms = centre - 120_000; ms <= centre + 120_000; ms += 999) {
        expect(londonDate(ms)).toBe(reference.format(ms));
      }
      for (let ms = centre + 120_000; ms >= centre - 120_000; ms -= 1_001) {
        expect(londonDate(ms)).toBe(reference.format(ms));
      }
    }
  });

  it('accepts a Date, a string with an offset, or milliseconds', () => {
    expect(londonDate(new Date('2019-07-31T23:30:00Z'))).toBe('2019-08-01');
    expect(londonDate('2019-08-01T00:30:00+01:00')).toBe('2019-08-01');
    expect(londonDate(Date.UTC(2019, 0, 1, 12))).toBe('2019-01-01');
  });

  it('rejects an unreadable instant', () => {
    expect(() => londonDate('not a time')).toThrow(RangeError);
    expect(() => londonDate(new Date(Number.NaN))).toThrow('Not a valid instant');
  });
});

describe('londonTimeToInstant', () => {
  it('reads a winter wall-clock time as GMT and a summer one as BST', () => {
    expect(londonTimeToInstant('2019-01-15', 9, 30).toISOString()).toBe('2019-01-15T09:30:00.000Z');
    expect(londonTimeToInstant('2019-07-15', 9, 30).toISOString()).toBe('2019-07-15T08:30:00.000Z');
  });

  it('defaults to midnight, which in summer is 23:00 UTC the day before', () => {
    expect(londonTimeToInstant('2019-04-01').toISOString()).toBe('2019-03-31T23:00:00.000Z');
    expect(londonTimeToInstant('2019-01-01').toISOString()).toBe('2019-01-01T00:00:00.000Z');
  });

  it('returns the earlier (BST) instant for the hour that happens twice in autumn', () => {
    expect(londonTimeToInstant('2019-10-27', 1, 30).toISOString()).toBe('2019-10-27T00:30:00.000Z');
  });

  it('reads a time in the spring gap as GMT', () => {
    expect(londonTimeToInstant('2019-03-31', 1, 30).toISOString()).toBe('2019-03-31T01:30:00.000Z');
  });

  it('round-trips with londonDate on either side of the changes', () => {
    for (const date of ['2019-03-30', '2019-03-31', '2019-04-01', '2019-10-26', '2019-10-27', '2019-10-28']) {
      expect(londonDate(londonTimeToInstant(date))).toBe(date);
      expect(londonDate(londonTimeToInstant(date, 23, 59))).toBe(date);
    }
  });
});

describe('formatting', () => {
  it('writes dates the British way', () => {
    expect(formatDate('2019-03-05')).toBe('5 March 2019');
    expect(formatDate('2019-12-31')).toBe('31 December 2019');
  });

  it('reads an instant in London time', () => {
    expect(formatDate('2019-03-31T23:30:00Z')).toBe('1 April 2019');
    expect(formatDate(new Date('2019-01-31T23:30:00Z'))).toBe('31 January 2019');
  });

  it('writes a month and year', () => {
    expect(formatMonthYear('2019-03-31')).toBe('Mar 2019');
    expect(formatMonthYear('2019-09-01')).toBe('Sep 2019');
    expect(formatMonthYear('2019-05-31T23:30:00Z')).toBe('Jun 2019');
  });

  it('writes a date and time GOV.UK style, in London time', () => {
    expect(formatDateTime('2019-03-05T14:05:00Z')).toBe('5 March 2019 at 2:05pm');
    expect(formatDateTime('2019-07-05T13:05:00Z')).toBe('5 July 2019 at 2:05pm');
    expect(formatDateTime('2019-03-05T09:00:00Z')).toBe('5 March 2019 at 9am');
    expect(formatDateTime('2019-07-05T16:00:00Z')).toBe('5 July 2019 at 5pm');
    expect(formatDateTime('2019-03-05T12:00:00Z')).toBe('5 March 2019 at midday');
    expect(formatDateTime('2019-03-05T00:00:00Z')).toBe('5 March 2019 at midnight');
    expect(formatDateTime('2019-03-05T00:30:00Z')).toBe('5 March 2019 at 12:30am');
    expect(formatDateTime('2019-03-05T12:30:00Z')).toBe('5 March 2019 at 12:30pm');
    expect(formatDateTime('2019-06-30T23:00:00Z')).toBe('1 July 2019 at midnight');
  });

  it('writes a short date for spreadsheets', () => {
    expect(formatShortDate('2019-03-05')).toBe('05/03/2019');
    expect(() => formatShortDate('2019-02-29')).toThrow(RangeError);
  });

  it('pluralises days', () => {
    expect(pluralDays(0)).toBe('0 days');
    expect(pluralDays(1)).toBe('1 day');
    expect(pluralDays(2)).toBe('2 days');
  });
});
