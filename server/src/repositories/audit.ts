import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { auditLog, users } from '../db/schema.js';
import { currentOrigin } from '../lib/request-context.js';

export interface AuditEntry {
  at: string;
  userId: number | null;
  event: string;
  entityType: string;
  entityId: number | null;
  before?: unknown;
  after?: unknown;
  /** Where the change came from; the current request's unless given. */
  address?: string | null;
  userAgent?: string | null;
}

export interface AuditFilter {
  entityType?: string | undefined;
  entityId?: number | undefined;
  userId?: number | undefined;
}

function auditWhere(filter: AuditFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.entityType) conditions.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
  if (filter.userId) conditions.push(eq(auditLog.userId, filter.userId));
  return conditions.length ? and(...conditions) : undefined;
}

export function createAuditRepository(db: Db) {
  const insert = db
    .insert(auditLog)
    .values({
      at: sql.placeholder('at'),
      userId: sql.placeholder('userId'),
      event: sql.placeholder('event'),
      entityType: sql.placeholder('entityType'),
      entityId: sql.placeholder('entityId'),
      before: sql.placeholder('before'),
      after: sql.placeholder('after'),
      address: sql.placeholder('address'),
      userAgent: sql.placeholder('userAgent'),
    })
    .prepare();

  return {
    /** Call inside the transaction that makes the change, so the change and its record stand or fall together. */
    record(entry: AuditEntry): void {
      const origin = currentOrigin();
      insert.run({
        at: entry.at,
        userId: entry.userId,
        event: entry.event,
        entityType: entry.entityType,
        entityId: entry.entityId,
        before: entry.before === undefined ? null : JSON.stringify(entry.before),
        after: entry.after === undefined ? null : JSON.stringify(entry.after),
        address: entry.address ?? origin?.address ?? null,
        userAgent: entry.userAgent ?? origin?.userAgent ?? null,
      });
    },

    /** How many entries match the filter, on all pages. */
    count(filter: AuditFilter): number {
      return db.select({ n: count() }).from(auditLog).where(auditWhere(filter)).get()?.n ?? 0;
    },

    list(filter: AuditFilter & { limit: number; offset: number }) {
      return db
        .select({
          id: auditLog.id,
          at: auditLog.at,
          userId: auditLog.userId,
          userName: users.name,
          event: auditLog.event,
          entityType: auditLog.entityType,
          entityId: auditLog.entityId,
          before: auditLog.before,
          after: auditLog.after,
          address: auditLog.address,
          userAgent: auditLog.userAgent,
        })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.userId))
        .where(auditWhere(filter))
        .orderBy(desc(auditLog.id))
        .limit(filter.limit)
        .offset(filter.offset)
        .all();
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
