import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Session } from '@ipt/shared/schemas';
import { inTransaction } from '../db/client.js';
import { decoyHash, verifyPassword } from '../lib/passwords.js';
import { problem } from '../lib/problems.js';
import type { Actor } from '../lib/types.js';
import type { SessionWithUser } from '../repositories/sessions.js';
import type { ServiceDeps } from './deps.js';

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

export function createAuthService({ repos, sqlite, clock, config }: ServiceDeps) {
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
     * Checks the password and opens a session. Unknown email and wrong password get the same answer in the
     * same time; repeated failures lock the account for a while.
     */
    async signIn(
      email: string,
      password: string,
      userAgent: string | undefined,
    ): Promise<{ token: string; session: Session }> {
      const user = repos.users.findByEmail(email.trim());
      const now = clock();
      if (user?.lockedUntil && new Date(user.lockedUntil) > now) {
        const minutes = Math.max(
          1,
          Math.ceil((new Date(user.lockedUntil).getTime() - now.getTime()) / 60_000),
        );
        throw problem.tooManyRequests(
          `Too many wrong passwords for this account. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask an administrator to reset it.`,
          minutes * 60,
        );
      }
      const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
      if (!user || !ok || !user.active) {
        if (user && !ok) {
          const failures = user.failedSignIns + 1;
          const lock = failures >= config.lockout.maxFailures;
          inTransaction(sqlite, () => {
            repos.users.update(user.id, {
              failedSignIns: lock ? 0 : failures,
              lockedUntil: lock
                ? new Date(now.getTime() + config.lockout.minutes * 60_000).toISOString()
                : null,
            });
            if (lock) {
              repos.audit.record({
                at: now.toISOString(),
                userId: user.id,
                event: 'account_locked',
                entityType: 'user',
                entityId: user.id,
                after: { failures, minutes: config.lockout.minutes },
              });
            }
          });
        }
        throw problem.unauthorised(
          user && ok && !user.active
            ? 'This account has been closed. Ask an administrator if you need access.'
            : 'The email address or password is not right. Check them and try again.',
        );
      }

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
          userAgent: userAgent?.slice(0, 300) ?? null,
        });
        repos.users.update(user.id, { failedSignIns: 0, lockedUntil: null, lastSignInAt: at });
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
