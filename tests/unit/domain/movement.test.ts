import { describe, expect, it } from 'vitest';
import { movementOf, worstRag } from '../../../server/src/domain/movement.js';

describe('movement between meetings', () => {
  it.each([
    [null, 'green', 'new'],
    ['amber', 'green', 'improved'],
    ['green', 'blue', 'improved'],
    ['red', 'amber', 'improved'],
    ['green', 'amber', 'worsened'],
    ['amber', 'red', 'worsened'],
    ['blue', 'green', 'worsened'],
    ['not_started', 'green', 'unchanged'],
    ['green', 'not_started', 'unchanged'],
    ['not_started', 'amber', 'worsened'],
    ['red', 'red', 'unchanged'],
  ] as const)('%s → %s is %s', (from, to, movement) => {
    expect(movementOf(from, to)).toBe(movement);
  });

  it('the worst RAG of a set: Red over Amber over Green over Not started over Blue; none of nothing', () => {
    expect(worstRag(['blue', 'green', 'red', 'amber'])).toBe('red');
    expect(worstRag(['blue', 'not_started', 'green'])).toBe('green');
    expect(worstRag(['not_started', 'blue'])).toBe('not_started');
    expect(worstRag(['blue'])).toBe('blue');
    expect(worstRag([])).toBeNull();
  });
});
