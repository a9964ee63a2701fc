import { describe, expect, it } from 'vitest';
import {
  CitationError,
  citedSources,
  describeCitation,
  parseCitations,
  TRIMMED_BY_JS,
  type CitableSource,
} from '../../../server/src/domain/citations.js';

const refs = (text: string) => parseCitations(text).map((c) => `${c.source ?? '?'}:${c.number}`);

describe('parseCitations', () => {
  it.each([
    ['Ofsted Recommendation 3 and 7', ['ofsted:3', 'ofsted:7']],
    ['Ofsted recommendations 3 & 7', ['ofsted:3', 'ofsted:7']],
    ['Rec 3', ['?:3']],
    ['Recs 2, 4', ['?:2', '?:4']],
    ['R3, R7', ['?:3', '?:7']],
    ['R3', ['?:3']],
    ['recommendations 1-3', ['?:1', '?:2', '?:3']],
    ['Recommendations 1 – 3', ['?:1', '?:2', '?:3']],
    ['Ofsted recommendations 2 to 4', ['ofsted:2', 'ofsted:3', 'ofsted:4']],
    ['DfE Direction b5', ['dfe:b5']],
    ['DfE directions b2-b4', ['dfe:b2', 'dfe:b3', 'dfe:b4']],
    [
      'Ofsted Recommendation 5; Ofsted Recommendation 9; DfE Direction b5',
      ['ofsted:5', 'ofsted:9', 'dfe:b5'],
    ],
    ['Ofsted 1; 4', ['ofsted:1', 'ofsted:4']],
  ])('reads %j', (text, expected) => {
    expect(refs(text)).toEqual(expected);
  });

  it('keeps a bracketed scope note with its reference', () => {
    expect(
      parseCitations('Ofsted Recommendation 3; Ofsted Recommendation 7 (asylum-seeking children only)'),
    ).toEqual([
      { source: 'ofsted', number: '3', scopeNote: '' },
      { source: 'ofsted', number: '7', scopeNote: 'asylum-seeking children only' },
    ]);
  });

  it.each([
    ['Peer review priority 2', 'Peer review', ['2']],
    ['PLO thematic review priorities 1 and 3', 'PLO thematic review', ['1', '3']],
    ['Priority 4 of the Practice Review', 'Practice Review', ['4']],
    ['Priority 2 - LGA peer review', 'LGA peer review', ['2']],
  ])('reads a priority of a named review in %j', (text, name, numbers) => {
    const cited = parseCitations(text);
    expect(cited.map((c) => c.number)).toEqual(numbers);
    expect(cited.every((c) => c.source === 'review' && c.sourceName === name)).toBe(true);
  });

  it.each(['', '  ', 'None', 'n/a', '-', '–'])('reads %j as no reference', (text) => {
    expect(parseCitations(text)).toEqual([]);
  });

  it.each([
    ['Ofsted', 'names no recommendation number'],
    ['Ofsted recommendation three', '"three", which is not a recommendation number'],
  ])('refuses %j', (text, message) => {
    expect(() => parseCitations(text)).toThrow(CitationError);
    expect(() => parseCitations(text)).toThrow(message);
  });
});

describe('citedSources', () => {
  const sources: CitableSource[] = [
    {
      id: 1,
      kind: 'inspection',
      title: "Ofsted re-inspection of children's services",
      citation: 'Ofsted recommendation',
    },
    { id: 2, kind: 'dfe_direction', title: 'DfE statutory direction', citation: 'DfE direction' },
    { id: 3, kind: 'internal_review', title: 'LGA peer review 2019', citation: 'Peer review' },
    { id: 4, kind: 'internal_review', title: 'PLO thematic review', citation: '' },
  ];
  const ids = (text: string) => parseCitations(text).map((c) => citedSources(c, sources).map((s) => s.id));

  it('finds the sources by keyword', () => {
    expect(ids('Ofsted Recommendation 3')).toEqual([[1]]);
    expect(ids('DfE Direction b5')).toEqual([[2]]);
  });

  it('finds a named review by the words of its name', () => {
    expect(ids('Peer review priority 2')).toEqual([[3]]);
    expect(ids('Priority 1 of the PLO thematic review')).toEqual([[4]]);
    expect(ids('Practice review priority 1')).toEqual([[]]);
  });

  it('offers every source when the cell names none', () => {
    expect(ids('R3')).toEqual([[1, 2, 3, 4]]);
  });

  it('describes a reference for a message', () => {
    expect(parseCitations('Ofsted Rec 3; DfE b5; Peer review priority 2; R4').map(describeCitation)).toEqual([
      'Ofsted recommendation 3',
      'DfE direction b5',
      'Peer review priority 2',
      'Peer review priority 4', // a bare number carries the source before it
    ]);
  });
});

describe('TRIMMED_BY_JS', () => {
  it('is exactly the characters String.prototype.trim removes (so SQL trims as recommendationLabel does)', () => {
    const trimmed: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      if (code >= 0xd800 && code <= 0xdfff) continue; // halves of a pair: not characters on their own
      if (`${c}x${c}`.trim() === 'x') trimmed.push(c);
    }
    expect([...TRIMMED_BY_JS].sort()).toEqual(trimmed.sort());
    // Nothing beyond the Basic Multilingual Plane is white space to trim().
    expect('\u{1F600}x'.trim()).toBe('\u{1F600}x');
  });
});
