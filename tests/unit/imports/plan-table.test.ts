import { describe, expect, it } from 'vitest';
import {
  ambiguousLeadSplit,
  columnLetter,
  headingKey,
  readPlanTable,
  recogniseHeading,
  splitLeads,
} from '../../../server/src/imports/plan-csv.js';

describe('headings by meaning', () => {
  it.each([
    ['Theme', 'theme'],
    ['Priority', 'theme'],
    ['Workstream', 'theme'],
    ['Area', 'area'],
    ['Service area', 'area'],
    ['Sub-theme', 'area'],
    ['Number', 'ref'],
    ['Ref.', 'ref'],
    ['Action no.', 'ref'],
    ['Sources', 'sources'],
    ['Links to\nOfsted recommendations', 'sources'],
    ['What we want to achieve', 'objective'],
    ['Outcome (what we want to achieve)', 'objective'],
    ['Action', 'action'],
    ['Action(s)\n(incl. Ofsted recommendations)', 'action'],
    ['What we will do', 'action'],
    ['Lead', 'leads'],
    ['Lead officer(s)', 'leads'],
    ['Action lead', 'leads'],
    ['Responsible officer', 'leads'],
    ['Timeframe', 'timeframe'],
    ['Timescale', 'timeframe'],
    ['By when?', 'timeframe'],
    ['Target date', 'timeframe'],
  ])('reads %j as %s', (heading, field) => {
    expect(recogniseHeading(headingKey(heading))).toBe(field);
  });

  it.each(['RAG', 'Comments', '', 'Budget £'])('does not recognise %j', (heading) => {
    expect(recogniseHeading(headingKey(heading))).toBeNull();
  });

  it('keys a heading without case, punctuation, line breaks or bracketed suffixes', () => {
    expect(headingKey('Action(s)\n(incl. Ofsted recommendations)')).toBe('action');
    expect(headingKey('  RAG (last board):  ')).toBe('rag');
    expect(headingKey('Lead — Officer')).toBe('lead officer');
  });

  it('names columns as a spreadsheet does', () => {
    expect([0, 7, 25, 26, 27, 51, 52].map(columnLetter)).toEqual(['A', 'H', 'Z', 'AA', 'AB', 'AZ', 'BA']);
  });
});

describe('readPlanTable', () => {
  const header = ['Ref', 'Outcome', 'Action', 'Lead', 'Timescale', 'Theme', 'Area'];

  it('finds the header under a title row, continues blank themes and areas, and reads section headings', () => {
    const grid = [
      ['Improvement plan 2027/28'],
      [],
      header,
      ['', '', '', '', '', 'Practice', ''],
      [
        '1.1',
        'Safer front door',
        'Review the MASH',
        'Head of First Response',
        'Q1 2027/28',
        '',
        'Front door',
      ],
      ['1.2', 'Better plans', 'Audit plans', 'Head of QA / Head of Safeguarding', 'Q2 2027/28', '', ''],
      ['Workforce'],
      ['2.1', 'Stable staff', 'Recruit', 'Head of HR', 'Mar 2028', '', 'Recruitment'],
      ['', '', '', '', '', '', ''],
    ];
    const t = readPlanTable(grid);
    expect(t?.headerRow).toBe(3);
    expect(t?.missing).toEqual([]);
    expect(t?.sectionRows).toEqual([4, 7]);
    expect(t?.rows.map((r) => [r.row, r.ref, r.theme, r.area, r.leads])).toEqual([
      [5, '1.1', 'Practice', 'Front door', ['Head of First Response']],
      [6, '1.2', 'Practice', 'Front door', ['Head of QA', 'Head of Safeguarding']],
      [8, '2.1', 'Workforce', 'Recruitment', ['Head of HR']],
    ]);
  });

  it('applies the person’s mapping, and says which required fields no column gives', () => {
    const grid = [
      ['No', 'Improvement', 'Owner', 'Deadline', 'Strand'],
      ['1', 'Do it', 'Head of X', 'Mar 2028', 'T'],
    ];
    const t = readPlanTable(grid);
    expect(t?.columns.find((c) => c.heading === 'Improvement')?.how).toBe('unrecognised');
    expect(t?.missing).toEqual(['objective']);
    const mapped = readPlanTable(grid, { improvement: 'objective' });
    expect(mapped?.missing).toEqual([]);
    expect(mapped?.rows[0]?.objective).toBe('Do it');
    const ignored = readPlanTable(grid, { owner: 'ignore' });
    expect(ignored?.columns.find((c) => c.key === 'owner')?.how).toBe('ignored');
    expect(ignored?.missing).toEqual(['objective', 'leads']);
  });

  it('finds no header in a table that is not a plan', () => {
    expect(
      readPlanTable([
        ['Key', 'RAG'],
        ['Red', 'Off track'],
      ]),
    ).toBeNull();
  });
});

describe('leads', () => {
  it('splits on slashes with spaces, semicolons and new lines, never on "and"', () => {
    expect(splitLeads('Head of A / Head of B; Head of C\nHead of Learning and Development')).toEqual([
      'Head of A',
      'Head of B',
      'Head of C',
      'Head of Learning and Development',
    ]);
    expect(splitLeads('Head of Children/Young People')).toEqual(['Head of Children/Young People']);
  });

  it('proposes a split at "and" or "&" for the person to confirm', () => {
    expect(ambiguousLeadSplit('Head of Learning and Development')).toEqual([
      'Head of Learning',
      'Development',
    ]);
    expect(ambiguousLeadSplit('Head of QA & Head of HR')).toEqual(['Head of QA', 'Head of HR']);
    expect(ambiguousLeadSplit('Head of Safeguarding')).toBeNull();
  });
});
