/** Movement and counts in words: the words carry the meaning, never an arrow or a colour alone. */
import { describe, expect, it } from 'vitest';
import { MOVEMENTS } from '@ipt/shared';
import {
  MOVEMENT_ARROWS,
  countChangeWords,
  joinWords,
  movementCountsWords,
  movementWords,
  ragCountsWords,
  totalOf,
} from '../../../client/src/lib/movement';

describe('movement in words', () => {
  it('names both ratings when an action improved or worsened', () => {
    expect(movementWords('improved', 'amber', 'green')).toBe('Improved from Amber to Green');
    expect(movementWords('worsened', 'green', 'red')).toBe('Worsened from Green to Red');
    expect(movementWords('improved', 'green', 'blue')).toBe('Improved from Green to Blue');
  });

  it('says an action that started was rated, not that it improved or worsened from Not started', () => {
    expect(movementWords('worsened', 'not_started', 'amber')).toBe('Rated Amber (was Not started)');
    expect(movementWords('worsened', 'not_started', 'red')).toBe('Rated Red (was Not started)');
    expect(movementWords('unchanged', 'not_started', 'green')).toBe('Rated Green (was Not started)');
    expect(movementWords('improved', 'not_started', 'blue')).toBe('Rated Blue (was Not started)');
    expect(movementWords('unchanged', 'not_started', 'not_started')).toBe('No change');
  });

  it('says when nothing changed', () => {
    expect(movementWords('unchanged', 'amber', 'amber')).toBe('No change');
  });

  it('says an action is new, or that there is no earlier meeting to compare with', () => {
    expect(movementWords('new', null, 'green')).toBe('New since the previous meeting');
    expect(movementWords('new', null, 'green', { hasPrevious: false })).toBe('First meeting');
  });

  it('says an action has gone from the plan by the later meeting', () => {
    expect(movementWords('unchanged', 'amber', null)).toBe('No longer in the plan');
  });

  it('has a decorative arrow for every movement', () => {
    for (const m of MOVEMENTS) expect(MOVEMENT_ARROWS[m]).toBeTruthy();
  });
});

describe('counts in words', () => {
  it('says how a count changed', () => {
    expect(countChangeWords(4, 3)).toBe('Up 1');
    expect(countChangeWords(5, 7)).toBe('Down 2');
    expect(countChangeWords(9, 9)).toBe('No change');
    expect(countChangeWords(9, null)).toBe('');
  });

  it('lists RAG counts worst first, leaving out ratings with none', () => {
    expect(ragCountsWords({ blue: 4, green: 9, amber: 5, red: 2, not_started: 1 })).toBe(
      '2 Red, 5 Amber, 9 Green, 4 Blue and 1 Not started',
    );
    expect(ragCountsWords({ blue: 1, green: 0, amber: 0, red: 0, not_started: 0 })).toBe('1 Blue');
    expect(ragCountsWords({ blue: 0, green: 0, amber: 0, red: 0, not_started: 0 })).toBe('No actions');
    expect(totalOf({ blue: 4, green: 9, amber: 5, red: 2, not_started: 1 })).toBe(21);
  });

  it('lists movements, what got worse first', () => {
    expect(movementCountsWords({ improved: 4, worsened: 2, unchanged: 15, new: 0 })).toBe(
      '2 worsened, 4 improved and 15 unchanged',
    );
    expect(movementCountsWords({ improved: 0, worsened: 0, unchanged: 0, new: 21 })).toBe('21 new');
  });

  it('joins words the English way', () => {
    expect(joinWords([])).toBe('');
    expect(joinWords(['a'])).toBe('a');
    expect(joinWords(['a', 'b'])).toBe('a and b');
    expect(joinWords(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
