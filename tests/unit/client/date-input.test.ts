/** GOV.UK's three-box date input, read into an ISO date with the design system's error messages. */
import { describe, expect, it } from 'vitest';
import {
  datePartsFromIso,
  emptyDateParts,
  parseDateInput,
  readDateInput,
  readMonth,
} from '../../../client/src/lib/date-input';

const parse = (day: string, month: string, year: string) =>
  parseDateInput({ day, month, year }, 'the new due date');

describe('parseDateInput', () => {
  it('reads a real date, with or without leading zeros', () => {
    expect(parse('31', '3', '2027')).toEqual({ ok: true, value: '2027-03-31' });
    expect(parse(' 05 ', '09', '2026')).toEqual({ ok: true, value: '2026-09-05' });
  });

  it('reads the month as a name or its short form, as people type it', () => {
    expect(parse('1', 'March', '2027')).toEqual({ ok: true, value: '2027-03-01' });
    expect(parse('1', 'sept', '2027')).toEqual({ ok: true, value: '2027-09-01' });
    expect(parse('1', 'Dec.', '2027')).toEqual({ ok: true, value: '2027-12-01' });
  });

  it('asks for the date when nothing is entered', () => {
    expect(parse('', ' ', '')).toEqual({
      ok: false,
      message: 'Enter the new due date',
      parts: ['day', 'month', 'year'],
    });
  });

  it('names the boxes left empty', () => {
    expect(parse('31', '', '2027')).toEqual({
      ok: false,
      message: 'The new due date must include a month',
      parts: ['month'],
    });
    expect(parse('', '', '2027')).toEqual({
      ok: false,
      message: 'The new due date must include a day and month',
      parts: ['day', 'month'],
    });
  });

  it('refuses what is not a real date, marking the boxes that are wrong', () => {
    expect(parse('31', '2', '2027')).toMatchObject({
      ok: false,
      message: 'The new due date must be a real date',
    });
    expect(parse('29', '2', '2027')).toMatchObject({ ok: false, parts: ['day'] });
    expect(parse('29', '2', '2028')).toEqual({ ok: true, value: '2028-02-29' });
    expect(parse('x', '13', '2027')).toMatchObject({ ok: false, parts: ['day', 'month'] });
    expect(parse('1', 'Smarch', '2027')).toMatchObject({ ok: false, parts: ['month'] });
  });

  it('wants a year of four numbers', () => {
    expect(parse('1', '3', '27')).toEqual({
      ok: false,
      message: 'Year must include 4 numbers',
      parts: ['year'],
    });
    expect(parse('1', '3', '20x7')).toMatchObject({ ok: false, parts: ['year'] });
  });
});

describe('readMonth', () => {
  it('reads numbers 1 to 12 and English month names', () => {
    expect(readMonth('12')).toBe(12);
    expect(readMonth('0')).toBeNull();
    expect(readMonth('13')).toBeNull();
    expect(readMonth('january')).toBe(1);
    expect(readMonth('Ju')).toBeNull();
  });
});

describe('readDateInput', () => {
  const words = { label: 'Date of the meeting', enter: 'Enter the date of the meeting' };

  it('lets an optional date be left out, and asks for a required one', () => {
    expect(readDateInput(emptyDateParts(), words, false)).toEqual({ value: null, error: null });
    expect(readDateInput(emptyDateParts(), words, true)).toEqual({
      value: null,
      error: { message: 'Enter the date of the meeting', parts: ['day', 'month', 'year'] },
    });
  });

  it('reads a date, or says what is wrong in the date’s own name', () => {
    expect(readDateInput({ day: '15', month: '12', year: '2026' }, words, true)).toEqual({
      value: '2026-12-15',
      error: null,
    });
    expect(readDateInput({ day: '15', month: '', year: '2026' }, words, false).error?.message).toBe(
      'Date of the meeting must include a month',
    );
  });

  it('fills the boxes from an ISO date', () => {
    expect(datePartsFromIso('2027-03-05')).toEqual({ day: '5', month: '3', year: '2027' });
    expect(datePartsFromIso(null)).toEqual(emptyDateParts());
  });
});
