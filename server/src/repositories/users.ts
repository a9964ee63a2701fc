import { and, asc, count, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Role } from '@ipt/shared';
import type { User, UserListQuery } from '@ipt/shared/schemas';
import type { Db } from '../db/client.js';
import { leads, users } from '../db/schema.js';
import { contains, pageOf } from './util.js';

/** An account as stored; until when its sign-in is delayed comes from the sign-in throttle, not from here. */
export type StoredUser = Omit<User, 'lockedUntil'>;

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;

export function createUserRepository(db: Db) {
  const userById = db
    .select()
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .prepare();
  const byEmail = db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${sql.placeholder('email')})`)
    .prepare();

  const userColumns = {
    id: users.id,
    email: users.email,
    name: users.name,
    jobTitle: users.jobTitle,
    role: users.role,
    active: users.active,
    mustChangePassword: users.mustChangePassword,
    leadId: leads.id,
    leadName: leads.name,
    lastSignInAt: users.lastSignInAt,
    createdAt: users.createdAt,
    version: users.version,
  };
  /** The lead an account holds: archived leads are held by no one. */
  const heldLead = and(eq(leads.userId, users.id), isNull(leads.archivedAt));

  return {
    findByEmail(email: string): UserRow | undefined {
      return byEmail.get({ email });
    },

    findById(id: number): UserRow | undefined {
      return userById.get({ id });
    },

    setPreferredPlan(id: number, planId: number | null): void {
      db.update(users).set({ preferredPlanId: planId }).where(eq(users.id, id)).run();
    },

    findApiUser(id: number): StoredUser | undefined {
      return db.select(userColumns).from(users).leftJoin(leads, heldLead).where(eq(users.id, id)).get();
    },

    list(query: UserListQuery): { items: StoredUser[]; total: number; page: number; pageSize: number } {
      const conditions: SQL[] = [];
      if (query.role) conditions.push(eq(users.role, query.role));
      if (query.q) {
        const match = or(
          contains(users.name, query.q),
          contains(users.email, query.q),
          contains(users.jobTitle, query.q),
        );
        if (match) conditions.push(match);
      }
      const where = conditions.length > 0 ? and(...conditions) : undefined;
      const { page, pageSize, offset } = pageOf(query);
      const items = db
        .select(userColumns)
        .from(users)
        .leftJoin(leads, heldLead)
        .where(where)
        .orderBy(asc(users.name), asc(users.id))
        .limit(pageSize)
        .offset(offset)
        .all();
      const total = db.select({ n: count() }).from(users).where(where).get()?.n ?? 0;
      return { items, total, page, pageSize };
    },

    insert(row: NewUserRow): UserRow {
      return db.insert(users).values(row).returning().get();
    },

    /** For sign-in bookkeeping (failures, last sign-in): leaves the version alone. */
    update(id: number, patch: Partial<NewUserRow>): UserRow | undefined {
      return db.update(users).set(patch).where(eq(users.id, id)).returning().get();
    },

    /** An administrator's or the person's own change: only at `version`, which it moves on by one. */
    updateVersioned(id: number, version: number, patch: Partial<NewUserRow>): UserRow | undefined {
      return db
        .update(users)
        .set({ ...patch, version: sql`${users.version} + 1` })
        .where(and(eq(users.id, id), eq(users.version, version)))
        .returning()
        .get();
    },

    countByRole(role: Role): number {
      return (
        db
          .select({ n: count() })
          .from(users)
          .where(and(eq(users.role, role), eq(users.active, true)))
          .get()?.n ?? 0
      );
    },

    count(): number {
      return db.select({ n: count() }).from(users).get()?.n ?? 0;
    },

    countActive(): number {
      return db.select({ n: count() }).from(users).where(eq(users.active, true)).get()?.n ?? 0;
    },

    /** Active accounts whose address is at `domain` (the demo's accounts are all at example.org). */
    activeAtDomain(domain: string): UserRow[] {
      return db
        .select()
        .from(users)
        .where(and(eq(users.active, true), sql`lower(${users.email}) LIKE ${'%@' + domain.toLowerCase()}`))
        .orderBy(asc(users.id))
        .all();
    },
  };
}
export type UserRepository = ReturnType<typeof createUserRepository>;
