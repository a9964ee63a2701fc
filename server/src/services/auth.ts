import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Session } from '@ipt/shared/schemas';
import { inTransaction } from '../db/client.js';
import { decoyHash, verifyPassword } from '../lib/passwords.js';
import { problem } from '../lib/problems.js';
import type { RequestOrigin } from '../lib/request-context.js';
import type { SignInThrottle, ThrottleEntry } from '../lib/sign-in-throttle.js';
import type { Actor } from '../lib/types.js';
import type { SessionWithUser } from '../repositories/sessions.js';
import type { ServiceDeps } from './deps.js';

function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

export function hashSessionId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface ResolvedSession {
  actor: Actor;
  idHash: string;
  csrfToken: string;
  expiresAt: string;
  /** Signed in with a one-time password: only changing it (and signing out) is allowed. */
  mustChangePassword: boolean;
}

/** Writes last-seen at most this often, so reads stay reads. */
const TOUCH_EVERY_MS = 60_000;

export function createAuthService({ repos, sqlite, clock, config }: ServiceDeps, throttle: SignInThrottle) {
  const idleMs = config.sessionIdleMinutes * 60_000;
  const maxMs = config.sessionMaxHours * 3_600_000;

  function expiryFrom(createdAt: string, now: Date): string {
    return new Date(Math.min(now.getTime() + idleMs, new Date(createdAt).getTime() + maxMs)).toISOString();
  }

  function toActor(s: SessionWithUser): Actor {
    return {
      id: s.userId,
      email: s.email,
      name: s.name,
      jobTitle: s.jobTitle,
      role: s.role,
      leadId: s.leadId,
    };
  }

  return {
    /**
     * Checks the password and opens a session. An unknown email and a wrong password get the same answer in
     * the same time, and so do their delays: the throttle counts the email as typed, account or not. Nothing
     * locks an account: a guesser's address waits longer after each failure, while the owner signing in
     * from elsewhere is at most slowed a little (see docs/decisions/sign-in-throttling.md).
     */
    async signIn(
      email: string,
      password: string,
      from: RequestOrigin,
    ): Promise<{ token: string; session: Session }> {
      const now = clock();
      const address = from.address ?? 'unknown';
      const wait = throttle.retryAfterSeconds(email, address, now.getTime());
      if (wait > 0) {
        throw problem.tooManyRequests(
          `Too many wrong passwords from here. Wait ${describeWait(wait)} and try again, or ask an administrator to clear the delay.`,
          wait,
        );
      }
      const slow = throttle.slowMs(email, now.getTime());
      if (slow > 0) await new Promise((resolve) => setTimeout(resolve, slow));
      const user = repos.users.findByEmail(email.trim());
      const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
      if (!user || !ok || !user.active) {
        if (!ok) {
          throttle.recordFailure(email, address, now.getTime());
          inTransaction(sqlite, () => {
            repos.audit.record({
              at: now.toISOString(),
              userId: null,
              event: 'sign_in_failed',
              entityType: 'user',
              entityId: user?.id ?? null,
              after: { email: email.trim().slice(0, 254) },
              address: from.address,
              userAgent: from.userAgent,
            });
          });
        }
        throw problem.unauthorised(
          user && ok && !user.active
            ? 'This account has been deactivated. If you still need access, ask your programme office (an administrator of this tracker) to reactivate it.'
            : 'The email address or password is not right. Check them and try again.',
        );
      }
      throttle.recordSuccess(email, address);

      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(32).toString('base64url');
      const at = now.toISOString();
      const expiresAt = expiryFrom(at, now);
      const idHash = hashSessionId(token);
      inTransaction(sqlite, () => {
        repos.sessions.insert({
          idHash,
          userId: user.id,
          csrfToken,
          createdAt: at,
          lastSeenAt: at,
          expiresAt,
          userAgent: from.userAgent?.slice(0, 300) ?? null,
        });
        repos.users.update(user.id, { lastSignInAt: at });
        repos.audit.record({ at, userId: user.id, event: 'sign_in', entityType: 'user', entityId: user.id });
      });
      const resolved = repos.sessions.findLive(idHash);
      if (!resolved) throw new Error('session vanished after insert');
      return {
        token,
        session: {
          user: { ...toActor(resolved), mustChangePassword: resolved.mustChangePassword },
          csrfToken,
          expiresAt,
        },
      };
    },

    /** The live session a cookie names, or null when it is unknown, revoked, expired or its user closed. */
    resolve(token: string): ResolvedSession | null {
      if (token.length < 20 || token.length > 100) return null;
      const idHash = hashSessionId(token);
      const s = repos.sessions.findLive(idHash);
      if (!s || !s.active) return null;
      const now = clock();
      if (new Date(s.expiresAt) <= now) return null;
      let expiresAt = s.expiresAt;
      if (now.getTime() - new Date(s.lastSeenAt).getTime() > TOUCH_EVERY_MS) {
        expiresAt = expiryFrom(s.createdAt, now);
        repos.sessions.touch(idHash, now.toISOString(), expiresAt);
      }
      return {
        actor: toActor(s),
        idHash,
        csrfToken: s.csrfToken,
        expiresAt,
        mustChangePassword: s.mustChangePassword,
      };
    },

    checkCsrf(session: ResolvedSession, sent: string | undefined): boolean {
      if (!sent) return false;
      const a = Buffer.from(sent);
      const b = Buffer.from(session.csrfToken);
      return a.length === b.length && timingSafeEqual(a, b);
    },

    signOut(session: ResolvedSession): void {
      const at = clock().toISOString();
      inTransaction(sqlite, () => {
        repos.sessions.revoke(session.idHash, at);
        repos.audit.record({
          at,
          userId: session.actor.id,
          event: 'sign_out',
          entityType: 'user',
          entityId: session.actor.id,
        });
      });
    },

    /** What the throttle holds against an account, for an administrator. */
    throttleOf(userId: number): { email: string; entries: ThrottleEntry[] } {
      const user = repos.users.findById(userId);
      if (!user) throw problem.notFound(`Account ${userId}`);
      return { email: user.email, entries: throttle.forAccount(user.email, clock().getTime()) };
    },

    /** Every live throttle count: addresses, accounts and accounts from one address. */
    throttled(): ThrottleEntry[] {
      return throttle.list(clock().getTime());
    },

    /** Forgets the failures counted against an account (or, with `address`, a source address). Audited. */
    clearThrottle(actor: Actor, target: { userId: number } | { address: string }): { cleared: number } {
      const at = clock().toISOString();
      let cleared: number;
      let entityId: number | null = null;
      let after: Record<string, unknown>;
      if ('userId' in target) {
        const user = repos.users.findById(target.userId);
        if (!user) throw problem.notFound(`Account ${target.userId}`);
        cleared = throttle.clearAccount(user.email);
        entityId = user.id;
        after = { email: user.email, cleared };
      } else {
        cleared = throttle.clearAddress(target.address);
        after = { address: target.address, cleared };
      }
      inTransaction(sqlite, () => {
        repos.audit.record({
          at,
          userId: actor.id,
          event: 'sign_in_throttle_cleared',
          entityType: 'user',
          entityId,
          after,
        });
      });
      return { cleared };
    },

    sessionOf(session: ResolvedSession): Session {
      return {
        user: { ...session.actor, mustChangePassword: session.mustChangePassword },
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
      };
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
