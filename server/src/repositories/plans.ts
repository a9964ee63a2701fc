import { and, asc, count, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Plan, PlanListQuery } from '@ipt/shared/schemas';
import type { Db } from '../db/client.js';
import { actions, evidence, indicators, meetings, planSources, plans } from '../db/schema.js';
import { pageOf } from './util.js';

export type PlanRow = typeof plans.$inferSelect;

/** Records that belong to one plan, by the path segment that names them in the API. */
export type PlanOwnedRecord = 'plan' | 'action' | 'evidence' | 'meeting' | 'indicator';

export function createPlanRepository(db: Db) {
  const planById = db
    .select()
    .from(plans)
    .where(eq(plans.id, sql.placeholder('id')))
    .prepare();
  // The status of the plan a record belongs to: one indexed statement per kind of record, prepared once (the
  // draft check runs on every request that names one).
  const status = { status: plans.status };
  const statusOwning: Record<
    PlanOwnedRecord,
    { get(p: { id: number }): { status: PlanRow['status'] } | undefined }
  > = {
    plan: db
      .select(status)
      .from(plans)
      .where(eq(plans.id, sql.placeholder('id')))
      .prepare(),
    action: db
      .select(status)
      .from(actions)
      .innerJoin(plans, eq(plans.id, actions.planId))
      .where(eq(actions.id, sql.placeholder('id')))
      .prepare(),
    evidence: db
      .select(status)
      .from(evidence)
      .innerJoin(actions, eq(actions.id, evidence.actionId))
      .innerJoin(plans, eq(plans.id, actions.planId))
      .where(eq(evidence.id, sql.placeholder('id')))
      .prepare(),
    // An archived meeting is not found as a meeting at all.
    meeting: db
      .select(status)
      .from(meetings)
      .innerJoin(plans, eq(plans.id, meetings.planId))
      .where(and(eq(meetings.id, sql.placeholder('id')), isNull(meetings.archivedAt)))
      .prepare(),
    indicator: db
      .select(status)
      .from(indicators)
      .innerJoin(plans, eq(plans.id, indicators.planId))
      .where(eq(indicators.id, sql.placeholder('id')))
      .prepare(),
  };
  function toApi(rows: PlanRow[]): Plan[] {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const links = db.select().from(planSources).where(inArray(planSources.planId, ids)).all();
    const counts = db
      .select({ planId: actions.planId, n: count() })
      .from(actions)
      .where(and(inArray(actions.planId, ids), isNull(actions.archivedAt)))
      .groupBy(actions.planId)
      .all();
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      phase: r.phase,
      status: r.status,
      description: r.description,
      papersCutoffDays: r.papersCutoffDays,
      predecessorPlanId: r.predecessorPlanId,
      quarters: r.quarters,
      sourceIds: links.filter((l) => l.planId === r.id).map((l) => l.sourceId),
      actionCount: counts.find((c) => c.planId === r.id)?.n ?? 0,
      version: r.version,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      archivedAt: r.archivedAt,
    }));
  }

  return {
    list(query: PlanListQuery, options: { includeDrafts: boolean }) {
      const conditions: SQL[] = [];
      if (!options.includeDrafts) conditions.push(ne(plans.status, 'draft'));
      if (!query.includeArchived) conditions.push(isNull(plans.archivedAt));
      if (query.status) conditions.push(eq(plans.status, query.status));
      const where = conditions.length ? and(...conditions) : undefined;
      const { page, pageSize, offset } = pageOf(query);
      const rows = db
        .select()
        .from(plans)
        .where(where)
        .orderBy(asc(plans.id))
        .limit(pageSize)
        .offset(offset)
        .all();
      const total = db.select({ n: count() }).from(plans).where(where).get()?.n ?? 0;
      return { items: toApi(rows), total, page, pageSize };
    },
    findRow(id: number): PlanRow | undefined {
      return planById.get({ id });
    },
    /** The status of the plan a record of `kind` belongs to; undefined when there is no such record. */
    statusOwning(kind: PlanOwnedRecord, id: number): PlanRow['status'] | undefined {
      return statusOwning[kind].get({ id })?.status;
    },
    find(id: number): Plan | undefined {
      const row = this.findRow(id);
      return row ? toApi([row])[0] : undefined;
    },
    toApi,
    insert(row: typeof plans.$inferInsert): PlanRow {
      return db.insert(plans).values(row).returning().get();
    },
    /** Applies a change only if the row is still at `version`; undefined when it was not. */
    update(id: number, version: number, patch: Partial<typeof plans.$inferInsert>): PlanRow | undefined {
      return db
        .update(plans)
        .set({ ...patch, version: version + 1 })
        .where(and(eq(plans.id, id), eq(plans.version, version)))
        .returning()
        .get();
    },
    sourceIds(planId: number): number[] {
      return db
        .select({ id: planSources.sourceId })
        .from(planSources)
        .where(eq(planSources.planId, planId))
        .all()
        .map((r) => r.id);
    },
    setSources(planId: number, sourceIds: number[]): void {
      db.delete(planSources).where(eq(planSources.planId, planId)).run();
      if (sourceIds.length)
        db.insert(planSources)
          .values(sourceIds.map((sourceId) => ({ planId, sourceId })))
          .run();
    },
  };
}
export type PlanRepository = ReturnType<typeof createPlanRepository>;
