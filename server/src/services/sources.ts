/** The sources a plan answers (inspection reports, directions, visits) and their recommendations. */
import type {
  CreateRecommendationBody,
  CreateSourceBody,
  PageOf,
  Recommendation,
  RecommendationListQuery,
  RecommendationOrderBody,
  Source,
  SourceListQuery,
  UpdateRecommendationBody,
  UpdateSourceBody,
} from '@ipt/shared/schemas';
import { inTransaction } from '../db/client.js';
import { problem } from '../lib/problems.js';
import type { Actor } from '../lib/types.js';
import { recommendationLabel } from '../domain/citations.js';
import type { RecommendationListRow } from '../repositories/recommendations.js';
import type { AssessmentService } from './assessment.js';
import type { ServiceDeps } from './deps.js';
import { checkSameSet } from './plans.js';
import type { RecordKeeper } from './records.js';

export function createSourceService(
  { repos, sqlite, clock }: ServiceDeps,
  assessment: AssessmentService,
  records: RecordKeeper,
) {
  function requireSource(id: number): Source {
    const s = repos.sources.find(id);
    if (!s) throw problem.notFound(`Source ${id}`);
    return s;
  }

  /** Administrators see everything; others nothing of a draft plan (its sources, actions, links). */
  const seesDrafts = (actor: Actor | undefined) => !actor || actor.role === 'admin';

  /**
   * Recommendations with the live actions that answer them and each action's RAG now (for someone who may not
   * see drafts, only the actions of live and closed plans).
   */
  function withActions(rows: RecommendationListRow[], planId?: number, actor?: Actor): Recommendation[] {
    const links = repos.recommendations.answeringActions(
      rows.map((r) => r.id),
      planId,
      { excludeDrafts: !seesDrafts(actor) },
    );
    const actionIds = [...new Set(links.map((l) => l.actionId))];
    const actionRows = new Map(
      repos.actions.rated({ ids: actionIds }, assessment.live()).rows.map((r) => [r.id, r] as const),
    );
    return rows.map((r) => ({
      id: r.id,
      sourceId: r.sourceId,
      sourceTitle: r.sourceTitle,
      sourceKind: r.sourceKind,
      label: recommendationLabel(r.citation, r.sourceKind, r.number),
      number: r.number,
      text: r.text,
      position: r.position,
      version: r.version,
      archivedAt: r.archivedAt,
      actions: links
        .filter((l) => l.recommendationId === r.id)
        .flatMap((l) => {
          const a = actionRows.get(l.actionId);
          return a
            ? [
                {
                  id: a.id,
                  planId: a.planId,
                  ref: a.ref,
                  objective: a.objective,
                  coverage: l.coverage,
                  scopeNote: l.scopeNote,
                  rag: a.assessment.rag,
                },
              ]
            : [];
        }),
    }));
  }

  function requireRecommendation(id: number, planId?: number, actor?: Actor): Recommendation {
    const row = repos.recommendations.find(id);
    if (!row) throw problem.notFound(`Recommendation ${id}`);
    if (!seesDrafts(actor) && repos.sources.isDraftOnly(row.sourceId))
      throw problem.notFound(`Recommendation ${id}`);
    const [rec] = withActions([row], planId, actor);
    if (!rec) throw problem.notFound(`Recommendation ${id}`);
    return rec;
  }

  return {
    list(actor: Actor, query: SourceListQuery): PageOf<Source> {
      return repos.sources.list(query, { hideDraftOnly: !seesDrafts(actor) });
    },

    /** Whether this person may see the recommendation (not one of a source only draft plans answer). */
    mayReadRecommendation(actor: Actor, id: number): boolean {
      const row = repos.recommendations.findRow(id);
      return !row || seesDrafts(actor) || !repos.sources.isDraftOnly(row.sourceId);
    },

    get: requireSource,

    /** One source; a source answered only by draft plans is not there for anyone but an administrator. */
    read(actor: Actor, id: number): Source {
      const source = requireSource(id);
      if (!seesDrafts(actor) && repos.sources.isDraftOnly(id)) throw problem.notFound(`Source ${id}`);
      return source;
    },

    create(actor: Actor, body: CreateSourceBody): Source {
      const planIds = body.planIds ?? [];
      for (const planId of planIds)
        if (!repos.plans.findRow(planId)) throw problem.unprocessable(`No plan has the id ${planId}.`);
      const now = clock().toISOString();
      const id = inTransaction(sqlite, () => {
        const row = repos.sources.insert({
          kind: body.kind,
          title: body.title.trim(),
          citation: body.citation?.trim() ?? '',
          issuedOn: body.issuedOn ?? null,
          judgement: body.judgement ?? null,
          createdAt: now,
          updatedAt: now,
        });
        repos.sources.addToPlans(row.id, planIds);
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'create',
          entityType: 'source',
          entityId: row.id,
          after: { ...row, planIds },
        });
        return row.id;
      });
      return requireSource(id);
    },

    update(actor: Actor, id: number, expectedVersion: number | undefined, body: UpdateSourceBody): Source {
      const before = requireSource(id);
      if (before.archivedAt) throw problem.conflict('This source is archived and cannot be changed.');
      const version = records.checkVersion(before.version, expectedVersion, 'The source');
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const patch: Parameters<typeof repos.sources.update>[2] = { updatedAt: now };
        if (body.kind !== undefined) patch.kind = body.kind;
        if (body.title !== undefined) patch.title = body.title.trim();
        if (body.citation !== undefined) patch.citation = body.citation.trim();
        if (body.issuedOn !== undefined) patch.issuedOn = body.issuedOn;
        if (body.judgement !== undefined) patch.judgement = body.judgement;
        const after = repos.sources.update(id, version, patch);
        if (!after) throw problem.stale('The source was changed by someone else. Reload it and try again.');
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'update',
          entityType: 'source',
          entityId: id,
          before,
          after,
        });
      });
      return requireSource(id);
    },

    archive(actor: Actor, id: number, expectedVersion: number | undefined, reason: string): Source {
      const record = requireSource(id);
      records.archive({
        actor,
        entityType: 'source',
        id,
        what: 'The source',
        record,
        expectedVersion,
        reason,
        update: (v, patch) => repos.sources.update(id, v, patch),
      });
      return requireSource(id);
    },

    recommendations(actor: Actor, query: RecommendationListQuery): PageOf<Recommendation> {
      if (query.planId && !repos.plans.findRow(query.planId)) throw problem.notFound(`Plan ${query.planId}`);
      const { rows, total, page, pageSize } = repos.recommendations.list(query, {
        hideDraftOnly: !seesDrafts(actor),
      });
      return { items: withActions(rows, query.planId, actor), total, page, pageSize };
    },

    recommendation(actor: Actor, id: number, planId?: number): Recommendation {
      return requireRecommendation(id, planId, actor);
    },

    createRecommendation(actor: Actor, body: CreateRecommendationBody): Recommendation {
      const source = requireSource(body.sourceId);
      if (source.archivedAt)
        throw problem.conflict('This source is archived; recommendations cannot be added to it.');
      const number = body.number.trim();
      if (repos.recommendations.numberTaken(body.sourceId, number)) {
        throw problem.conflict(`${source.title} already has a recommendation ${number}.`);
      }
      const now = clock().toISOString();
      const id = inTransaction(sqlite, () => {
        const row = repos.recommendations.insert({
          sourceId: body.sourceId,
          number,
          text: body.text.trim(),
          position: body.position ?? repos.recommendations.nextPosition(body.sourceId),
          createdAt: now,
          updatedAt: now,
        });
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'create',
          entityType: 'recommendation',
          entityId: row.id,
          after: row,
        });
        return row.id;
      });
      return requireRecommendation(id);
    },

    updateRecommendation(
      actor: Actor,
      id: number,
      expectedVersion: number | undefined,
      body: UpdateRecommendationBody,
    ): Recommendation {
      const before = repos.recommendations.findRow(id);
      if (!before) throw problem.notFound(`Recommendation ${id}`);
      if (before.archivedAt) throw problem.conflict('This recommendation is archived and cannot be changed.');
      const version = records.checkVersion(before.version, expectedVersion, 'The recommendation');
      const number = body.number?.trim();
      if (number !== undefined && repos.recommendations.numberTaken(before.sourceId, number, id)) {
        throw problem.conflict(`This source already has a recommendation ${number}.`);
      }
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const patch: Parameters<typeof repos.recommendations.update>[2] = { updatedAt: now };
        if (number !== undefined) patch.number = number;
        if (body.text !== undefined) patch.text = body.text.trim();
        if (body.position !== undefined) patch.position = body.position;
        const after = repos.recommendations.update(id, version, patch);
        if (!after)
          throw problem.stale('The recommendation was changed by someone else. Reload it and try again.');
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'update',
          entityType: 'recommendation',
          entityId: id,
          before,
          after,
        });
      });
      return requireRecommendation(id);
    },

    /** Puts a source's live recommendations in a new order, under the source's If-Match (which it bumps). */
    orderRecommendations(
      actor: Actor,
      sourceId: number,
      expectedVersion: number | undefined,
      body: RecommendationOrderBody,
    ): Recommendation[] {
      const source = requireSource(sourceId);
      if (source.archivedAt) throw problem.conflict('This source is archived and cannot be changed.');
      const version = records.checkVersion(source.version, expectedVersion, 'The source');
      const current = repos.recommendations
        .forSource(sourceId)
        .filter((r) => r.archivedAt === null)
        .sort((a, b) => a.position - b.position || a.id - b.id);
      checkSameSet(
        'body.recommendationIds',
        'recommendation of this source',
        current.map((r) => r.id),
        body.recommendationIds,
      );
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        if (!repos.sources.update(sourceId, version, { updatedAt: now }))
          throw problem.stale('The source was changed by someone else. Reload it and try again.');
        body.recommendationIds.forEach((id, position) => {
          const rec = current.find((r) => r.id === id);
          if (rec && rec.position !== position)
            repos.recommendations.update(id, rec.version, { position, updatedAt: now });
        });
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'reorder',
          entityType: 'source',
          entityId: sourceId,
          before: { recommendationIds: current.map((r) => r.id) },
          after: { recommendationIds: body.recommendationIds },
        });
      });
      return withActions(repos.recommendations.list({ sourceId, page: 1, pageSize: 500 }).rows);
    },

    archiveRecommendation(
      actor: Actor,
      id: number,
      expectedVersion: number | undefined,
      reason: string,
    ): Recommendation {
      const record = repos.recommendations.findRow(id);
      if (!record) throw problem.notFound(`Recommendation ${id}`);
      records.archive({
        actor,
        entityType: 'recommendation',
        id,
        what: 'The recommendation',
        record,
        expectedVersion,
        reason,
        update: (v, patch) => repos.recommendations.update(id, v, patch),
      });
      return requireRecommendation(id);
    },
  };
}
export type SourceService = ReturnType<typeof createSourceService>;
