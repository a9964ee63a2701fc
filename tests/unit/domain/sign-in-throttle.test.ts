import { describe, expect, it } from 'vitest';
import { afterFailure, delaySeconds, waitUntil } from '../../../server/src/domain/sign-in-throttle.js';

const policy = { freeFailures: 5, baseSeconds: 1, maxSeconds: 900, forgetAfterHours: 24 };

describe('progressive sign-in delays', () => {
  it('costs nothing for the free failures, then doubles from one second up to the cap', () => {
    expect([0, 1, 5].map((n) => delaySeconds(n, policy))).toEqual([0, 0, 0]);
    expect([6, 7, 8, 9, 10, 11].map((n) => delaySeconds(n, policy))).toEqual([1, 2, 4, 8, 16, 32]);
    expect(delaySeconds(15, policy)).toBe(512);
    expect(delaySeconds(16, policy)).toBe(900);
    expect(delaySeconds(10_000, policy)).toBe(900);
  });

  it('waits from the last failure, and forgets a count a day after it', () => {
    const t0 = Date.UTC(2026, 0, 5, 9);
    let c = undefined as ReturnType<typeof afterFailure> | undefined;
    for (let i = 0; i < 7; i++) c = afterFailure(c, policy, t0);
    expect(c?.failures).toBe(7);
    expect(waitUntil(c, policy, t0)).toBe(t0 + 2000);
    expect(waitUntil(c, policy, t0 + 2000)).toBeNull();
    const later = t0 + 24 * 3_600_000;
    expect(waitUntil(c, policy, later)).toBeNull();
    expect(afterFailure(c, policy, later).failures).toBe(1);
  });
});
