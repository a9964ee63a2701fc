/**
 * Where the sign-in failure counters live: in memory, bounded, keyed by the email as typed (normalised) so
 * that an unknown address is counted exactly like a known one. Three kinds of key:
 * - `address`: one source address, whatever accounts it tries;
 * - `pair`: one account from one source address — the delay that stops a guesser without touching the owner
 *   signing in from elsewhere;
 * - `account`: one account from anywhere — slows the answer (never refuses) once many addresses have failed.
 * A restart forgets them; that only gives a guesser back the free attempts.
 */
import {
  afterFailure,
  currentCount,
  delaySeconds,
  waitUntil,
  type FailureCount,
  type ThrottlePolicy,
} from '../domain/sign-in-throttle.js';

export type ThrottleKind = 'address' | 'pair' | 'account';

export interface ThrottleEntry {
  kind: ThrottleKind;
  email: string | null;
  address: string | null;
  failures: number;
  lastFailureAt: string;
  /** When the next attempt will be checked; null if it may go ahead now. */
  waitUntil: string | null;
}

export interface SignInThrottleConfig {
  /** Wrong passwords for one account from one address before delays begin. */
  pairFreeFailures: number;
  /** Wrong passwords from one address, any accounts, before delays begin. */
  addressFreeFailures: number;
  /** Wrong passwords for one account from all addresses before its answers are slowed. */
  accountFreeFailures: number;
  /** The longest wait between attempts. */
  maxDelaySeconds: number;
  /** The longest an answer for a much-attacked account is held back. */
  accountMaxSlowMs: number;
  forgetAfterHours: number;
}

const MAX_KEYS = 50_000;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase().slice(0, 320);
}

interface Stored extends FailureCount {
  kind: ThrottleKind;
  email: string | null;
  address: string | null;
}

export class SignInThrottle {
  private readonly counts = new Map<string, Stored>();
  private readonly policies: Record<ThrottleKind, ThrottlePolicy>;

  constructor(config: SignInThrottleConfig) {
    const common = {
      baseSeconds: 1,
      maxSeconds: config.maxDelaySeconds,
      forgetAfterHours: config.forgetAfterHours,
    };
    this.policies = {
      pair: { ...common, freeFailures: config.pairFreeFailures },
      address: { ...common, freeFailures: config.addressFreeFailures },
      // The account-wide count slows answers by fractions of a second, never refuses them.
      account: {
        baseSeconds: 0.25,
        maxSeconds: config.accountMaxSlowMs / 1000,
        forgetAfterHours: config.forgetAfterHours,
        freeFailures: config.accountFreeFailures,
      },
    };
  }

  private keys(email: string, address: string): Record<ThrottleKind, Omit<Stored, keyof FailureCount>> {
    const e = normaliseEmail(email);
    return {
      address: { kind: 'address', email: null, address },
      pair: { kind: 'pair', email: e, address },
      account: { kind: 'account', email: e, address: null },
    };
  }

  private static keyOf(k: { kind: ThrottleKind; email: string | null; address: string | null }): string {
    return JSON.stringify([k.kind, k.email, k.address]);
  }

  private get(k: { kind: ThrottleKind; email: string | null; address: string | null }) {
    return this.counts.get(SignInThrottle.keyOf(k));
  }

  /**
   * Seconds the caller must wait before this attempt can be checked (the longer of the address's and the
   * pair's wait), or 0. Depends only on the email as typed and the address, never on whether it is an
   * account.
   */
  retryAfterSeconds(email: string, address: string, now: number): number {
    const k = this.keys(email, address);
    const until = Math.max(
      waitUntil(this.get(k.address), this.policies.address, now) ?? 0,
      waitUntil(this.get(k.pair), this.policies.pair, now) ?? 0,
    );
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  /** How long to hold back the answer for this account: grows with failures from every address. */
  slowMs(email: string, now: number): number {
    const policy = this.policies.account;
    const c = currentCount(this.get(this.keys(email, '').account), policy, now);
    return c ? Math.round(delaySeconds(c.failures, policy) * 1000) : 0;
  }

  recordFailure(email: string, address: string, now: number): void {
    for (const k of Object.values(this.keys(email, address))) {
      const key = SignInThrottle.keyOf(k);
      const next = afterFailure(this.counts.get(key), this.policies[k.kind], now);
      this.counts.delete(key);
      this.counts.set(key, { ...k, ...next });
      if (this.counts.size > MAX_KEYS) {
        const oldest = this.counts.keys().next().value;
        if (oldest !== undefined) this.counts.delete(oldest);
      }
    }
  }

  /** The right password from this address: its own count for the account starts again. */
  recordSuccess(email: string, address: string): void {
    this.counts.delete(SignInThrottle.keyOf(this.keys(email, address).pair));
  }

  /** Everything counted against an account (from anywhere), as an administrator sees it. */
  forAccount(email: string, now: number): ThrottleEntry[] {
    const e = normaliseEmail(email);
    return this.list(now).filter((x) => x.email === e);
  }

  /** Forgets every count for an account (from every address). Answers how many were forgotten. */
  clearAccount(email: string): number {
    const e = normaliseEmail(email);
    return this.clear((s) => s.email === e);
  }

  /** Forgets every count for a source address. Answers how many were forgotten. */
  clearAddress(address: string): number {
    return this.clear((s) => s.address === address);
  }

  private clear(match: (s: Stored) => boolean): number {
    let n = 0;
    for (const [key, s] of [...this.counts]) {
      if (match(s)) {
        this.counts.delete(key);
        n++;
      }
    }
    return n;
  }

  /** Every live count, most recent failure first. */
  list(now: number): ThrottleEntry[] {
    const out: ThrottleEntry[] = [];
    for (const s of this.counts.values()) {
      const policy = this.policies[s.kind];
      const c = currentCount(s, policy, now);
      if (!c) continue;
      const until = s.kind === 'account' ? null : waitUntil(c, policy, now);
      out.push({
        kind: s.kind,
        email: s.email,
        address: s.address,
        failures: c.failures,
        lastFailureAt: new Date(c.lastFailureAt).toISOString(),
        waitUntil: until === null ? null : new Date(until).toISOString(),
      });
    }
    return out.sort((x, y) => y.lastFailureAt.localeCompare(x.lastFailureAt));
  }
}
