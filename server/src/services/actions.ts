/**
 * Actions: listing with live RAG and filters, the action page, and the programme officer's changes to the
 * plan's structure (create, edit, archive). Progress (updates, timeframe changes, sign-off) is in progress.ts.
 */
import { londonDate } from '@ipt/shared';
import type {
  ActionDetail,
  ActionListQuery,
  ActionPage,
  ActionSummary,
  CreateActionBody,
  RecommendationLinkInput,
  UpdateActionBody,
} from '@ipt/shared/schemas';
import { inTransaction } from '../db/client.js';
import { actionUpdateScope, canUpdateAction } from '../domain/access.js';
import { recommendationLabel } from '../domain/citations.js';
import { parseTimeframe, TimeframeError, type Timeframe } from '../domain/timeframe.js';
import { jsonObjectText, type JsonText } from '../lib/json-text.js';
import { problem } from '../lib/problems.js';
import type { Actor } from '../lib/types.js';
import type {
  ActionHistoryJson,
  ActionRecord,
  RatedRow,
  RecommendationLinkRow,
} from '../repositories/actions.js';
import type { PlanRow } from '../repositories/plans.js';
import type { AssessmentService } from './assessment.js';
import type { ServiceDeps } from './deps.js';

/** The action page with its history lists left empty in `detail` and given as JSON arrays in `lists`. */
export interface ActionDetailParts {
  detail: ActionDetail;
  lists: ActionHistoryJson;
}

/** A checked new action, ready to write. */
export interface NewAction {
  planId: number;
  areaId: number;
  ref: string;
  objective: string;
  description: string;
  timeframeText: string;
  timeframe: Timeframe;
  leadIds: number[];
  links: RecommendationLinkRow[];
  rolledOverFromId?: number | null;
  /** The audit event: `create` unless said (`import`, `roll-over`). */
  event?: string;
}

export function createActionService(deps: ServiceDeps, assessment: AssessmentService) {
  const { repos, sqlite, clock } = deps;

  /** What a list shows of each action: its row as read, rated, with what the reader may do. */
  function summaries(rows: RatedRow[], actor: Actor): ActionSummary[] {
    return rows.map((r) => ({
      id: r.id,
      planId: r.planId,
      planTitle: r.planTitle,
      ref: r.ref,
      objective: r.objective,
      themeId: r.themeId,
      themeTitle: r.themeTitle,
      areaId: r.areaId,
      areaTitle: r.areaTitle,
      leads: r.leads,
      timeframeText: r.timeframeText,
      startDate: r.startDate,
      originalDueDate: r.originalDueDate,
      dueDate: r.dueDate,
      status: r.status,
      reportedRag: r.reportedRag,
      lastUpdateAt: r.lastUpdateAt,
      signedOffAt: r.signedOffAt,
      assessment: r.assessment,
      evidenceCounts: r.evidenceCounts,
      canUpdate:
        r.archivedAt === null &&
        r.planStatus !== 'closed' &&
        canUpdateAction(
          actor,
          r.leads.map((l) => l.id),
        ),
      planClosed: r.planStatus === 'closed',
      updatedSinceCutoff: r.updatedSinceCutoff,
      version: r.version,
      archivedAt: r.archivedAt,
    }));
  }

  function requirePlan(planId: number) {
    const plan = repos.plans.findRow(planId);
    if (!plan) throw problem.notFound(`Plan ${planId}`);
    return plan;
  }

  function requireRow(id: number): ActionRecord {
    const row = repos.actions.row(id);
    if (!row) throw problem.notFound(`Action ${id}`);
    return row;
  }

  /**
   * The action page, read in one statement: the action with everything the page shows, its history lists
   * left empty, and those lists as JSON text (ActionHistoryJson) — for the route to send as SQLite wrote them.
   */
  function pageOf(id: number, actor: Actor): ActionDetailParts {
    const found = repos.actions.detail(id, assessment.live());
    if (!found) throw problem.notFound(`Action ${id}`);
    const [summary] = summaries([found.rated], actor);
    if (!summary) throw new Error('summary missing');
    const { page } = found;
    return {
      detail: {
        ...summary,
        description: page.description,
        recommendations: page.recommendations.map((r) => ({
          id: r.id,
          sourceId: r.sourceId,
          label: recommendationLabel(r.citation, r.kind, r.number),
          text: r.text,
          coverage: r.coverage,
          scopeNote: r.scopeNote,
        })),
        updates: [],
        dueDateChanges: [],
        signOffs: [],
        signedOffBy: page.signedOffBy,
        rolledOverFromId: page.rolledOverFromId,
        createdAt: found.rated.createdAt,
        updatedAt: page.updatedAt,
        archivedReason: page.archivedReason,
      },
      lists: found.lists,
    };
  }

  /** The action page as one object (the answer to a change). */
  function detail(id: number, actor: Actor): ActionDetail {
    const { detail, lists } = pageOf(id, actor);
    return {
      ...detail,
      updates: JSON.parse(lists.updates) as ActionDetail['updates'],
      dueDateChanges: JSON.parse(lists.dueDateChanges) as ActionDetail['dueDateChanges'],
      signOffs: JSON.parse(lists.signOffs) as ActionDetail['signOffs'],
    };
  }

  function checkLeads(leadIds: number[]): void {
    const found = new Set(repos.leads.existing(leadIds));
    const missing = leadIds.filter((id) => !found.has(id));
    if (missing.length) {
      throw problem.unprocessable(
        `No lead has the id ${missing.join(', ')}. Choose leads from GET /api/leads.`,
        [{ path: 'body.leadIds', message: `unknown lead ${missing.join(', ')}` }],
      );
    }
  }

  function checkRecommendations(planId: number, links: RecommendationLinkInput[]): RecommendationLinkRow[] {
    const ids = links.map((l) => l.recommendationId);
    if (new Set(ids).size !== ids.length) {
      throw problem.invalid('body.recommendations', 'a recommendation is listed twice; list each once');
    }
    const rows = repos.recommendations.existing(ids);
    const planSources = new Set(repos.plans.sourceIds(planId));
    for (const id of ids) {
      const rec = rows.find((r) => r.id === id);
      if (!rec) {
        throw problem.unprocessable(`No recommendation has the id ${id}.`, [
          { path: 'body.recommendations', message: `unknown recommendation ${id}` },
        ]);
      }
      if (!planSources.has(rec.sourceId)) {
        throw problem.unprocessable(
          `Recommendation ${id} belongs to a source this plan does not answer. Add the source to the plan first.`,
          [
            {
              path: 'body.recommendations',
              message: `recommendation ${id} is not from one of the plan's sources`,
            },
          ],
        );
      }
    }
    return links.map((l) => ({
      recommendationId: l.recommendationId,
      coverage: l.coverage ?? 'full',
      scopeNote: l.scopeNote?.trim() ?? '',
    }));
  }

  function checkArea(planId: number, areaId: number): void {
    const area = repos.themes.findArea(areaId);
    if (!area || area.planId !== planId || area.archivedAt || area.themeArchivedAt) {
      throw problem.unprocessable(
        `Area ${areaId} is not an area of this plan. Choose one from GET /api/plans/${planId}/themes.`,
        [{ path: 'body.areaId', message: 'not an area of this plan' }],
      );
    }
  }

  function snapshotOf(id: number) {
    const row = repos.actions.row(id);
    return row
      ? {
          ...row,
          leadIds: repos.actions.leadIds(id),
          recommendations: repos.actions.recommendationLinks(id),
        }
      : null;
  }

  /** The dates a timeframe sets on an action. */
  function datesOf(t: Timeframe) {
    return t.kind === 'dated'
      ? { startDate: t.startDate, originalDueDate: t.dueDate, dueDate: t.dueDate }
      : t.kind === 'ongoing'
        ? { startDate: t.startDate, originalDueDate: null, dueDate: null }
        : { startDate: null, originalDueDate: null, dueDate: null };
  }

  /** A timeframe as the plan writes it, read with the plan's quarters; a 400 saying what to write if not. */
  function readTimeframe(text: string, quarters: PlanRow['quarters']): Timeframe {
    try {
      return parseTimeframe(text, { cell: 'body.timeframe', quarters, today: londonDate(clock()) });
    } catch (err) {
      if (err instanceof TimeframeError) throw problem.invalid('body.timeframe', err.message);
      throw err;
    }
  }

  /**
   * Writes a new action and its audit row; the caller has checked it and holds the transaction (create, and
   * the plan importer for each row).
   */
  function writeNew(actor: Actor, a: NewAction): number {
    const now = clock().toISOString();
    const t = a.timeframe;
    const dates = datesOf(t);
    const row = repos.actions.insert({
      planId: a.planId,
      areaId: a.areaId,
      ref: a.ref,
      objective: a.objective.trim(),
      description: a.description.trim(),
      timeframeText: a.timeframeText.trim(),
      ...dates,
      status: t.kind === 'complete' ? 'complete' : 'not_started',
      signedOffAt: t.kind === 'complete' ? now : null,
      signedOffBy: t.kind === 'complete' ? actor.id : null,
      rolledOverFromId: a.rolledOverFromId ?? null,
      position: repos.actions.nextPosition(a.areaId),
      createdAt: now,
      updatedAt: now,
    });
    repos.actions.setLeads(row.id, a.leadIds);
    repos.actions.setRecommendations(row.id, a.links);
    repos.audit.record({
      at: now,
      userId: actor.id,
      event: a.event ?? 'create',
      entityType: 'action',
      entityId: row.id,
      after: snapshotOf(row.id),
    });
    return row.id;
  }

  /** Changes an action's fields, leads and links with its audit row, inside the caller's transaction. */
  function writeChange(
    actor: Actor,
    row: ActionRecord,
    version: number,
    patch: Parameters<typeof repos.actions.update>[2],
    leadIds: number[] | undefined,
    links: RecommendationLinkRow[] | undefined,
    event = 'update',
  ): void {
    const now = clock().toISOString();
    const before = snapshotOf(row.id);
    const full = { ...patch, updatedAt: now };
    if (patch.areaId !== undefined && patch.areaId !== row.areaId) {
      full.position = repos.actions.nextPosition(patch.areaId);
    }
    const updated = repos.actions.update(row.id, version, full);
    if (!updated)
      throw problem.stale(`Action ${row.ref} was changed by someone else. Reload it and try again.`);
    if (leadIds) repos.actions.setLeads(row.id, leadIds);
    if (links) repos.actions.setRecommendations(row.id, links);
    repos.audit.record({
      at: now,
      userId: actor.id,
      event,
      entityType: 'action',
      entityId: row.id,
      before,
      after: snapshotOf(row.id),
    });
  }

  return {
    summaries,
    writeNew,
    writeChange,

    /**
     * A page of the plan's list, filtered (RAG and flag included), sorted and paged in SQL, its rows as
     * SQLite writes them (lean: what a list shows, the areas and themes named once beside them).
     */
    list(actor: Actor, planId: number, query: ActionListQuery): JsonText<ActionPage> {
      const plan = requirePlan(planId);
      const page = query.page ?? 1;
      const pageSize = query.pageSize ?? 50;
      const { items, areas, total } = repos.actions.listPage(
        {
          planId,
          theme: query.theme,
          area: query.area,
          lead: query.lead,
          recommendation: query.recommendation,
          status: query.status,
          q: query.q,
          includeArchived: query.includeArchived,
          rag: query.rag,
          flag: query.flag,
        },
        assessment.live(),
        query.sort ?? 'plan',
        { limit: pageSize, offset: (page - 1) * pageSize },
        { planOpen: plan.status !== 'closed', ...actionUpdateScope(actor) },
      );
      return jsonObjectText<ActionPage>({ items, areas, page, pageSize, total });
    },

    /**
     * At start-up: writes the live-RAG columns of any action row without them (written before they
     * existed, or in bulk), in one transaction. Idempotent; returns how many rows it wrote.
     */
    backfillLiveRag(): number {
      return inTransaction(sqlite, () => repos.actions.backfillLiveRag());
    },

    /**
     * At start-up: writes the leads' and evidence counts' JSON the lists read from any action row without
     * them (written before they existed, or in bulk), in one transaction. Idempotent; returns how many rows.
     */
    backfillListParts(): number {
      return inTransaction(sqlite, () => repos.actions.backfillListParts());
    },

    get(actor: Actor, id: number): ActionDetail {
      return detail(id, actor);
    },

    /** The action page for a GET: its history lists as JSON text, to be sent as they are (sendActionPage). */
    page(actor: Actor, id: number): ActionDetailParts {
      return pageOf(id, actor);
    },

    create(actor: Actor, planId: number, body: CreateActionBody): ActionDetail {
      const plan = requirePlan(planId);
      if (plan.archivedAt) throw problem.conflict('This plan is archived; actions cannot be added to it.');
      checkArea(planId, body.areaId);
      checkLeads(body.leadIds);
      const links = checkRecommendations(planId, body.recommendations ?? []);
      const ref = body.ref.trim();
      if (repos.actions.refExists(planId, ref)) {
        throw problem.conflict(
          `This plan already has an action ${ref}. Give the new action another reference.`,
        );
      }
      const timeframe = readTimeframe(body.timeframe, plan.quarters);
      const id = inTransaction(sqlite, () =>
        writeNew(actor, {
          planId,
          areaId: body.areaId,
          ref,
          objective: body.objective,
          description: body.description ?? '',
          timeframeText: body.timeframe,
          timeframe,
          leadIds: body.leadIds,
          links,
        }),
      );
      return detail(id, actor);
    },

    update(actor: Actor, id: number, version: number, body: UpdateActionBody): ActionDetail {
      const row = requireRow(id);
      if (row.archivedAt) throw problem.conflict(`Action ${row.ref} is archived and cannot be changed.`);
      if (row.version !== version) {
        throw problem.stale(
          `Action ${row.ref} was changed by someone else (now version ${row.version}). Reload it and make your change again.`,
        );
      }
      if (body.areaId !== undefined) checkArea(row.planId, body.areaId);
      if (body.leadIds) checkLeads(body.leadIds);
      let timeframe: Timeframe | undefined;
      if (body.timeframe !== undefined) {
        const plan = requirePlan(row.planId);
        if (plan.status !== 'draft') {
          throw problem.conflict(
            `The plan is live, so action ${row.ref}'s timeframe is on the record: its due date moves only through a request for a new due date.`,
          );
        }
        timeframe = readTimeframe(body.timeframe, plan.quarters);
        if (timeframe.kind === 'complete') {
          throw problem.invalid('body.timeframe', 'while setting up, give a date, a range or Ongoing');
        }
      }
      const links = body.recommendations ? checkRecommendations(row.planId, body.recommendations) : undefined;
      const ref = body.ref?.trim();
      if (ref !== undefined && repos.actions.refExists(row.planId, ref, id)) {
        throw problem.conflict(`This plan already has an action ${ref}.`);
      }
      if (body.startDate && row.dueDate && body.startDate > row.dueDate) {
        throw problem.invalid(
          'body.startDate',
          `the start date must be on or before the due date (${row.dueDate})`,
        );
      }
      const patch: Parameters<typeof repos.actions.update>[2] = {};
      if (ref !== undefined) patch.ref = ref;
      if (body.areaId !== undefined) patch.areaId = body.areaId;
      if (body.objective !== undefined) patch.objective = body.objective.trim();
      if (body.description !== undefined) patch.description = body.description.trim();
      if (body.startDate !== undefined) patch.startDate = body.startDate;
      if (timeframe && body.timeframe !== undefined) {
        Object.assign(patch, datesOf(timeframe), { timeframeText: body.timeframe.trim() });
      }
      inTransaction(sqlite, () => writeChange(actor, row, version, patch, body.leadIds, links));
      return detail(id, actor);
    },

    archive(actor: Actor, id: number, version: number, reason: string): ActionDetail {
      const row = requireRow(id);
      if (row.archivedAt) throw problem.conflict(`Action ${row.ref} is already archived.`);
      if (row.version !== version)
        throw problem.stale(`Action ${row.ref} was changed by someone else. Reload it and try again.`);
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const updated = repos.actions.update(id, version, {
          archivedAt: now,
          archivedReason: reason.trim(),
          updatedAt: now,
        });
        if (!updated)
          throw problem.stale(`Action ${row.ref} was changed by someone else. Reload it and try again.`);
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'archive',
          entityType: 'action',
          entityId: id,
          before: { archivedAt: null },
          after: { archivedAt: now, reason: reason.trim() },
        });
      });
      return detail(id, actor);
    },
  };
}
export type ActionService = ReturnType<typeof createActionService>;
