/**
 * Progressive sign-in delays: the rule, with no storage or clock of its own.
 *
 * A counter of wrong passwords is kept for each key (an address, an account from one address, an account
 * from anywhere). The first `freeFailures` cost nothing; after that each further failure doubles the wait
 * before the next attempt may be checked, from `baseSeconds` up to `maxSeconds`. A counter is forgotten
 * `forgetAfterHours` after its last failure. Nothing ever locks: once the wait has passed, the right
 * password works.
 */
export interface ThrottlePolicy {
  freeFailures: number;
  baseSeconds: number;
  maxSeconds: number;
  forgetAfterHours: number;
}

export interface FailureCount {
  failures: number;
  /** Epoch milliseconds of the latest failure. */
  lastFailureAt: number;
}

/** Seconds to wait after `failures` wrong passwords before the next attempt is checked (0: no wait). */
export function delaySeconds(failures: number, policy: ThrottlePolicy): number {
  const over = failures - policy.freeFailures;
  if (over <= 0) return 0;
  // 2 ** 30 already exceeds any sensible cap; stop there so the number stays finite.
  return Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** Math.min(over - 1, 30));
}

/** The count as it stands at `now`: forgotten once old enough. */
export function currentCount(
  count: FailureCount | undefined,
  policy: ThrottlePolicy,
  now: number,
): FailureCount | undefined {
  if (!count) return undefined;
  if (now - count.lastFailureAt >= policy.forgetAfterHours * 3_600_000) return undefined;
  return count;
}

/** Epoch milliseconds before which the next attempt is not checked, or null when it may go ahead now. */
export function waitUntil(
  count: FailureCount | undefined,
  policy: ThrottlePolicy,
  now: number,
): number | null {
  const c = currentCount(count, policy, now);
  if (!c) return null;
  const until = c.lastFailureAt + delaySeconds(c.failures, policy) * 1000;
  return until > now ? until : null;
}

/** The count after one more wrong password at `now`. */
export function afterFailure(
  count: FailureCount | undefined,
  policy: ThrottlePolicy,
  now: number,
): FailureCount {
  const c = currentCount(count, policy, now);
  return { failures: (c?.failures ?? 0) + 1, lastFailureAt: now };
}
