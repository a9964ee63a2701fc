import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Lead } from '@ipt/shared/schemas';
import type { Db } from '../db/client.js';
import { leads, users } from '../db/schema.js';

export type LeadRow = typeof leads.$inferSelect;

export function createLeadRepository(db: Db) {
  const columns = {
    id: leads.id,
    name: leads.name,
    kind: leads.kind,
    userId: leads.userId,
    userActive: users.active,
  };
  const toApi = (r: {
    id: number;
    name: string;
    kind: Lead['kind'];
    userId: number | null;
    userActive: boolean | null;
  }): Lead => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    userId: r.userId,
    canSignIn: r.userId !== null && r.userActive === true,
  });

  return {
    list(): Lead[] {
      return db
        .select(columns)
        .from(leads)
        .leftJoin(users, eq(users.id, leads.userId))
        .where(isNull(leads.archivedAt))
        .orderBy(asc(leads.name))
        .all()
        .map(toApi);
    },
    find(id: number): Lead | undefined {
      const r = db
        .select(columns)
        .from(leads)
        .leftJoin(users, eq(users.id, leads.userId))
        .where(eq(leads.id, id))
        .get();
      return r ? toApi(r) : undefined;
    },
    findByName(name: string): LeadRow | undefined {
      return db
        .select()
        .from(leads)
        .where(sql`lower(${leads.name}) = lower(${name.trim()})`)
        .get();
    },
    findByUser(userId: number): LeadRow | undefined {
      return db.select().from(leads).where(eq(leads.userId, userId)).get();
    },
    existing(ids: number[]): number[] {
      if (ids.length === 0) return [];
      return db
        .select({ id: leads.id })
        .from(leads)
        .where(and(inArray(leads.id, ids), isNull(leads.archivedAt)))
        .all()
        .map((r) => r.id);
    },
    /** Live leads with the name and job title of their account, if any: what an imported lead cell may say. */
    matchable(): { id: number; name: string; userName: string | null; jobTitle: string | null }[] {
      return db
        .select({ id: leads.id, name: leads.name, userName: users.name, jobTitle: users.jobTitle })
        .from(leads)
        .leftJoin(users, eq(users.id, leads.userId))
        .where(isNull(leads.archivedAt))
        .all();
    },
    insert(row: typeof leads.$inferInsert): LeadRow {
      return db.insert(leads).values(row).returning().get();
    },
  };
}
export type LeadRepository = ReturnType<typeof createLeadRepository>;
