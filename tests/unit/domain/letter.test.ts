import { describe, expect, it } from 'vitest';
import { splitRecommendationList } from '../../../server/src/domain/letter.js';

const items = (text: string) => splitRecommendationList(text).map((i) => [i.number, i.text]);

describe('splitRecommendationList', () => {
  it('reads a numbered list after the heading, one recommendation per item, wrapped lines joined', () => {
    const letter = [
      'Inspection of children’s social care services',
      'The local authority has made progress since the last inspection.',
      '',
      'What needs to improve in this local authority?',
      '1. The quality of management oversight and decision-making at every',
      '   level, so that children’s plans progress.',
      '2) Support for children when their child protection plans end.',
      '(3) Assessment and planning, so that risk is recognised.',
    ].join('\n');
    expect(items(letter)).toEqual([
      [
        '1',
        'The quality of management oversight and decision-making at every level, so that children’s plans progress.',
      ],
      ['2', 'Support for children when their child protection plans end.'],
      ['3', 'Assessment and planning, so that risk is recognised.'],
    ]);
    expect(splitRecommendationList(letter)[0]!.line).toBe(5);
  });

  it('numbers a bulleted list from 1', () => {
    expect(
      items(
        'What needs to improve\n• Care plans that reflect identity.\n• Records that are current.\n- Audit that measures impact.',
      ),
    ).toEqual([
      ['1', 'Care plans that reflect identity.'],
      ['2', 'Records that are current.'],
      ['3', 'Audit that measures impact.'],
    ]);
  });

  it('keeps lettered and direction-style numbers', () => {
    expect(
      items('b1. Continue a robust plan.\nb2. Implement early help.\n(c) Review the role of chairs.'),
    ).toEqual([
      ['b1', 'Continue a robust plan.'],
      ['b2', 'Implement early help.'],
      ['c', 'Review the role of chairs.'],
    ]);
  });

  it('reads unmarked paragraphs one per item', () => {
    expect(
      items('Improve the timeliness of assessments.\n\nStrengthen supervision\nof social workers.'),
    ).toEqual([
      ['1', 'Improve the timeliness of assessments.'],
      ['2', 'Strengthen supervision of social workers.'],
    ]);
  });

  it('reads nothing from empty text', () => {
    expect(items('  \n\n ')).toEqual([]);
  });
});
