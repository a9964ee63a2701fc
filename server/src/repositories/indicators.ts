import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { SourceKind } from '@ipt/shared';
import type { Db } from '../db/client.js';
import { inIdList } from './util.js';
import {
  actions,
  areas,
  indicatorActions,
  indicatorComparators,
  indicatorRecommendations,
  indicators,
  indicatorTargets,
  indicatorValues,
  meetingScorecards,
  recommendations,
  sources,
  themes,
  users,
} from '../db/schema.js';

export type IndicatorRow = typeof indicators.$inferSelect;
export type TargetRow = typeof indicatorTargets.$inferSelect;
export type ComparatorRow = typeof indicatorComparators.$inferSelect;
export type ValueRow = typeof indicatorValues.$inferSelect;

export interface ActionLinkRow {
  indicatorId: number;
  actionId: number;
  ref: string;
  objective: string;
  themeId: number;
  themeTitle: string;
  themePosition: number;
}

export interface RecommendationLinkRow {
  indicatorId: number;
  recommendationId: number;
  number: string;
  text: string;
  citation: string;
  sourceKind: SourceKind;
}

function groupBy<T>(rows: T[], key: (r: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** SQLite limits bound parameters per statement: insert in chunks. */
function chunks<T>(rows: T[], size = 100): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export function createIndicatorRepository(db: Db) {
  return {
    listRows(planId: number, includeArchived = false): IndicatorRow[] {
      return db
        .select()
        .from(indicators)
        .where(
          includeArchived
            ? eq(indicators.planId, planId)
            : and(eq(indicators.planId, planId), isNull(indicators.archivedAt)),
        )
        .orderBy(asc(indicators.position), asc(indicators.id))
        .all();
    },
    findRow(id: number): IndicatorRow | undefined {
      return db.select().from(indicators).where(eq(indicators.id, id)).get();
    },
    nameTaken(planId: number, name: string, exceptId?: number): boolean {
      return !!db
        .select({ id: indicators.id })
        .from(indicators)
        .where(
          and(
            eq(indicators.planId, planId),
            sql`lower(${indicators.name}) = lower(${name})`,
            exceptId ? ne(indicators.id, exceptId) : undefined,
          ),
        )
        .get();
    },
    nextPosition(planId: number): number {
      const r = db
        .select({ p: sql<number>`coalesce(max(${indicators.position}), -1)` })
        .from(indicators)
        .where(eq(indicators.planId, planId))
        .get();
      return (r?.p ?? -1) + 1;
    },
    insert(row: typeof indicators.$inferInsert): IndicatorRow {
      return db.insert(indicators).values(row).returning().get();
    },
    update(
      id: number,
      version: number,
      patch: Partial<typeof indicators.$inferInsert>,
    ): IndicatorRow | undefined {
      return db
        .update(indicators)
        .set({ ...patch, version: version + 1 })
        .where(and(eq(indicators.id, id), eq(indicators.version, version)))
        .returning()
        .get();
    },

    targets(ids: number[]): Map<number, TargetRow[]> {
      if (ids.length === 0) return new Map();
      const rows = db
        .select()
        .from(indicatorTargets)
        .where(inArray(indicatorTargets.indicatorId, ids))
        .orderBy(asc(indicatorTargets.id))
        .all();
      return groupBy(rows, (r) => r.indicatorId);
    },
    insertTarget(row: typeof indicatorTargets.$inferInsert): TargetRow {
      return db.insert(indicatorTargets).values(row).returning().get();
    },

    comparators(ids: number[]): Map<number, ComparatorRow[]> {
      if (ids.length === 0) return new Map();
      const rows = db
        .select()
        .from(indicatorComparators)
        .where(inArray(indicatorComparators.indicatorId, ids))
        .orderBy(asc(indicatorComparators.id))
        .all();
      return groupBy(rows, (r) => r.indicatorId);
    },
    insertComparator(row: typeof indicatorComparators.$inferInsert): ComparatorRow {
      return db.insert(indicatorComparators).values(row).returning().get();
    },

    /**
     * Every value recorded for the indicators, corrections included, by period then as recorded. Flat rows
     * of one table (the scorecard reads thousands); who recorded them is `recorders`' business.
     */
    values(ids: number[]): Map<number, ValueRow[]> {
      if (ids.length === 0) return new Map();
      const rows = db
        .select()
        .from(indicatorValues)
        .where(inIdList(indicatorValues.indicatorId, 'ids'))
        .orderBy(asc(indicatorValues.indicatorId), asc(indicatorValues.periodEnd), asc(indicatorValues.id))
        .all({ ids: JSON.stringify(ids) });
      return groupBy(rows, (r) => r.indicatorId);
    },
    /** The names of the people who recorded values, by user id. */
    recorders(userIds: number[]): Map<number, string> {
      if (userIds.length === 0) return new Map();
      return new Map(
        db
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(inArray(users.id, [...new Set(userIds)]))
          .all()
          .map((u) => [u.id, u.name] as const),
      );
    },
    insertValues(rows: (typeof indicatorValues.$inferInsert)[]): void {
      for (const chunk of chunks(rows)) db.insert(indicatorValues).values(chunk).run();
    },

    actionLinks(ids: number[]): Map<number, ActionLinkRow[]> {
      if (ids.length === 0) return new Map();
      const rows = db
        .select({
          indicatorId: indicatorActions.indicatorId,
          actionId: actions.id,
          ref: actions.ref,
          objective: actions.objective,
          themeId: themes.id,
          themeTitle: themes.title,
          themePosition: themes.position,
        })
        .from(indicatorActions)
        .innerJoin(actions, eq(actions.id, indicatorActions.actionId))
        .innerJoin(areas, eq(areas.id, actions.areaId))
        .innerJoin(themes, eq(themes.id, areas.themeId))
        .where(inArray(indicatorActions.indicatorId, ids))
        .orderBy(asc(actions.position), asc(actions.id))
        .all();
      return groupBy(rows, (r) => r.indicatorId);
    },
    recommendationLinks(ids: number[]): Map<number, RecommendationLinkRow[]> {
      if (ids.length === 0) return new Map();
      const rows = db
        .select({
          indicatorId: indicatorRecommendations.indicatorId,
          recommendationId: recommendations.id,
          number: recommendations.number,
          text: recommendations.text,
          citation: sources.citation,
          sourceKind: sources.kind,
        })
        .from(indicatorRecommendations)
        .innerJoin(recommendations, eq(recommendations.id, indicatorRecommendations.recommendationId))
        .innerJoin(sources, eq(sources.id, recommendations.sourceId))
        .where(inArray(indicatorRecommendations.indicatorId, ids))
        .orderBy(asc(sources.id), asc(recommendations.position), asc(recommendations.id))
        .all();
      return groupBy(rows, (r) => r.indicatorId);
    },
    /** Replaces the links (a link is a relation, not a record: the audit row keeps what it was). */
    setActionLinks(indicatorId: number, actionIds: number[]): void {
      db.delete(indicatorActions).where(eq(indicatorActions.indicatorId, indicatorId)).run();
      for (const chunk of chunks(actionIds))
        db.insert(indicatorActions)
          .values(chunk.map((actionId) => ({ indicatorId, actionId })))
          .run();
    },
    setRecommendationLinks(indicatorId: number, recommendationIds: number[]): void {
      db.delete(indicatorRecommendations).where(eq(indicatorRecommendations.indicatorId, indicatorId)).run();
      for (const chunk of chunks(recommendationIds))
        db.insert(indicatorRecommendations)
          .values(chunk.map((recommendationId) => ({ indicatorId, recommendationId })))
          .run();
    },
    /** Live indicators linked to a recommendation. */
    forRecommendation(recommendationId: number): IndicatorRow[] {
      return db
        .select({ i: indicators })
        .from(indicatorRecommendations)
        .innerJoin(indicators, eq(indicators.id, indicatorRecommendations.indicatorId))
        .where(
          and(eq(indicatorRecommendations.recommendationId, recommendationId), isNull(indicators.archivedAt)),
        )
        .orderBy(asc(indicators.planId), asc(indicators.position), asc(indicators.id))
        .all()
        .map((r) => r.i);
    },
    /** Which of these ids are live actions of the plan. */
    actionsOfPlan(planId: number, ids: number[]): number[] {
      if (ids.length === 0) return [];
      return db
        .select({ id: actions.id })
        .from(actions)
        .where(and(eq(actions.planId, planId), inArray(actions.id, ids), isNull(actions.archivedAt)))
        .all()
        .map((r) => r.id);
    },
    liveRecommendations(ids: number[]): number[] {
      if (ids.length === 0) return [];
      return db
        .select({ id: recommendations.id })
        .from(recommendations)
        .where(and(inArray(recommendations.id, ids), isNull(recommendations.archivedAt)))
        .all()
        .map((r) => r.id);
    },

    /** A locked meeting's frozen scorecard rows (the JSON as stored). */
    scorecard(meetingId: number): string[] {
      return db
        .select({ data: meetingScorecards.data })
        .from(meetingScorecards)
        .where(eq(meetingScorecards.meetingId, meetingId))
        .orderBy(asc(sql`rowid`))
        .all()
        .map((r) => r.data);
    },
    insertScorecard(rows: (typeof meetingScorecards.$inferInsert)[]): void {
      for (const chunk of chunks(rows)) db.insert(meetingScorecards).values(chunk).run();
    },
  };
}
export type IndicatorRepository = ReturnType<typeof createIndicatorRepository>;
