import { describe, expect, it } from 'vitest';
import { compareRisks, riskBand, riskMovement, riskScore } from '../../../server/src/domain/risk.js';

describe('risk scoring', () => {
  it('is likelihood times impact', () => {
    expect(riskScore(4, 5)).toBe(20);
    expect(riskScore(1, 1)).toBe(1);
  });

  it('refuses a likelihood or impact outside 1–5', () => {
    expect(() => riskScore(0, 3)).toThrow(RangeError);
    expect(() => riskScore(3, 6)).toThrow(RangeError);
    expect(() => riskScore(2.5, 2)).toThrow(RangeError);
  });

  it('bands 1–4 Green, 5–12 Amber, 15–25 Red, at every edge', () => {
    expect(riskBand(1)).toBe('green');
    expect(riskBand(4)).toBe('green');
    expect(riskBand(5)).toBe('amber');
    expect(riskBand(12)).toBe('amber');
    expect(riskBand(15)).toBe('red');
    expect(riskBand(25)).toBe('red');
  });

  it('every possible score falls in exactly the band its range says', () => {
    for (let l = 1; l <= 5; l++)
      for (let i = 1; i <= 5; i++) {
        const s = riskScore(l, i);
        expect(riskBand(s)).toBe(s >= 15 ? 'red' : s >= 5 ? 'amber' : 'green');
      }
  });

  it('moves new, up, down or unchanged against the previous meeting', () => {
    expect(riskMovement(null, 9)).toBe('new');
    expect(riskMovement(9, 12)).toBe('up');
    expect(riskMovement(12, 9)).toBe('down');
    expect(riskMovement(9, 9)).toBe('unchanged');
  });

  it('orders by score, then impact, then age', () => {
    const rows = [
      { riskId: 1, score: 12, impact: 3 },
      { riskId: 2, score: 20, impact: 4 },
      { riskId: 3, score: 12, impact: 4 },
      { riskId: 4, score: 12, impact: 4 },
    ];
    expect([...rows].sort(compareRisks).map((r) => r.riskId)).toEqual([2, 3, 4, 1]);
  });
});
