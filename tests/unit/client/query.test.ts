import { describe, expect, it } from 'vitest';
import {
  first,
  hasScope,
  idToField,
  leadOptions,
  parseScope,
  pickScope,
  positiveInt,
  scopeToFields,
  scopeToQuery,
} from '../../../client/src/lib/query';

describe('reading the URL query behind the GET forms', () => {
  it('takes the first of repeated parameters and ignores nulls', () => {
    expect(first(['4', '5'])).toBe('4');
    expect(first([null, '5'])).toBeUndefined();
    expect(first(null)).toBeUndefined();
    expect(first('7')).toBe('7');
  });

  it('accepts ids from 1 to the limit only', () => {
    expect(positiveInt('1')).toBe(1);
    expect(positiveInt(' 12 ')).toBe(12);
    expect(positiveInt('0')).toBeUndefined();
    expect(positiveInt('-3')).toBeUndefined();
    expect(positiveInt('2.5')).toBeUndefined();
    expect(positiveInt('2147483648')).toBeUndefined();
    expect(positiveInt('101', 100)).toBeUndefined();
    expect(positiveInt(undefined)).toBeUndefined();
  });

  it('reads a scope from a query or from a form’s fields, dropping the rest', () => {
    expect(parseScope({ theme: '2', lead: 'x', recommendation: '9', sort: 'plan' })).toEqual({
      theme: 2,
      recommendation: 9,
    });
    expect(parseScope(scopeToFields({ lead: 4 }))).toEqual({ lead: 4 });
    expect(parseScope({})).toEqual({});
  });

  it('writes back only the ids that are set', () => {
    expect(scopeToQuery({ theme: 2, lead: undefined, recommendation: 9 })).toEqual({
      theme: '2',
      recommendation: '9',
    });
    expect(pickScope({ lead: 3, sort: 'plan' } as never)).toEqual({ lead: 3 });
    expect(scopeToFields({ theme: 5 })).toEqual({ theme: '5', lead: '', recommendation: '' });
    expect(idToField(undefined)).toBe('');
  });

  it('says whether anything narrows the view', () => {
    expect(hasScope({})).toBe(false);
    expect(hasScope({ recommendation: 1 })).toBe(true);
  });

  it('offers a select option per lead, its id as the value', () => {
    expect(leadOptions([{ id: 3, name: 'Head of Service', kind: 'person' } as never])).toEqual([
      { value: '3', text: 'Head of Service' },
    ]);
  });
});
