import { and, asc, count, eq, inArray, isNull, ne, or, type SQL } from 'drizzle-orm';
import type { LinkCoverage, SourceKind } from '@ipt/shared';
import type { RecommendationListQuery } from '@ipt/shared/schemas';
import type { Db } from '../db/client.js';
import {
  actionRecommendations,
  actions,
  areas,
  planSources,
  plans,
  recommendations,
  sources,
  themes,
} from '../db/schema.js';
import { notDraftOnly } from './sources.js';
import { contains, pageOf } from './util.js';

export type RecommendationRow = typeof recommendations.$inferSelect;

export interface RecommendationListRow {
  id: number;
  sourceId: number;
  sourceTitle: string;
  sourceKind: SourceKind;
  citation: string;
  number: string;
  text: string;
  position: number;
  version: number;
  archivedAt: string | null;
}

/** The link of a live action to a recommendation, with what is needed to rate the action. */
export interface AnsweringActionRow {
  recommendationId: number;
  coverage: LinkCoverage;
  scopeNote: string;
  actionId: number;
  planId: number;
}

export function createRecommendationRepository(db: Db) {
  const columns = {
    id: recommendations.id,
    sourceId: recommendations.sourceId,
    sourceTitle: sources.title,
    sourceKind: sources.kind,
    citation: sources.citation,
    number: recommendations.number,
    text: recommendations.text,
    position: recommendations.position,
    version: recommendations.version,
    archivedAt: recommendations.archivedAt,
  };

  function where(query: RecommendationListQuery, hideDraftOnly: boolean): SQL | undefined {
    const c: SQL[] = [];
    if (hideDraftOnly) c.push(notDraftOnly(db, recommendations.sourceId));
    if (!query.includeArchived) c.push(isNull(recommendations.archivedAt));
    if (query.sourceId) c.push(eq(recommendations.sourceId, query.sourceId));
    if (query.planId) {
      c.push(
        inArray(
          recommendations.sourceId,
          db
            .select({ id: planSources.sourceId })
            .from(planSources)
            .where(eq(planSources.planId, query.planId)),
        ),
      );
    }
    if (query.q) {
      const m = or(contains(recommendations.text, query.q), contains(recommendations.number, query.q));
      if (m) c.push(m);
    }
    return c.length ? and(...c) : undefined;
  }

  return {
    /** Recommendations, paged; `hideDraftOnly` leaves out those of sources answered only by draft plans. */
    list(query: RecommendationListQuery, { hideDraftOnly = false }: { hideDraftOnly?: boolean } = {}) {
      const { page, pageSize, offset } = pageOf(query);
      const w = where(query, hideDraftOnly);
      const rows: RecommendationListRow[] = db
        .select(columns)
        .from(recommendations)
        .innerJoin(sources, eq(sources.id, recommendations.sourceId))
        .where(w)
        .orderBy(
          asc(sources.issuedOn),
          asc(sources.id),
          asc(recommendations.position),
          asc(recommendations.id),
        )
        .limit(pageSize)
        .offset(offset)
        .all();
      const total =
        db
          .select({ n: count() })
          .from(recommendations)
          .innerJoin(sources, eq(sources.id, recommendations.sourceId))
          .where(w)
          .get()?.n ?? 0;
      return { rows, total, page, pageSize };
    },

    /** Every live recommendation of the sources a plan answers, unpaged (the importer resolves against them). */
    forPlan(planId: number): RecommendationListRow[] {
      return db
        .select(columns)
        .from(recommendations)
        .innerJoin(sources, eq(sources.id, recommendations.sourceId))
        .innerJoin(planSources, eq(planSources.sourceId, sources.id))
        .where(
          and(eq(planSources.planId, planId), isNull(recommendations.archivedAt), isNull(sources.archivedAt)),
        )
        .orderBy(asc(sources.id), asc(recommendations.position), asc(recommendations.id))
        .all();
    },

    /** Every recommendation of one source, archived ones too. */
    forSource(sourceId: number): RecommendationRow[] {
      return db.select().from(recommendations).where(eq(recommendations.sourceId, sourceId)).all();
    },

    find(id: number): RecommendationListRow | undefined {
      return db
        .select(columns)
        .from(recommendations)
        .innerJoin(sources, eq(sources.id, recommendations.sourceId))
        .where(eq(recommendations.id, id))
        .get();
    },

    findRow(id: number): RecommendationRow | undefined {
      return db.select().from(recommendations).where(eq(recommendations.id, id)).get();
    },

    /** Live (not archived) actions answering each of the recommendations, optionally only in one plan. */
    answeringActions(
      recommendationIds: number[],
      planId?: number,
      { excludeDrafts = false }: { excludeDrafts?: boolean } = {},
    ): AnsweringActionRow[] {
      if (recommendationIds.length === 0) return [];
      const c: SQL[] = [
        inArray(actionRecommendations.recommendationId, recommendationIds),
        isNull(actions.archivedAt),
      ];
      if (planId) c.push(eq(actions.planId, planId));
      if (excludeDrafts)
        c.push(
          inArray(actions.planId, db.select({ id: plans.id }).from(plans).where(ne(plans.status, 'draft'))),
        );
      return db
        .select({
          recommendationId: actionRecommendations.recommendationId,
          coverage: actionRecommendations.coverage,
          scopeNote: actionRecommendations.scopeNote,
          actionId: actions.id,
          planId: actions.planId,
        })
        .from(actionRecommendations)
        .innerJoin(actions, eq(actions.id, actionRecommendations.actionId))
        .innerJoin(areas, eq(areas.id, actions.areaId))
        .innerJoin(themes, eq(themes.id, areas.themeId))
        .where(and(...c))
        .orderBy(
          asc(actions.planId),
          asc(themes.position),
          asc(themes.id),
          asc(areas.position),
          asc(areas.id),
          asc(actions.position),
          asc(actions.id),
        )
        .all();
    },

    existing(ids: number[]): RecommendationRow[] {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(recommendations)
        .where(and(inArray(recommendations.id, ids), isNull(recommendations.archivedAt)))
        .all();
    },

    numberTaken(sourceId: number, number: string, exceptId?: number): boolean {
      return db
        .select({ id: recommendations.id })
        .from(recommendations)
        .where(and(eq(recommendations.sourceId, sourceId), eq(recommendations.number, number)))
        .all()
        .some((r) => r.id !== exceptId);
    },

    nextPosition(sourceId: number): number {
      const rows = db
        .select({ p: recommendations.position })
        .from(recommendations)
        .where(eq(recommendations.sourceId, sourceId))
        .all();
      return rows.reduce((m, r) => Math.max(m, r.p + 1), 0);
    },

    insert(row: typeof recommendations.$inferInsert): RecommendationRow {
      return db.insert(recommendations).values(row).returning().get();
    },

    update(
      id: number,
      version: number,
      patch: Partial<typeof recommendations.$inferInsert>,
    ): RecommendationRow | undefined {
      return db
        .update(recommendations)
        .set({ ...patch, version: version + 1 })
        .where(and(eq(recommendations.id, id), eq(recommendations.version, version)))
        .returning()
        .get();
    },
  };
}
export type RecommendationRepository = ReturnType<typeof createRecommendationRepository>;
