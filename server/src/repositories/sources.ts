import {
  and,
  asc,
  count,
  eq,
  inArray,
  isNull,
  ne,
  notInArray,
  or,
  type AnyColumn,
  type SQL,
} from 'drizzle-orm';
import type { Source, SourceListQuery } from '@ipt/shared/schemas';
import type { Db } from '../db/client.js';
import { planSources, plans, recommendations, sources } from '../db/schema.js';
import { pageOf } from './util.js';

export type SourceRow = typeof sources.$inferSelect;

/**
 * A condition on a source id column: the source is not draft-only — it belongs to no plan, or to at least one
 * plan that is not a draft. A source answered only by draft plans is the programme office's work in progress.
 */
export function notDraftOnly(db: Db, sourceId: AnyColumn): SQL {
  return or(
    notInArray(sourceId, db.select({ id: planSources.sourceId }).from(planSources)),
    inArray(
      sourceId,
      db
        .select({ id: planSources.sourceId })
        .from(planSources)
        .innerJoin(plans, eq(plans.id, planSources.planId))
        .where(ne(plans.status, 'draft')),
    ),
  )!;
}

export function createSourceRepository(db: Db) {
  function toApi(rows: SourceRow[]): Source[] {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const links = db.select().from(planSources).where(inArray(planSources.sourceId, ids)).all();
    const counts = db
      .select({ sourceId: recommendations.sourceId, n: count() })
      .from(recommendations)
      .where(and(inArray(recommendations.sourceId, ids), isNull(recommendations.archivedAt)))
      .groupBy(recommendations.sourceId)
      .all();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      citation: r.citation,
      issuedOn: r.issuedOn,
      judgement: r.judgement,
      planIds: links.filter((l) => l.sourceId === r.id).map((l) => l.planId),
      recommendationCount: counts.find((c) => c.sourceId === r.id)?.n ?? 0,
      version: r.version,
      archivedAt: r.archivedAt,
    }));
  }

  return {
    /** Sources, paged; `hideDraftOnly` leaves out those answered only by draft plans. */
    list(query: SourceListQuery, { hideDraftOnly = false }: { hideDraftOnly?: boolean } = {}) {
      const conditions: SQL[] = [];
      if (hideDraftOnly) conditions.push(notDraftOnly(db, sources.id));
      if (!query.includeArchived) conditions.push(isNull(sources.archivedAt));
      if (query.kind) conditions.push(eq(sources.kind, query.kind));
      if (query.planId) {
        conditions.push(
          inArray(
            sources.id,
            db
              .select({ id: planSources.sourceId })
              .from(planSources)
              .where(eq(planSources.planId, query.planId)),
          ),
        );
      }
      const where = conditions.length ? and(...conditions) : undefined;
      const { page, pageSize, offset } = pageOf(query);
      const rows = db
        .select()
        .from(sources)
        .where(where)
        .orderBy(asc(sources.issuedOn), asc(sources.id))
        .limit(pageSize)
        .offset(offset)
        .all();
      const total = db.select({ n: count() }).from(sources).where(where).get()?.n ?? 0;
      return { items: toApi(rows), total, page, pageSize };
    },
    findRow(id: number): SourceRow | undefined {
      return db.select().from(sources).where(eq(sources.id, id)).get();
    },
    find(id: number): Source | undefined {
      const row = this.findRow(id);
      return row ? toApi([row])[0] : undefined;
    },
    /** Whether the source is answered only by draft plans (and so seen by administrators only). */
    isDraftOnly(id: number): boolean {
      return !db
        .select({ id: sources.id })
        .from(sources)
        .where(and(eq(sources.id, id), notDraftOnly(db, sources.id)))
        .get();
    },
    existing(ids: number[]): number[] {
      if (ids.length === 0) return [];
      return db
        .select({ id: sources.id })
        .from(sources)
        .where(and(inArray(sources.id, ids), isNull(sources.archivedAt)))
        .all()
        .map((r) => r.id);
    },
    insert(row: typeof sources.$inferInsert): SourceRow {
      return db.insert(sources).values(row).returning().get();
    },
    update(id: number, version: number, patch: Partial<typeof sources.$inferInsert>): SourceRow | undefined {
      return db
        .update(sources)
        .set({ ...patch, version: version + 1 })
        .where(and(eq(sources.id, id), eq(sources.version, version)))
        .returning()
        .get();
    },
    addToPlans(sourceId: number, planIds: number[]): void {
      if (planIds.length) {
        db.insert(planSources)
          .values(planIds.map((planId) => ({ planId, sourceId })))
          .onConflictDoNothing()
          .run();
      }
    },
  };
}
export type SourceRepository = ReturnType<typeof createSourceRepository>;
