import { describe, expect, it } from 'vitest';
import {
  TimeframeError,
  checkTimeframe,
  formatTimeframe,
  parseTimeframe,
  type Timeframe,
} from '../../../server/src/domain/timeframe.js';

const due = (dueDate: string, startDate: string | null = null): Timeframe => ({
  kind: 'dated',
  startDate,
  dueDate,
});

/** Runs parseTimeframe expecting a TimeframeError, and returns it. */
function failure(text: string, cell?: string): TimeframeError {
  try {
    parseTimeframe(text, cell === undefined ? {} : { cell });
  } catch (error) {
    if (error instanceof TimeframeError) return error;
    throw error;
  }
  throw new Error(`Expected ${JSON.stringify(text)} to be rejected`);
}

describe('parseTimeframe: a month', () => {
  it.each([
    ['Mar 2019', '2019-03-31'],
    ['March 2019', '2019-03-31'],
    ['mar 2019', '2019-03-31'],
    ['MARCH 2019', '2019-03-31'],
    ['Mar. 2019', '2019-03-31'],
    ['Sept 2019', '2019-09-30'],
    ['Sep 2019', '2019-09-30'],
    ['September 2019', '2019-09-30'],
    ['Jan 2019', '2019-01-31'],
    ['Apr 2019', '2019-04-30'],
    ['May 2019', '2019-05-31'],
    ['June 2019', '2019-06-30'],
    ['Dec 2019', '2019-12-31'],
    ['Feb 2019', '2019-02-28'],
    ['Feb 2020', '2020-02-29'],
    ['February 2000', '2000-02-29'],
    ['Feb 2100', '2100-02-28'],
  ])('%j is due on the last day of the month, %s', (text, dueDate) => {
    expect(parseTimeframe(text)).toEqual(due(dueDate));
  });

  it('ignores surrounding whitespace and non-breaking spaces', () => {
    expect(parseTimeframe('  Mar 2019\n')).toEqual(due('2019-03-31'));
    expect(parseTimeframe('\u00a0Mar\u00a02019\u00a0')).toEqual(due('2019-03-31'));
    expect(parseTimeframe('\tMarch   2019 ')).toEqual(due('2019-03-31'));
  });
});

describe('parseTimeframe: a day', () => {
  it.each([
    ['31/03/2019', '2019-03-31'],
    ['31/3/2019', '2019-03-31'],
    ['5/3/2019', '2019-03-05'],
    ['05/03/2019', '2019-03-05'],
    ['2019-03-31', '2019-03-31'],
    ['2019-03-05', '2019-03-05'],
    ['31 March 2019', '2019-03-31'],
    ['31 Mar 2019', '2019-03-31'],
    ['5 march 2019', '2019-03-05'],
    ['31st March 2019', '2019-03-31'],
    ['2nd Sept 2019', '2019-09-02'],
    ['29/02/2020', '2020-02-29'],
  ])('%j is due on exactly %s', (text, dueDate) => {
    expect(parseTimeframe(text)).toEqual(due(dueDate));
  });
});

describe('parseTimeframe: a range', () => {
  it.each([
    'Jul 2018 – Mar 2019', // en dash
    'Jul 2018 — Mar 2019', // em dash
    'Jul 2018 - Mar 2019', // hyphen
    'Jul 2018–Mar 2019',
    'Jul 2018—Mar 2019',
    'Jul 2018-Mar 2019',
    'Jul 2018 to Mar 2019',
    'July 2018 TO March 2019',
    'jul 2018 – mar 2019',
    '\u00a0Jul\u00a02018\u00a0–\u00a0Mar\u00a02019\u00a0',
  ])('%j runs from the first of the first month to the last of the second', (text) => {
    expect(parseTimeframe(text)).toEqual(due('2019-03-31', '2018-07-01'));
  });

  it.each([
    ['01/07/2018 - 31/03/2019', '2018-07-01', '2019-03-31'],
    ['15/07/2018 – 15/03/2019', '2018-07-15', '2019-03-15'],
    ['2018-07-15 - 2019-03-15', '2018-07-15', '2019-03-15'],
    ['2018-07-15-2019-03-15', '2018-07-15', '2019-03-15'],
    ['2018-07-15 to 2019-03-15', '2018-07-15', '2019-03-15'],
    ['Jul 2018 to 31 March 2019', '2018-07-01', '2019-03-31'],
    ['Jul 2018 to 15 March 2019', '2018-07-01', '2019-03-15'],
    ['15 July 2018 – Mar 2019', '2018-07-15', '2019-03-31'],
    ['15/07/2018 - Feb 2020', '2018-07-15', '2020-02-29'],
    ['Sept 2018 – 2019-01-10', '2018-09-01', '2019-01-10'],
  ])('%j mixes forms: %s to %s, exact where a day is given', (text, startDate, dueDate) => {
    expect(parseTimeframe(text)).toEqual(due(dueDate, startDate));
  });

  it('accepts a range within one month and one that starts and ends on the same day', () => {
    expect(parseTimeframe('Mar 2019 – Mar 2019')).toEqual(due('2019-03-31', '2019-03-01'));
    expect(parseTimeframe('31/03/2019 - 31/03/2019')).toEqual(due('2019-03-31', '2019-03-31'));
  });
});

describe('parseTimeframe: Complete and Ongoing', () => {
  it.each(['Complete', 'complete', 'COMPLETE', 'Completed', 'completed', 'Done', 'done', '  Complete\u00a0'])(
    '%j is complete',
    (text) => {
      expect(parseTimeframe(text)).toEqual({ kind: 'complete' });
    },
  );

  it.each(['Ongoing', 'ongoing', 'On-going', 'on going', ' ONGOING '])(
    '%j is ongoing with no start',
    (text) => {
      expect(parseTimeframe(text)).toEqual({ kind: 'ongoing', startDate: null });
    },
  );

  it.each([
    ['Ongoing from Jul 2018', '2018-07-01'],
    ['On-going from July 2018', '2018-07-01'],
    ['Ongoing, from 15/07/2018', '2018-07-15'],
    ['Ongoing from 2018-07-15', '2018-07-15'],
    ['From Jul 2018, ongoing', '2018-07-01'],
    ['from 15 July 2018 ongoing', '2018-07-15'],
  ])('%j is ongoing from %s', (text, startDate) => {
    expect(parseTimeframe(text)).toEqual({ kind: 'ongoing', startDate });
  });
});

describe('parseTimeframe: rubbish', () => {
  it('names the cell and the text, and says what to write instead', () => {
    const error = failure('Spring-ish 2019', 'row 7');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TimeframeError');
    expect(error.cell).toBe('row 7');
    expect(error.text).toBe('Spring-ish 2019');
    expect(error.message).toBe(
      'Timeframe in row 7 ("Spring-ish 2019") is not a date we can read: write a month (Mar 2019), ' +
        'a range (Jul 2018 – Mar 2019), a date (31/03/2019), a quarter (Q2 2027/28), ' +
        'a term (Summer term 2019), Complete or Ongoing.',
    );
  });

  it('leaves the cell out when none is given', () => {
    const error = failure('TBC');
    expect(error.cell).toBeUndefined();
    expect(error.message).toMatch(/^Timeframe \("TBC"\) is not a date we can read: write a month/);
  });

  it('keeps the text exactly as given on the error, and quotes it trimmed in the message', () => {
    const error = failure('  Qx 2019 ', 'F12');
    expect(error.text).toBe('  Qx 2019 ');
    expect(error.message).toContain('Timeframe in F12 ("Qx 2019") is not a date we can read');
  });

  it.each([
    'Spring-ish 2019',
    'Qx 2019',
    'First quarter',
    'TBC',
    'tbc',
    'N/A',
    'ASAP',
    '2019',
    'Mar',
    'March 19',
    'Mar-19',
    '31/03/19',
    '31.03.2019',
    '31-03-2019',
    'Marc 2019',
    'Complete ✓',
    'Completed in March 2019',
    'Ongoing until Mar 2019',
    'From Jul 2018',
    'Jul 2018 –',
    '– Mar 2019',
    'Jul 2018 – Mar 2019 – Jun 2019',
    'Jul 2018 and Mar 2019',
    'By end of',
    'End of the year',
    'Summer term',
    'Midsummer 2019',
    'Immediate action',
    'Ongoing from Spring-ish 2018',
    '43555', // an Excel serial number
  ])('rejects %j, naming the cell and the text', (text) => {
    const error = failure(text, 'row 3');
    expect(error.cell).toBe('row 3');
    expect(error.text).toBe(text);
    expect(error.message).toContain(`Timeframe in row 3 ("${text.trim()}") is not a date we can read: write`);
  });

  it.each(['', '   ', '\u00a0', '\n\t'])('says an empty cell (%j) is empty', (text) => {
    const error = failure(text, 'row 9');
    expect(error.text).toBe(text);
    expect(error.message).toBe(
      'Timeframe in row 9 is empty: write a month (Mar 2019), a range (Jul 2018 – Mar 2019), ' +
        'a date (31/03/2019), a quarter (Q2 2027/28), a term (Summer term 2019), Complete or Ongoing.',
    );
  });

  it.each([
    ['31/02/2019', 'February 2019 has 28 days'],
    ['29/02/2019', 'February 2019 has 28 days'],
    ['30 February 2020', 'February 2020 has 29 days'],
    ['2019-04-31', 'April 2019 has 30 days'],
    ['31st Apr 2019', 'April 2019 has 30 days'],
    ['00/03/2019', 'March 2019 has 31 days'],
    ['32/03/2019', 'March 2019 has 31 days'],
  ])('rejects the impossible date %j: %s', (text, reason) => {
    const error = failure(text, 'row 4');
    expect(error.message).toContain(`Timeframe in row 4 ("${text}") has a date that does not exist`);
    expect(error.message).toContain(reason);
  });

  it.each([
    ['31/13/2019', 13],
    ['2019-13-01', 13],
    ['01/00/2019', 0],
  ])('rejects %j, which has no month %i', (text, month) => {
    expect(failure(text, 'row 5').message).toBe(
      `Timeframe in row 5 ("${text}") has no month ${month}: ` +
        'write the day first, then the month, as in 31/03/2019.',
    );
  });

  it('fails an American date rather than swapping day and month', () => {
    expect(failure('03/31/2019', 'row 6').message).toContain('("03/31/2019") has no month 31');
    expect(failure('01/07/2018 - 03/31/2019', 'row 6').message).toContain('has no month 31');
  });

  it('reads an ambiguous numeric date day first', () => {
    expect(parseTimeframe('03/04/2019')).toEqual(due('2019-04-03'));
  });

  it.each([
    ['Jul 2019 – Mar 2019', 'ends (31 March 2019) before it starts (1 July 2019)'],
    ['31/03/2019 - 30/03/2019', 'ends (30 March 2019) before it starts (31 March 2019)'],
    ['Mar 2019 to 15/02/2019', 'ends (15 February 2019) before it starts (1 March 2019)'],
  ])('rejects the backwards range %j', (text, reason) => {
    const error = failure(text, 'row 8');
    expect(error.message).toBe(
      `Timeframe in row 8 ("${text}") ${reason}: write the start first, as in Jul 2018 – Mar 2019.`,
    );
  });

  it.each([
    ['Mar 1999', 1999],
    ['31/03/2101', 2101],
    ['Jan 1900 – Mar 2019', 1900],
    ['Ongoing from Jul 1998', 1998],
    ['0019-03-31', 19],
  ])('rejects %j, whose year %i is outside 2000–2100', (text, year) => {
    expect(failure(text, 'row 2').message).toBe(
      `Timeframe in row 2 ("${text}") has the year ${year}: a timeframe must fall between 2000 and 2100.`,
    );
  });

  it('accepts the first and last years allowed', () => {
    expect(parseTimeframe('Jan 2000')).toEqual(due('2000-01-31'));
    expect(parseTimeframe('31/12/2100')).toEqual(due('2100-12-31'));
  });
});

describe('formatTimeframe', () => {
  it.each<[Timeframe, string]>([
    [due('2019-03-31'), 'Mar 2019'],
    [due('2019-02-28'), 'Feb 2019'],
    [due('2020-02-29'), 'Feb 2020'],
    [due('2020-02-28'), '28 February 2020'],
    [due('2019-03-05'), '5 March 2019'],
    [due('2019-03-01'), '1 March 2019'],
    [due('2019-03-31', '2018-07-01'), 'Jul 2018 – Mar 2019'],
    [due('2019-03-15', '2018-07-01'), 'Jul 2018 – 15 March 2019'],
    [due('2019-03-31', '2018-07-15'), '15 July 2018 – Mar 2019'],
    [due('2019-03-31', '2018-07-31'), '31 July 2018 – Mar 2019'],
    [{ kind: 'complete' }, 'Complete'],
    [{ kind: 'ongoing', startDate: null }, 'Ongoing'],
    [{ kind: 'ongoing', startDate: '2018-07-01' }, 'From Jul 2018, ongoing'],
    [{ kind: 'ongoing', startDate: '2018-07-15' }, 'From 15 July 2018, ongoing'],
  ])('writes %j as %j', (timeframe, text) => {
    expect(formatTimeframe(timeframe)).toBe(text);
  });

  it.each([
    'Mar 2019',
    'Jul 2018 – Mar 2019',
    '15/07/2018 - 15/03/2019',
    'Jul 2018 to 15 March 2019',
    '31/03/2019',
    '2019-03-05',
    'Complete',
    'Ongoing',
    'Ongoing from Jul 2018',
    'Ongoing from 15/07/2018',
  ])('round-trips %j through parse, format and parse', (text) => {
    const parsed = parseTimeframe(text);
    expect(parseTimeframe(formatTimeframe(parsed))).toEqual(parsed);
  });

  it('refuses an invalid ISO date rather than writing nonsense', () => {
    expect(() => formatTimeframe(due('2019-02-30'))).toThrow(RangeError);
  });
});

describe('parseTimeframe: quarters', () => {
  it.each([
    ['Q1 2027/28', '2027-04-01', '2027-06-30'],
    ['Q2 2027/28', '2027-07-01', '2027-09-30'],
    ['Q3 2027/28', '2027-10-01', '2027-12-31'],
    ['Q4 2027/28', '2028-01-01', '2028-03-31'],
    ['q2 2027-28', '2027-07-01', '2027-09-30'],
    ['Q2 2027/2028', '2027-07-01', '2027-09-30'],
    ['Qtr 2 2027/28', '2027-07-01', '2027-09-30'],
    ['Quarter 2 2027/28', '2027-07-01', '2027-09-30'],
    ['Q4 2099/00', '2100-01-01', '2100-03-31'],
  ])('%j is a financial-year quarter, %s to %s', (text, start, end) => {
    expect(parseTimeframe(text)).toEqual(due(end, start));
    // The plan's setting does not change a quarter that names its financial year.
    expect(parseTimeframe(text, { quarters: 'calendar' })).toEqual(due(end, start));
  });

  it.each([
    ['Q1 2027', '2027-04-01', '2027-06-30', '2027-01-01', '2027-03-31'],
    ['Q2 2027', '2027-07-01', '2027-09-30', '2027-04-01', '2027-06-30'],
    ['Q3 2027', '2027-10-01', '2027-12-31', '2027-07-01', '2027-09-30'],
    ['Q4 2027', '2028-01-01', '2028-03-31', '2027-10-01', '2027-12-31'],
  ])('a bare %j reads by the plan setting', (text, fStart, fEnd, cStart, cEnd) => {
    expect(parseTimeframe(text)).toEqual(due(fEnd, fStart)); // financial unless the plan says otherwise
    expect(parseTimeframe(text, { quarters: 'financial' })).toEqual(due(fEnd, fStart));
    expect(parseTimeframe(text, { quarters: 'calendar' })).toEqual(due(cEnd, cStart));
  });

  it('reads a range of quarters from the first day of one to the last of the other', () => {
    expect(parseTimeframe('Q1 2027/28 – Q3 2027/28')).toEqual(due('2027-12-31', '2027-04-01'));
    expect(parseTimeframe('Q1 2027-28 - Q3 2027-28')).toEqual(due('2027-12-31', '2027-04-01'));
    expect(parseTimeframe('Jan 2027 to Q2 2027', { quarters: 'calendar' })).toEqual(
      due('2027-06-30', '2027-01-01'),
    );
  });

  it.each([
    ['Q5 2027/28', 'has no quarter 5: a year has quarters Q1 to Q4.'],
    ['Q0 2027', 'has no quarter 0: a year has quarters Q1 to Q4.'],
    ['Q2 2027/29', 'has the years 2027/29, which do not follow each other: write 2027/28.'],
    ['Q2 2027/2027', 'has the years 2027/2027, which do not follow each other: write 2027/28.'],
    ['Q2 1999/00', 'has the year 1999: a timeframe must fall between 2000 and 2100.'],
  ])('rejects %j', (text, problem) => {
    expect(failure(text, 'G4').message).toBe(`Timeframe in G4 ("${text}") ${problem}`);
  });
});

describe('parseTimeframe: school terms and seasons', () => {
  it.each([
    ['Autumn term 2019', '2019-09-01', '2019-12-31'],
    ['Spring term 2020', '2020-01-01', '2020-03-31'],
    ['Summer term 2019', '2019-04-01', '2019-07-31'],
    ['summer term, 2019', '2019-04-01', '2019-07-31'],
    ['Autumn term 2019/20', '2019-09-01', '2019-12-31'],
    ['Spring term 2019/20', '2020-01-01', '2020-03-31'],
    ['Summer term 2019/20', '2020-04-01', '2020-07-31'],
  ])('the term %j runs %s to %s', (text, start, end) => {
    expect(parseTimeframe(text)).toEqual(due(end, start));
  });

  it.each([
    ['Spring 2019', '2019-03-01', '2019-05-31'],
    ['Summer 2019', '2019-06-01', '2019-08-31'],
    ['Autumn 2019', '2019-09-01', '2019-11-30'],
    ['Fall 2019', '2019-09-01', '2019-11-30'],
    ['Winter 2019/20', '2019-12-01', '2020-02-29'],
    ['winter 2018/2019', '2018-12-01', '2019-02-28'],
  ])('the season %j runs %s to %s', (text, start, end) => {
    expect(parseTimeframe(text)).toEqual(due(end, start));
  });

  it('reads a season or term inside a range and after Ongoing from', () => {
    expect(parseTimeframe('Spring 2019 – Summer term 2019')).toEqual(due('2019-07-31', '2019-03-01'));
    expect(parseTimeframe('Ongoing from Spring 2018')).toEqual({ kind: 'ongoing', startDate: '2018-03-01' });
  });

  it.each([
    ['Winter 2019', 'does not say which winter: write Winter 2019/20.'],
    ['Spring 2019/20', 'has two years for one spring: write Spring 2019.'],
    ['Summer term 2019/21', 'has the years 2019/21, which do not follow each other: write 2019/20.'],
  ])('rejects %j rather than guessing', (text, problem) => {
    expect(failure(text, 'row 2').message).toBe(`Timeframe in row 2 ("${text}") ${problem}`);
  });
});

describe('parseTimeframe: End of, By, Immediate', () => {
  it.each([
    ['End of March 2019', '2019-03-31'],
    ['end of Mar 2019', '2019-03-31'],
    ['By Sept 2019', '2019-09-30'],
    ['by 31/03/2019', '2019-03-31'],
    ['By end of Mar 2019', '2019-03-31'],
    ['By the end of March 2019', '2019-03-31'],
    ['End of Q2 2027/28', '2027-09-30'],
    ['By Summer term 2019', '2019-07-31'],
  ])('%j is due on %s, with no start', (text, dueDate) => {
    expect(parseTimeframe(text)).toEqual(due(dueDate));
  });

  it.each(['Immediate', 'immediately', 'With immediate effect'])(
    '%j runs from today to the end of this month',
    (text) => {
      expect(parseTimeframe(text, { today: '2019-03-12' })).toEqual(due('2019-03-31', '2019-03-12'));
    },
  );

  it('refuses Immediate when it does not know today', () => {
    expect(failure('Immediate', 'row 3').message).toBe(
      'Timeframe in row 3 ("Immediate") needs the date it was written: write a month instead.',
    );
  });

  it('still reads Complete and Ongoing', () => {
    expect(parseTimeframe('Complete')).toEqual({ kind: 'complete' });
    expect(parseTimeframe('Ongoing')).toEqual({ kind: 'ongoing', startDate: null });
  });

  it.each(['Q2 2027/28', 'Summer term 2019', 'Winter 2019/20', 'End of March 2019', 'By Sept 2019'])(
    'round-trips %j through parse, format and parse',
    (text) => {
      const parsed = parseTimeframe(text);
      expect(parseTimeframe(formatTimeframe(parsed))).toEqual(parsed);
    },
  );
});

describe('checkTimeframe (for forms, as people type)', () => {
  it('answers what the parser read, or its message, without throwing', () => {
    expect(checkTimeframe('Ongoing')).toEqual({
      ok: true,
      kind: 'ongoing',
      startDate: null,
      dueDate: null,
      message: null,
    });
    expect(checkTimeframe('31/03/2019')).toMatchObject({ ok: true, kind: 'dated', dueDate: '2019-03-31' });
    const wrong = checkTimeframe('next spring');
    expect(wrong.ok).toBe(false);
    expect(wrong.message).toMatch(/write a month/);
  });
});
