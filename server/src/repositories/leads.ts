import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Lead } from '@ipt/shared/schemas';
import type { Db } from '../db/client.js';
import { actionLeads, actions, leads, users } from '../db/schema.js';
import { createListPartsWriter } from './list-parts.js';

export type LeadRow = typeof leads.$inferSelect;

export function createLeadRepository(db: Db) {
  const listParts = createListPartsWriter(db);
  const columns = {
    id: leads.id,
    name: leads.name,
    kind: leads.kind,
    userId: leads.userId,
    userName: users.name,
    userActive: users.active,
    archivedAt: leads.archivedAt,
    version: leads.version,
  };
  const toApi = (r: {
    id: number;
    name: string;
    kind: Lead['kind'];
    userId: number | null;
    userName: string | null;
    userActive: boolean | null;
    archivedAt: string | null;
    version: number;
  }): Lead => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    userId: r.userId,
    userName: r.userName,
    canSignIn: r.userId !== null && r.userActive === true && r.archivedAt === null,
    archivedAt: r.archivedAt,
    version: r.version,
  });

  return {
    /** Live leads by name; with `archived`, the archived ones too. */
    list(options: { archived?: boolean } = {}): Lead[] {
      return db
        .select(columns)
        .from(leads)
        .leftJoin(users, eq(users.id, leads.userId))
        .where(options.archived ? undefined : isNull(leads.archivedAt))
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
    findRow(id: number): LeadRow | undefined {
      return db.select().from(leads).where(eq(leads.id, id)).get();
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
    /** Actions not archived that this lead leads. */
    liveActionCount(id: number): number {
      return (
        db
          .select({ n: count() })
          .from(actionLeads)
          .innerJoin(actions, eq(actions.id, actionLeads.actionId))
          .where(and(eq(actionLeads.leadId, id), isNull(actions.archivedAt)))
          .get()?.n ?? 0
      );
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
    /** Changes a lead only at `version`, which it moves on by one; undefined when someone changed it first. */
    update(id: number, version: number, patch: Partial<typeof leads.$inferInsert>): LeadRow | undefined {
      const updated = db
        .update(leads)
        .set({ ...patch, version: sql`${leads.version} + 1` })
        .where(and(eq(leads.id, id), eq(leads.version, version)))
        .returning()
        .get();
      // The lists show a lead's name and kind on every action it leads: they move with it.
      if (updated && ('name' in patch || 'kind' in patch)) listParts.leadsOfLead(id);
      return updated;
    },
  };
}
export type LeadRepository = ReturnType<typeof createLeadRepository>;
