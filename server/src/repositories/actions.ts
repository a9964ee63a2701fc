import { and, asc, count, desc, eq, exists, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { ActionStatus, LinkCoverage } from '@ipt/shared';
import type {
  ActionLead,
  ActionUpdate,
  DueDateChange,
  EvidenceCounts,
  LinkedRecommendation,
  SignOffRecord,
} from '@ipt/shared/schemas';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.js';
import {
  actionLeads,
  actionRecommendations,
  actionUpdates,
  actions,
  areas,
  dueDateChanges,
  evidence,
  leads,
  plans,
  recommendations,
  signOffDecisions,
  sources,
  themes,
  users,
} from '../db/schema.js';
import { recommendationLabel } from './recommendations.js';
import { containsPattern, containsPlaceholder, inIdList, preparedCache } from './util.js';

export type ActionTableRow = typeof actions.$inferSelect;

/** An action with where it sits in the plan: what every list and rating needs. */
export interface ActionRow {
  id: number;
  planId: number;
  areaId: number;
  ref: string;
  objective: string;
  timeframeText: string;
  startDate: string | null;
  originalDueDate: string | null;
  dueDate: string | null;
  status: ActionStatus;
  reportedRag: ActionTableRow['reportedRag'];
  lastUpdateAt: string | null;
  dueDateRevisions: number;
  signedOffAt: string | null;
  version: number;
  createdAt: string;
  archivedAt: string | null;
  themeId: number;
  themeTitle: string;
  areaTitle: string;
}

/** One action in full, for its own page and for changes to it. */
export interface ActionRecord extends ActionRow {
  description: string;
  signedOffBy: number | null;
  rolledOverFromId: number | null;
  updatedAt: string;
  archivedReason: string | null;
}

export interface ActionFilter {
  planId?: number | undefined;
  /** Only actions in live plans: not archived, neither draft nor closed (cross-plan lists: "my actions"). */
  livePlansOnly?: boolean;
  ids?: number[] | undefined;
  theme?: number | undefined;
  area?: number | undefined;
  lead?: number | undefined;
  recommendation?: number | undefined;
  status?: ActionStatus | undefined;
  q?: string | undefined;
  includeArchived?: boolean | undefined;
  /** Due before this date and not signed off: the overdue rule, pushed down to SQL. */
  dueBefore?: string | undefined;
}

export type ActionOrder = 'plan' | 'due_date';

/** An action's link to a recommendation: in full or in part, with a note of what part. */
export interface RecommendationLinkRow {
  recommendationId: number;
  /** In full unless said. */
  coverage?: LinkCoverage;
  scopeNote: string;
}

const author = alias(users, 'author');
const decider = alias(users, 'decider');

export function createActionRepository(db: Db) {
  const rowColumns = {
    id: actions.id,
    planId: actions.planId,
    areaId: actions.areaId,
    ref: actions.ref,
    objective: actions.objective,
    timeframeText: actions.timeframeText,
    startDate: actions.startDate,
    originalDueDate: actions.originalDueDate,
    dueDate: actions.dueDate,
    status: actions.status,
    reportedRag: actions.reportedRag,
    lastUpdateAt: actions.lastUpdateAt,
    dueDateRevisions: actions.dueDateRevisions,
    signedOffAt: actions.signedOffAt,
    version: actions.version,
    createdAt: actions.createdAt,
    archivedAt: actions.archivedAt,
    themeId: themes.id,
    themeTitle: themes.title,
    areaTitle: areas.title,
  };

  /**
   * The WHERE clause for a filter, with every value a placeholder, and the values to bind. Queries are
   * prepared once per shape (which filters are present), so a busy list costs a bind and a step, not a parse.
   */
  function where(f: ActionFilter): {
    clause: SQL | undefined;
    params: Record<string, unknown>;
    shape: string;
  } {
    const c: SQL[] = [];
    const params: Record<string, unknown> = {};
    const shape: string[] = [];
    const add = (name: string, value: unknown, clause: SQL) => {
      c.push(clause);
      params[name] = value;
      shape.push(name);
    };
    if (f.planId !== undefined) add('planId', f.planId, eq(actions.planId, sql.placeholder('planId')));
    if (f.livePlansOnly) {
      c.push(isNull(plans.archivedAt), eq(plans.status, 'active'));
      shape.push('livePlans');
    }
    if (f.ids) add('ids', JSON.stringify(f.ids), inIdList(actions.id, 'ids'));
    if (!f.includeArchived) {
      c.push(isNull(actions.archivedAt));
      shape.push('live');
    }
    if (f.theme !== undefined) add('theme', f.theme, eq(themes.id, sql.placeholder('theme')));
    if (f.area !== undefined) add('area', f.area, eq(actions.areaId, sql.placeholder('area')));
    if (f.status !== undefined) add('status', f.status, eq(actions.status, sql.placeholder('status')));
    if (f.lead !== undefined) {
      add(
        'lead',
        f.lead,
        exists(
          db
            .select({ x: sql`1` })
            .from(actionLeads)
            .where(
              and(eq(actionLeads.actionId, actions.id), eq(actionLeads.leadId, sql.placeholder('lead'))),
            ),
        ),
      );
    }
    if (f.recommendation !== undefined) {
      add(
        'recommendation',
        f.recommendation,
        exists(
          db
            .select({ x: sql`1` })
            .from(actionRecommendations)
            .where(
              and(
                eq(actionRecommendations.actionId, actions.id),
                eq(actionRecommendations.recommendationId, sql.placeholder('recommendation')),
              ),
            ),
        ),
      );
    }
    if (f.q) {
      f.q
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .slice(0, 10)
        .forEach((word, i) => {
          const name = `q${i}`;
          const any = or(
            containsPlaceholder(actions.ref, name),
            containsPlaceholder(actions.objective, name),
            containsPlaceholder(actions.description, name),
          );
          if (any) add(name, containsPattern(word), any);
        });
    }
    if (f.dueBefore !== undefined) {
      add('dueBefore', f.dueBefore, lt(actions.dueDate, sql.placeholder('dueBefore')));
      c.push(isNull(actions.signedOffAt));
    }
    return { clause: c.length ? and(...c) : undefined, params, shape: shape.join(',') };
  }

  function base() {
    return db
      .select(rowColumns)
      .from(actions)
      .innerJoin(areas, eq(areas.id, actions.areaId))
      .innerJoin(themes, eq(themes.id, areas.themeId))
      .innerJoin(plans, eq(plans.id, actions.planId));
  }

  const planOrder = [
    asc(plans.id),
    asc(themes.position),
    asc(themes.id),
    asc(areas.position),
    asc(areas.id),
    asc(actions.position),
    asc(actions.id),
  ];

  const prepared = preparedCache<{ all(p: Record<string, unknown>): ActionRow[] }>();
  const preparedCount = preparedCache<{ get(p: Record<string, unknown>): { n: number } | undefined }>();
  const recordColumns = {
    ...rowColumns,
    description: actions.description,
    signedOffBy: actions.signedOffBy,
    rolledOverFromId: actions.rolledOverFromId,
    updatedAt: actions.updatedAt,
    archivedReason: actions.archivedReason,
  };
  const byId = db
    .select(recordColumns)
    .from(actions)
    .innerJoin(areas, eq(areas.id, actions.areaId))
    .innerJoin(themes, eq(themes.id, areas.themeId))
    .where(eq(actions.id, sql.placeholder('id')))
    .prepare();
  const leadsOf = db
    .select({
      actionId: actionLeads.actionId,
      id: leads.id,
      name: leads.name,
      kind: leads.kind,
      userId: leads.userId,
    })
    .from(actionLeads)
    .innerJoin(leads, eq(leads.id, actionLeads.leadId))
    .where(inIdList(actionLeads.actionId, 'ids'))
    .orderBy(asc(actionLeads.actionId), asc(actionLeads.position), asc(leads.id))
    .prepare();
  const recommendationIdsOf = db
    .select({ actionId: actionRecommendations.actionId, id: actionRecommendations.recommendationId })
    .from(actionRecommendations)
    .innerJoin(recommendations, eq(recommendations.id, actionRecommendations.recommendationId))
    .where(inIdList(actionRecommendations.actionId, 'ids'))
    .orderBy(asc(recommendations.sourceId), asc(recommendations.position), asc(recommendations.id))
    .prepare();
  const evidenceCountsOf = db
    .select({
      actionId: evidence.actionId,
      submitted: sql<number>`sum(case when ${evidence.withdrawnAt} is null and ${evidence.reviewState} = 'submitted' then 1 else 0 end)`,
      accepted: sql<number>`sum(case when ${evidence.withdrawnAt} is null and ${evidence.reviewState} = 'accepted' then 1 else 0 end)`,
      rejected: sql<number>`sum(case when ${evidence.withdrawnAt} is null and ${evidence.reviewState} = 'rejected' then 1 else 0 end)`,
      withdrawn: sql<number>`sum(case when ${evidence.withdrawnAt} is not null then 1 else 0 end)`,
    })
    .from(evidence)
    .where(inIdList(evidence.actionId, 'ids'))
    .groupBy(evidence.actionId)
    .prepare();

  const leadIdsOf = db
    .select({ id: actionLeads.leadId })
    .from(actionLeads)
    .where(eq(actionLeads.actionId, sql.placeholder('actionId')))
    .orderBy(asc(actionLeads.position))
    .prepare();
  const latestUpdate = db
    .update(actions)
    .set({
      status: sql.placeholder('status') as unknown as ActionStatus,
      reportedRag: sql.placeholder('reportedRag') as unknown as ActionTableRow['reportedRag'],
      lastUpdateId: sql.placeholder('lastUpdateId') as unknown as number,
      lastUpdateAt: sql.placeholder('lastUpdateAt') as unknown as string,
      updatedAt: sql.placeholder('updatedAt') as unknown as string,
      version: sql.placeholder('next') as unknown as number,
    })
    .where(and(eq(actions.id, sql.placeholder('id')), eq(actions.version, sql.placeholder('version'))))
    .prepare();
  const linkedRecommendationsOf = db
    .select({
      id: recommendations.id,
      sourceId: recommendations.sourceId,
      number: recommendations.number,
      text: recommendations.text,
      citation: sources.citation,
      kind: sources.kind,
      coverage: actionRecommendations.coverage,
      scopeNote: actionRecommendations.scopeNote,
    })
    .from(actionRecommendations)
    .innerJoin(recommendations, eq(recommendations.id, actionRecommendations.recommendationId))
    .innerJoin(sources, eq(sources.id, recommendations.sourceId))
    .where(eq(actionRecommendations.actionId, sql.placeholder('actionId')))
    .orderBy(asc(sources.issuedOn), asc(sources.id), asc(recommendations.position), asc(recommendations.id))
    .prepare();

  const updatesOf = db
    .select({
      id: actionUpdates.id,
      actionId: actionUpdates.actionId,
      createdAt: actionUpdates.createdAt,
      status: actionUpdates.status,
      reportedRag: actionUpdates.reportedRag,
      commentary: actionUpdates.commentary,
      correctsUpdateId: actionUpdates.correctsUpdateId,
      authorId: author.id,
      authorName: author.name,
      authorJobTitle: author.jobTitle,
      onBehalfOfId: leads.id,
      onBehalfOfName: leads.name,
    })
    .from(actionUpdates)
    .innerJoin(author, eq(author.id, actionUpdates.authorId))
    .leftJoin(leads, eq(leads.id, actionUpdates.onBehalfOfLeadId))
    .where(eq(actionUpdates.actionId, sql.placeholder('actionId')))
    .orderBy(desc(actionUpdates.createdAt), desc(actionUpdates.id))
    .prepare();

  const dueDateChangesOf = db
    .select({
      id: dueDateChanges.id,
      actionId: dueDateChanges.actionId,
      fromDate: dueDateChanges.fromDate,
      toDate: dueDateChanges.toDate,
      reason: dueDateChanges.reason,
      requestedBy: dueDateChanges.requestedBy,
      requestedAt: dueDateChanges.requestedAt,
      decision: dueDateChanges.decision,
      decidedBy: dueDateChanges.decidedBy,
      decidedAt: dueDateChanges.decidedAt,
      decisionComment: dueDateChanges.decisionComment,
      requesterName: author.name,
      requesterJobTitle: author.jobTitle,
      deciderName: decider.name,
      deciderJobTitle: decider.jobTitle,
    })
    .from(dueDateChanges)
    .innerJoin(author, eq(author.id, dueDateChanges.requestedBy))
    .leftJoin(decider, eq(decider.id, dueDateChanges.decidedBy))
    .where(eq(dueDateChanges.actionId, sql.placeholder('actionId')))
    .orderBy(desc(dueDateChanges.requestedAt), desc(dueDateChanges.id))
    .prepare();

  const signOffsOf = db
    .select({ s: signOffDecisions, name: decider.name, jobTitle: decider.jobTitle })
    .from(signOffDecisions)
    .innerJoin(decider, eq(decider.id, signOffDecisions.decidedBy))
    .where(eq(signOffDecisions.actionId, sql.placeholder('actionId')))
    .orderBy(desc(signOffDecisions.decidedAt), desc(signOffDecisions.id))
    .prepare();

  return {
    rows(filter: ActionFilter, order: ActionOrder = 'plan', limit?: number, offset?: number): ActionRow[] {
      const w = where(filter);
      const paged = limit !== undefined;
      const q = prepared(`${w.shape}|${order}|${paged}`, () => {
        let query = base()
          .where(w.clause)
          .orderBy(...(order === 'due_date' ? [asc(actions.dueDate), asc(actions.id)] : planOrder))
          .$dynamic();
        if (paged) query = query.limit(sql.placeholder('limit')).offset(sql.placeholder('offset'));
        return query.prepare();
      });
      return q.all(paged ? { ...w.params, limit, offset: offset ?? 0 } : w.params);
    },

    count(filter: ActionFilter): number {
      const w = where(filter);
      const q = preparedCount(w.shape, () =>
        db
          .select({ n: count() })
          .from(actions)
          .innerJoin(areas, eq(areas.id, actions.areaId))
          .innerJoin(themes, eq(themes.id, areas.themeId))
          .innerJoin(plans, eq(plans.id, actions.planId))
          .where(w.clause)
          .prepare(),
      );
      return q.get(w.params)?.n ?? 0;
    },

    row(id: number): ActionRecord | undefined {
      return byId.get({ id });
    },

    leadsFor(ids: number[]): Map<number, ActionLead[]> {
      const out = new Map<number, ActionLead[]>();
      if (ids.length === 0) return out;
      for (const { actionId, ...lead } of leadsOf.all({ ids: JSON.stringify(ids) })) {
        const list = out.get(actionId);
        if (list) list.push(lead);
        else out.set(actionId, [lead]);
      }
      return out;
    },

    recommendationIdsFor(ids: number[]): Map<number, number[]> {
      const out = new Map<number, number[]>();
      if (ids.length === 0) return out;
      for (const r of recommendationIdsOf.all({ ids: JSON.stringify(ids) })) {
        const list = out.get(r.actionId);
        if (list) list.push(r.id);
        else out.set(r.actionId, [r.id]);
      }
      return out;
    },

    evidenceCountsFor(ids: number[]): Map<number, EvidenceCounts> {
      const out = new Map<number, EvidenceCounts>();
      if (ids.length === 0) return out;
      for (const { actionId, ...c } of evidenceCountsOf.all({ ids: JSON.stringify(ids) })) {
        out.set(actionId, {
          submitted: Number(c.submitted),
          accepted: Number(c.accepted),
          rejected: Number(c.rejected),
          withdrawn: Number(c.withdrawn),
        });
      }
      return out;
    },

    linkedRecommendations(actionId: number): LinkedRecommendation[] {
      return linkedRecommendationsOf.all({ actionId }).map((r) => ({
        id: r.id,
        sourceId: r.sourceId,
        label: recommendationLabel(r.citation, r.kind, r.number),
        text: r.text,
        coverage: r.coverage,
        scopeNote: r.scopeNote,
      }));
    },

    updates(actionId: number): ActionUpdate[] {
      return updatesOf.all({ actionId }).map((r) => ({
        id: r.id,
        actionId: r.actionId,
        createdAt: r.createdAt,
        status: r.status,
        reportedRag: r.reportedRag,
        commentary: r.commentary,
        correctsUpdateId: r.correctsUpdateId,
        author: { id: r.authorId, name: r.authorName, jobTitle: r.authorJobTitle },
        onBehalfOf:
          r.onBehalfOfId !== null && r.onBehalfOfName !== null
            ? { id: r.onBehalfOfId, name: r.onBehalfOfName }
            : null,
      }));
    },

    dueDateChanges(actionId: number): DueDateChange[] {
      return dueDateChangesOf.all({ actionId }).map((c) => ({
        id: c.id,
        actionId: c.actionId,
        fromDate: c.fromDate,
        toDate: c.toDate,
        reason: c.reason,
        requestedBy: { id: c.requestedBy, name: c.requesterName, jobTitle: c.requesterJobTitle },
        requestedAt: c.requestedAt,
        decision: c.decision,
        decidedBy:
          c.decidedBy !== null && c.deciderName !== null
            ? { id: c.decidedBy, name: c.deciderName, jobTitle: c.deciderJobTitle ?? '' }
            : null,
        decidedAt: c.decidedAt,
        decisionComment: c.decisionComment,
      }));
    },

    signOffs(actionId: number): SignOffRecord[] {
      return signOffsOf.all({ actionId }).map(({ s, name, jobTitle }) => ({
        id: s.id,
        decision: s.decision,
        reason: s.reason,
        decidedBy: { id: s.decidedBy, name, jobTitle },
        decidedAt: s.decidedAt,
      }));
    },

    refExists(planId: number, ref: string, exceptId?: number): boolean {
      const row = db
        .select({ id: actions.id })
        .from(actions)
        .where(and(eq(actions.planId, planId), sql`lower(${actions.ref}) = lower(${ref})`))
        .all()
        .find((r) => r.id !== exceptId);
      return row !== undefined;
    },

    nextPosition(areaId: number): number {
      const rows = db.select({ p: actions.position }).from(actions).where(eq(actions.areaId, areaId)).all();
      return rows.reduce((m, r) => Math.max(m, r.p + 1), 0);
    },

    insert(row: typeof actions.$inferInsert): ActionTableRow {
      return db.insert(actions).values(row).returning().get();
    },

    /** Applies the change only if the action is still at `version`; undefined when someone got there first. */
    update(
      id: number,
      version: number,
      patch: Partial<typeof actions.$inferInsert>,
    ): ActionTableRow | undefined {
      return db
        .update(actions)
        .set({ ...patch, version: version + 1 })
        .where(and(eq(actions.id, id), eq(actions.version, version)))
        .returning()
        .get();
    },

    setLeads(actionId: number, leadIds: number[]): void {
      db.delete(actionLeads).where(eq(actionLeads.actionId, actionId)).run();
      if (leadIds.length) {
        db.insert(actionLeads)
          .values(leadIds.map((leadId, position) => ({ actionId, leadId, position })))
          .run();
      }
    },

    setRecommendations(actionId: number, links: RecommendationLinkRow[]): void {
      db.delete(actionRecommendations).where(eq(actionRecommendations.actionId, actionId)).run();
      if (links.length) {
        db.insert(actionRecommendations)
          .values(
            links.map((l) => ({
              actionId,
              recommendationId: l.recommendationId,
              coverage: l.coverage ?? 'full',
              scopeNote: l.scopeNote,
            })),
          )
          .run();
      }
    },

    leadIds(actionId: number): number[] {
      return leadIdsOf.all({ actionId }).map((r) => r.id);
    },

    /** A new latest update: the action's denormalised status moves with it, under the version check. */
    recordLatestUpdate(
      id: number,
      version: number,
      latest: {
        status: ActionStatus;
        reportedRag: ActionTableRow['reportedRag'];
        lastUpdateId: number;
        lastUpdateAt: string;
      },
    ): boolean {
      return (
        latestUpdate.run({ ...latest, updatedAt: latest.lastUpdateAt, next: version + 1, id, version })
          .changes === 1
      );
    },

    recommendationLinks(actionId: number): RecommendationLinkRow[] {
      return db
        .select({
          recommendationId: actionRecommendations.recommendationId,
          coverage: actionRecommendations.coverage,
          scopeNote: actionRecommendations.scopeNote,
        })
        .from(actionRecommendations)
        .where(eq(actionRecommendations.actionId, actionId))
        .all();
    },
  };
}
export type ActionRepository = ReturnType<typeof createActionRepository>;
