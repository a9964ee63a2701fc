import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { leads, sessions, users } from '../db/schema.js';

export type SessionRow = typeof sessions.$inferSelect;

export interface SessionWithUser {
  idHash: string;
  csrfToken: string;
  expiresAt: string;
  lastSeenAt: string;
  createdAt: string;
  userId: number;
  email: string;
  name: string;
  jobTitle: string;
  role: (typeof users.$inferSelect)['role'];
  active: boolean;
  mustChangePassword: boolean;
  leadId: number | null;
}

export function createSessionRepository(db: Db) {
  // The hot path of every request: one prepared statement, by primary key.
  const findLive = db
    .select({
      idHash: sessions.idHash,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      createdAt: sessions.createdAt,
      userId: users.id,
      email: users.email,
      name: users.name,
      jobTitle: users.jobTitle,
      role: users.role,
      active: users.active,
      mustChangePassword: users.mustChangePassword,
      leadId: leads.id,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(leads, and(eq(leads.userId, users.id), isNull(leads.archivedAt)))
    .where(and(eq(sessions.idHash, sql.placeholder('idHash')), isNull(sessions.revokedAt)))
    .prepare();

  return {
    insert(row: typeof sessions.$inferInsert): void {
      db.insert(sessions).values(row).run();
    },
    findLive(idHash: string): SessionWithUser | undefined {
      return findLive.get({ idHash });
    },
    touch(idHash: string, lastSeenAt: string, expiresAt: string): void {
      db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.idHash, idHash)).run();
    },
    revoke(idHash: string, at: string): void {
      db.update(sessions)
        .set({ revokedAt: at })
        .where(and(eq(sessions.idHash, idHash), isNull(sessions.revokedAt)))
        .run();
    },
    revokeAllForUser(userId: number, at: string): number {
      return db
        .update(sessions)
        .set({ revokedAt: at })
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
        .run().changes;
    },
    /** Ends every session of the user but the one named (the person's own, changing their password). */
    revokeOthersForUser(userId: number, keepIdHash: string, at: string): number {
      return db
        .update(sessions)
        .set({ revokedAt: at })
        .where(and(eq(sessions.userId, userId), ne(sessions.idHash, keepIdHash), isNull(sessions.revokedAt)))
        .run().changes;
    },
  };
}
export type SessionRepository = ReturnType<typeof createSessionRepository>;
