import { and, asc, count, desc, eq, exists, isNull, or, sql, type SQL } from 'drizzle-orm';
import type {
  ActionFlagFilter,
  ActionSort,
  ActionStatus,
  LinkCoverage,
  PlanStatus,
  Rag,
  SourceKind,
} from '@ipt/shared';
import type { ActionLead, DueDateChange, EvidenceCounts, RagAssessment } from '@ipt/shared/schemas';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.js';
import { liveRagColumns } from '../domain/rag.js';
import {
  actionLeads,
  actionRecommendations,
  actions,
  areas,
  dueDateChanges,
  leads,
  meetings,
  plans,
  themes,
  users,
} from '../db/schema.js';
import {
  cutoffMeeting,
  cutoffMeetingOn,
  flagsWith,
  joinedCutoff,
  listFlagsJson,
  liveFlags,
  liveRag,
  planCutoff,
  ragSeverity,
  updatedSinceCutoffWith,
  type LiveParams,
} from './live-rag.js';
import { createListPartsWriter, NO_EVIDENCE_JSON, NO_LEADS_JSON } from './list-parts.js';
import {
  boundLimit,
  containsPattern,
  containsPlaceholder,
  inIdList,
  jsonObject,
  parseJsonRows,
  preparedCache,
} from './util.js';

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

/** What the action page shows beyond its rated row (see `detail`). */
export interface ActionPageParts {
  description: string;
  rolledOverFromId: number | null;
  updatedAt: string;
  archivedReason: string | null;
  signedOffBy: { id: number; name: string; jobTitle: string } | null;
  recommendations: {
    id: number;
    sourceId: number;
    number: string;
    text: string;
    citation: string;
    kind: SourceKind;
    coverage: LinkCoverage;
    scopeNote: string;
  }[];
}

/** An action's history lists as JSON arrays (text), in the shapes of ActionUpdate, DueDateChange, SignOffRecord. */
export interface ActionHistoryJson {
  updates: string;
  dueDateChanges: string;
  signOffs: string;
}

export interface ActionPageRow {
  rated: RatedRow;
  page: ActionPageParts;
  lists: ActionHistoryJson;
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
  /** Rated now (live RAG) as this; only for rated(). */
  rag?: Rag | undefined;
  /** Carrying this flag now; only for rated(). */
  flag?: ActionFlagFilter | undefined;
}

export type ActionOrder = 'plan' | 'due_date';

/** An action as a list shows it: its row, leads, evidence counts and live RAG with flags, read in one query. */
export interface RatedRow extends ActionRow {
  planTitle: string;
  planStatus: PlanStatus;
  leads: ActionLead[];
  evidenceCounts: EvidenceCounts;
  assessment: RagAssessment;
  updatedSinceCutoff: boolean;
}

const FLAG_SQL: Record<ActionFlagFilter, SQL> = {
  overdue: liveFlags.overdue,
  no_update: liveFlags.noUpdate,
  stale: liveFlags.stale,
  due_soon: liveFlags.dueSoon,
  awaiting_sign_off: liveFlags.awaitingSignOff,
  timeframe_revised: liveFlags.timeframeRevised,
};

/** Who reads a list, as its rows' `canUpdate` needs it (see actionUpdateScope in domain/access.ts). */
export interface ListReader {
  /** The actions' plan is not closed. */
  planOpen: boolean;
  /** The reader may update every action (else only those `leadId` leads, if any). */
  all: boolean;
  leadId: number | null;
}

/** A page of a plan's list: its rows as JSON text (ActionListItem[]), the areas they sit in, and the total. */
export interface ListPage {
  items: string;
  areas: string;
  total: number;
}

/** The row's fields the live RAG kept on it depends on. */
const LIVE_INPUTS = ['startDate', 'status', 'reportedRag', 'lastUpdateAt'] as const;

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
  const listParts = createListPartsWriter(db);
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
   * prepared once per shape (which filters are present), so a busy list costs a bind and a step, not a parse;
   * the clause itself is built only when its shape is first prepared (`clause()`), not on every read.
   */
  function where(f: ActionFilter): {
    clause: () => SQL | undefined;
    params: Record<string, unknown>;
    shape: string;
  } {
    const c: (() => SQL | undefined)[] = [];
    const params: Record<string, unknown> = {};
    const shape: string[] = [];
    const add = (name: string, value: unknown, clause: () => SQL | undefined) => {
      c.push(clause);
      params[name] = value;
      shape.push(name);
    };
    if (f.planId !== undefined) add('planId', f.planId, () => eq(actions.planId, sql.placeholder('planId')));
    if (f.livePlansOnly) {
      c.push(
        () => isNull(plans.archivedAt),
        () => eq(plans.status, 'active'),
      );
      shape.push('livePlans');
    }
    if (f.ids) add('ids', JSON.stringify(f.ids), () => inIdList(actions.id, 'ids'));
    if (!f.includeArchived) {
      c.push(() => isNull(actions.archivedAt));
      shape.push('live');
    }
    if (f.theme !== undefined) add('theme', f.theme, () => eq(themes.id, sql.placeholder('theme')));
    if (f.area !== undefined) add('area', f.area, () => eq(actions.areaId, sql.placeholder('area')));
    if (f.status !== undefined) add('status', f.status, () => eq(actions.status, sql.placeholder('status')));
    if (f.lead !== undefined) {
      // Driven from the lead's own rows (action_leads_lead_idx), not an EXISTS tried on every action.
      add(
        'lead',
        f.lead,
        () =>
          sql`${actions.id} IN (SELECT ${actionLeads.actionId} FROM ${actionLeads} WHERE ${actionLeads.leadId} = ${sql.placeholder('lead')})`,
      );
    }
    if (f.recommendation !== undefined) {
      add('recommendation', f.recommendation, () =>
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
          add(name, containsPattern(word), () =>
            or(
              containsPlaceholder(actions.ref, name),
              containsPlaceholder(actions.objective, name),
              containsPlaceholder(actions.description, name),
            ),
          );
        });
    }
    if (f.rag !== undefined) add('rag', f.rag, () => sql`${liveRag} = ${sql.placeholder('rag')}`);
    if (f.flag !== undefined) {
      const flag = f.flag;
      c.push(() => FLAG_SQL[flag]);
      shape.push(`flag:${flag}`);
    }
    return {
      clause: () => (c.length ? and(...c.map((part) => part())) : undefined),
      params,
      shape: shape.join(','),
    };
  }

  function base() {
    return db
      .select({ j: jsonObject(rowColumns) })
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

  const prepared = preparedCache<{ all(p: Record<string, unknown>): { j: string }[] }>();
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
      j: jsonObject({
        actionId: actionLeads.actionId,
        id: leads.id,
        name: leads.name,
        kind: leads.kind,
        userId: leads.userId,
      }),
    })
    .from(actionLeads)
    .innerJoin(leads, eq(leads.id, actionLeads.leadId))
    .where(inIdList(actionLeads.actionId, 'ids'))
    .orderBy(asc(actionLeads.actionId), asc(actionLeads.position), asc(leads.id))
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
      ragStarted: sql.placeholder('ragStarted') as unknown as Rag,
      ragBeforeStart: sql.placeholder('ragBeforeStart') as unknown as Rag,
      lastUpdateDate: sql.placeholder('lastUpdateDate') as unknown as string,
      lastUpdateId: sql.placeholder('lastUpdateId') as unknown as number,
      lastUpdateAt: sql.placeholder('lastUpdateAt') as unknown as string,
      updatedAt: sql.placeholder('updatedAt') as unknown as string,
      version: sql.placeholder('next') as unknown as number,
    })
    .where(and(eq(actions.id, sql.placeholder('id')), eq(actions.version, sql.placeholder('version'))))
    .prepare();
  const dueDateChangesOf = db
    .select({
      j: sql<string>`json_object('id', ${dueDateChanges.id}, 'actionId', ${dueDateChanges.actionId},
        'fromDate', ${dueDateChanges.fromDate}, 'toDate', ${dueDateChanges.toDate}, 'reason', ${dueDateChanges.reason},
        'requestedBy', json_object('id', ${dueDateChanges.requestedBy}, 'name', ${author.name}, 'jobTitle', ${author.jobTitle}),
        'requestedAt', ${dueDateChanges.requestedAt}, 'decision', ${dueDateChanges.decision},
        'decidedBy', CASE WHEN ${dueDateChanges.decidedBy} IS NOT NULL AND ${decider.name} IS NOT NULL
          THEN json_object('id', ${dueDateChanges.decidedBy}, 'name', ${decider.name}, 'jobTitle', coalesce(${decider.jobTitle}, '')) END,
        'decidedAt', ${dueDateChanges.decidedAt}, 'decisionComment', ${dueDateChanges.decisionComment})`,
    })
    .from(dueDateChanges)
    .innerJoin(author, eq(author.id, dueDateChanges.requestedBy))
    .leftJoin(decider, eq(decider.id, dueDateChanges.decidedBy))
    .where(eq(dueDateChanges.actionId, sql.placeholder('actionId')))
    .orderBy(desc(dueDateChanges.requestedAt), desc(dueDateChanges.id))
    .prepare();

  /** A 0/1 SQL condition as a JSON true/false (the two constants are made once per statement). */
  const bool = (condition: SQL) => sql`(CASE WHEN ${condition} THEN json('true') ELSE json('false') END)`;
  // A rated row reads the plan's latest passed cut-off twice: joined once (cutoffMeeting), not looked up twice.
  const rowFlags = flagsWith(joinedCutoff);
  /**
   * A rated row as one JSON object built by SQLite (its leads, evidence counts and live RAG with flags
   * nested), so that a page is one JSON.parse rather than a JavaScript object made per column and row.
   */
  const ratedJson = sql<string>`json_object(
    'id', ${actions.id}, 'planId', ${actions.planId}, 'planTitle', ${plans.title}, 'planStatus', ${plans.status},
    'areaId', ${actions.areaId}, 'ref', ${actions.ref}, 'objective', ${actions.objective},
    'timeframeText', ${actions.timeframeText}, 'startDate', ${actions.startDate},
    'originalDueDate', ${actions.originalDueDate}, 'dueDate', ${actions.dueDate}, 'status', ${actions.status},
    'reportedRag', ${actions.reportedRag}, 'lastUpdateAt', ${actions.lastUpdateAt},
    'dueDateRevisions', ${actions.dueDateRevisions}, 'signedOffAt', ${actions.signedOffAt},
    'version', ${actions.version}, 'createdAt', ${actions.createdAt}, 'archivedAt', ${actions.archivedAt},
    'themeId', ${themes.id}, 'themeTitle', ${themes.title}, 'areaTitle', ${areas.title},
    'leads', (SELECT json_group_array(json_object('id', l.id, 'name', l.name, 'kind', l.kind, 'userId', l.user_id)
        ORDER BY al.position, l.id)
      FROM action_leads al JOIN leads l ON l.id = al.lead_id WHERE al.action_id = ${actions.id}),
    'evidenceCounts', (SELECT json_object(
        'submitted', coalesce(sum(withdrawn_at IS NULL AND review_state = 'submitted'), 0),
        'accepted', coalesce(sum(withdrawn_at IS NULL AND review_state = 'accepted'), 0),
        'rejected', coalesce(sum(withdrawn_at IS NULL AND review_state = 'rejected'), 0),
        'withdrawn', coalesce(sum(withdrawn_at IS NOT NULL), 0))
      FROM evidence WHERE action_id = ${actions.id}),
    'assessment', json_object('rag', ${liveRag}, 'flags', json_object(
      'overdue', ${bool(rowFlags.overdue)}, 'daysOverdue', ${rowFlags.daysOverdue},
      'noUpdate', ${bool(rowFlags.noUpdate)}, 'stale', ${bool(rowFlags.stale)},
      'dueSoon', ${bool(rowFlags.dueSoon)}, 'daysUntilDue', ${rowFlags.daysUntilDue},
      'awaitingSignOff', ${bool(rowFlags.awaitingSignOff)}, 'lateStart', ${bool(rowFlags.lateStart)},
      'noDueDate', ${bool(rowFlags.noDueDate)}, 'timeframeRevised', ${bool(rowFlags.timeframeRevised)},
      'revisions', ${actions.dueDateRevisions}, 'slipDays', ${rowFlags.slipDays})),
    'updatedSinceCutoff', ${bool(updatedSinceCutoffWith(joinedCutoff))})`;

  const parseRated = (rows: { j: string }[]) => parseJsonRows<RatedRow>(rows);

  /**
   * An action as a list shows it (ActionListItem), as JSON text written by SQLite and sent as it is: every
   * text through json_quote, the flags only where they hold, `archivedAt` only when archived. Its leads are
   * ordered as the action lists them; `canUpdate` is the reader's right (bound: planOpen, updateAll,
   * updateLead) on a live action.
   */
  // The row's id as its subqueries read it: named with its table, which drizzle leaves out of a selected
  // expression when the query reads one table (and then `id` would be the subquery's own column).
  const outerId = sql.raw('"actions"."id"');
  // One concat() of all the parts: SQLite writes the row once rather than copying it at each `||`.
  const listRowJson = (cutoff: SQL<string | null>) => sql<string>`concat('{"id":', ${actions.id},
    ',"ref":', json_quote(${actions.ref}), ',"objective":', json_quote(${actions.objective}),
    ',"areaId":', ${actions.areaId}, ',"leads":', ${actions.leadsJson},
    ',"timeframeText":', json_quote(${actions.timeframeText}), ',"dueDate":', json_quote(${actions.dueDate}),
    ',"status":', json_quote(${actions.status}), ',"lastUpdateAt":', json_quote(${actions.lastUpdateAt}),
    ',"rag":', json_quote(${liveRag}), ',"flags":', ${listFlagsJson(cutoff)},
    ',"evidenceCounts":', ${actions.evidenceCountsJson},
    ',"canUpdate":', (CASE WHEN ${actions.archivedAt} IS NULL AND ${sql.placeholder('planOpen')} AND (${sql.placeholder('updateAll')}
        OR EXISTS (SELECT 1 FROM action_leads cu WHERE cu.action_id = ${outerId} AND cu.lead_id = ${sql.placeholder('updateLead')}))
      THEN 'true' ELSE 'false' END),
    ',"updatedSinceCutoff":', (CASE WHEN ${updatedSinceCutoffWith(cutoff)} THEN 'true' ELSE 'false' END),
    (CASE WHEN ${actions.archivedAt} IS NOT NULL THEN ',"archivedAt":' || json_quote(${actions.archivedAt}) END),
    '}')`;
  const planListRow = listRowJson(planCutoff);
  const readerParams = (r: ListReader) => ({
    planOpen: r.planOpen ? 1 : 0,
    updateAll: r.all ? 1 : 0,
    updateLead: r.leadId,
  });
  /** The rows of a page whose ids were found first, in their order. */
  const listRowsByIds = db
    .select({ j: planListRow, areaId: actions.areaId })
    .from(sql`json_each(${sql.placeholder('ids')}) AS page`)
    .innerJoin(actions, sql`${actions.id} = page.value`)
    .orderBy(sql`page.key`)
    .prepare();
  /** The areas named by a page, with their themes, in the plan's order, as JSON text (ListArea[]). */
  const listAreas = db
    .select({
      j: sql<string>`json_group_array(json_object('id', ${areas.id}, 'title', ${areas.title},
        'themeId', ${themes.id}, 'themeTitle', ${themes.title})
        ORDER BY ${themes.position}, ${themes.id}, ${areas.position}, ${areas.id})`,
    })
    .from(areas)
    .innerJoin(themes, eq(themes.id, areas.themeId))
    .where(inIdList(areas.id, 'ids'))
    .prepare();
  // Rows as SQLite's arrays (`values`), not mapped to objects per column by drizzle: [JSON text, area id].
  const preparedList = preparedCache<{ values(p: Record<string, unknown>): unknown[][] }>();
  const preparedListIds = preparedCache<{
    all(p: Record<string, unknown>): { id: number; total: number }[];
  }>();
  // My actions: the lead's actions across live plans, each plan's latest cut-off joined once per row.
  const myListRow = listRowJson(joinedCutoff);
  const myNeedsUpdate = sql`(${liveRag} <> 'blue' AND NOT ${updatedSinceCutoffWith(joinedCutoff)})`;
  const myActionsOf = db
    .select({ j: myListRow, id: actions.id, planId: actions.planId })
    .from(actions)
    .innerJoin(plans, eq(plans.id, actions.planId))
    .leftJoin(cutoffMeeting, cutoffMeetingOn)
    .where(
      and(
        sql`${actions.id} IN (SELECT ${actionLeads.actionId} FROM ${actionLeads} WHERE ${actionLeads.leadId} = ${sql.placeholder('lead')})`,
        isNull(actions.archivedAt),
        isNull(plans.archivedAt),
        eq(plans.status, 'active'),
      ),
    )
    .orderBy(
      sql`${myNeedsUpdate} DESC`,
      sql`${ragSeverity(liveRag)} DESC`,
      sql`coalesce(${actions.dueDate}, '9999')`,
      asc(actions.id),
    )
    .prepare();
  // The plans of My actions, each with its next meeting (the first whose papers cut-off is still ahead),
  // as JSON text in the shared schemas' PlanRef and Meeting shapes: one query for all the lead's plans. The
  // plan whose papers close first comes first; plans with no meeting ahead last.
  const nextMeeting = alias(meetings, 'next_meeting');
  const myPlansOf = db
    .select({
      id: plans.id,
      plan: sql<string>`json_object('id', ${plans.id}, 'title', ${plans.title}, 'phase', ${plans.phase},
        'status', ${plans.status})`,
      nextMeeting: sql<string>`CASE WHEN ${nextMeeting.id} IS NULL THEN 'null' ELSE json_object(
        'id', ${nextMeeting.id}, 'planId', ${nextMeeting.planId}, 'title', ${nextMeeting.title},
        'meetingDate', ${nextMeeting.meetingDate}, 'papersCutoff', ${nextMeeting.papersCutoff},
        'status', ${nextMeeting.status}, 'lockedAt', ${nextMeeting.lockedAt},
        'lockedBy', CASE WHEN ${nextMeeting.lockedBy} IS NOT NULL AND ${decider.name} IS NOT NULL
          THEN json_object('id', ${nextMeeting.lockedBy}, 'name', ${decider.name}, 'jobTitle', coalesce(${decider.jobTitle}, '')) END,
        'version', ${nextMeeting.version}) END`,
    })
    .from(plans)
    .leftJoin(
      nextMeeting,
      sql`${nextMeeting.id} = (SELECT ${meetings.id} FROM ${meetings} WHERE ${meetings.planId} = ${plans.id}
        AND ${meetings.archivedAt} IS NULL AND ${meetings.papersCutoff} > ${sql.placeholder('now')}
        ORDER BY ${meetings.papersCutoff} LIMIT 1)`,
    )
    .leftJoin(decider, eq(decider.id, nextMeeting.lockedBy))
    .where(inIdList(plans.id, 'ids'))
    .orderBy(sql`coalesce(${nextMeeting.papersCutoff}, '~')`, asc(plans.id))
    .prepare();

  const ratedOrder: Record<ActionSort, SQL[]> = {
    plan: planOrder.map((o) => sql`${o}`),
    due_date: [sql`coalesce(${actions.dueDate}, '9999')`, asc(actions.id)],
    // Most overdue first; then by due date, the undated last.
    days_overdue: [
      sql`coalesce(${liveFlags.daysOverdue}, -1) DESC`,
      sql`coalesce(${actions.dueDate}, '9999')`,
      asc(actions.id),
    ],
    // The longest silent first; never updated before all.
    last_update: [sql`coalesce(${actions.lastUpdateAt}, '')`, asc(actions.id)],
  };
  const preparedRated = preparedCache<{ all(p: Record<string, unknown>): { j: string }[] }>();

  /**
   * What the action page adds to the rated row, as JSON built by SQLite: its own fields, who signed it off and
   * the recommendations it answers (with what their label is made of); and its updates, timeframe changes and
   * sign-offs newest first, each list as a JSON array in the answer's own shape (see `detail`).
   */
  const detailJson = sql<string>`json_object(
    'description', ${actions.description}, 'rolledOverFromId', ${actions.rolledOverFromId},
    'updatedAt', ${actions.updatedAt}, 'archivedReason', ${actions.archivedReason},
    'signedOffBy', (SELECT json_object('id', s.id, 'name', s.name, 'jobTitle', s.job_title)
      FROM users s WHERE s.id = ${actions.signedOffBy}),
    'recommendations', (SELECT json_group_array(json_object('id', r.id, 'sourceId', r.source_id,
        'number', r.number, 'text', r.text, 'citation', so.citation, 'kind', so.kind,
        'coverage', ar.coverage, 'scopeNote', ar.scope_note)
        ORDER BY so.issued_on, so.id, r.position, r.id)
      FROM action_recommendations ar JOIN recommendations r ON r.id = ar.recommendation_id
      JOIN sources so ON so.id = r.source_id
      WHERE ar.action_id = ${actions.id}))`;
  // Each list's keys in the order of its schema (ActionUpdate, DueDateChange, SignOffRecord): the route sends
  // these arrays as SQLite wrote them (see sendActionPage), and a test checks them against the serializer.
  const updatesJson = sql<string>`(SELECT json_group_array(json_object('id', u.id, 'actionId', u.action_id,
        'createdAt', u.created_at, 'status', u.status, 'reportedRag', u.reported_rag, 'commentary', u.commentary,
        'author', json_object('id', a.id, 'name', a.name, 'jobTitle', a.job_title),
        'onBehalfOf', CASE WHEN l.id IS NOT NULL AND l.name IS NOT NULL THEN json_object('id', l.id, 'name', l.name) END,
        'correctsUpdateId', u.corrects_update_id)
        ORDER BY u.created_at DESC, u.id DESC)
      FROM action_updates u JOIN users a ON a.id = u.author_id LEFT JOIN leads l ON l.id = u.on_behalf_of_lead_id
      WHERE u.action_id = ${actions.id})`;
  const dueDateChangesJson = sql<string>`(SELECT json_group_array(json_object('id', c.id, 'actionId', c.action_id,
        'fromDate', c.from_date, 'toDate', c.to_date, 'reason', c.reason,
        'requestedBy', json_object('id', c.requested_by, 'name', a.name, 'jobTitle', a.job_title),
        'requestedAt', c.requested_at, 'decision', c.decision,
        'decidedBy', CASE WHEN c.decided_by IS NOT NULL AND d.name IS NOT NULL
          THEN json_object('id', c.decided_by, 'name', d.name, 'jobTitle', coalesce(d.job_title, '')) END,
        'decidedAt', c.decided_at, 'decisionComment', c.decision_comment)
        ORDER BY c.requested_at DESC, c.id DESC)
      FROM due_date_changes c JOIN users a ON a.id = c.requested_by LEFT JOIN users d ON d.id = c.decided_by
      WHERE c.action_id = ${actions.id})`;
  const signOffsJson = sql<string>`(SELECT json_group_array(json_object('id', o.id, 'decision', o.decision,
        'reason', o.reason,
        'decidedBy', json_object('id', o.decided_by, 'name', d.name, 'jobTitle', d.job_title),
        'decidedAt', o.decided_at)
        ORDER BY o.decided_at DESC, o.id DESC)
      FROM sign_off_decisions o JOIN users d ON d.id = o.decided_by
      WHERE o.action_id = ${actions.id})`;
  const detailById = db
    .select({ j: ratedJson, d: detailJson, u: updatesJson, c: dueDateChangesJson, s: signOffsJson })
    .from(actions)
    .innerJoin(areas, eq(areas.id, actions.areaId))
    .innerJoin(themes, eq(themes.id, areas.themeId))
    .innerJoin(plans, eq(plans.id, actions.planId))
    .leftJoin(cutoffMeeting, cutoffMeetingOn)
    .where(eq(actions.id, sql.placeholder('id')))
    .prepare();

  return {
    /**
     * Actions rated now, with their leads and evidence counts, filtered (by RAG and flag too) and sorted in
     * one query (the action's page, the chair's overview): every flag, the plan and its structure named.
     */
    rated(
      filter: ActionFilter,
      live: LiveParams,
      order: ActionSort = 'plan',
    ): { rows: RatedRow[]; total: number } {
      const w = where(filter);
      const all = preparedRated(`${w.shape}|${order}`, () =>
        db
          .select({ j: ratedJson })
          .from(actions)
          .innerJoin(areas, eq(areas.id, actions.areaId))
          .innerJoin(themes, eq(themes.id, areas.themeId))
          .innerJoin(plans, eq(plans.id, actions.planId))
          .leftJoin(cutoffMeeting, cutoffMeetingOn)
          .where(w.clause())
          .orderBy(...ratedOrder[order])
          .prepare(),
      ).all({ ...w.params, ...live });
      return { rows: parseRated(all), total: all.length };
    },

    /**
     * A page of a plan's list (`filter.planId` set) as JSON text built by SQLite, not parsed here. The
     * overdue list most overdue first walks the index on (plan, due date) and stops at the page: among
     * overdue actions, most days overdue first is earliest due date first, and the ties are broken alike
     * (due date, then id). Every other order finds the page's ids (and the count) first, then its rows.
     */
    listPage(
      filter: ActionFilter & { planId: number },
      live: LiveParams,
      order: ActionSort,
      page: { limit: number; offset: number },
      reader: ListReader,
    ): ListPage {
      const w = where(filter);
      const joined = order === 'plan' || filter.theme !== undefined || filter.livePlansOnly === true;
      const params = { ...w.params, ...live, ...readerParams(reader), ...page };
      let rows: [j: string, areaId: number][];
      let total: number;
      if (filter.flag === 'overdue' && order === 'days_overdue' && !joined) {
        rows = preparedList(w.shape, () =>
          db
            .select({ j: planListRow, areaId: actions.areaId })
            .from(actions)
            .where(w.clause())
            .orderBy(asc(actions.dueDate), asc(actions.id))
            .limit(boundLimit)
            .offset(sql.placeholder('offset'))
            .prepare(),
        ).values(params) as [string, number][];
        total =
          rows.length < page.limit && (page.offset === 0 || rows.length > 0)
            ? page.offset + rows.length
            : this.count(filter, live);
      } else {
        const ids = preparedListIds(`${w.shape}|${order}`, () => {
          const q = db
            .select({ id: actions.id, total: sql<number>`count(*) OVER ()` })
            .from(actions)
            .$dynamic();
          if (joined)
            q.innerJoin(areas, eq(areas.id, actions.areaId))
              .innerJoin(themes, eq(themes.id, areas.themeId))
              .innerJoin(plans, eq(plans.id, actions.planId));
          return q
            .where(w.clause())
            .orderBy(...ratedOrder[order])
            .limit(boundLimit)
            .offset(sql.placeholder('offset'))
            .prepare();
        }).all(params);
        total = ids[0]?.total ?? (page.offset > 0 ? this.count(filter, live) : 0);
        rows = ids.length
          ? (listRowsByIds.values({
              ...live,
              ...readerParams(reader),
              planId: filter.planId,
              ids: JSON.stringify(ids.map((r) => r.id)),
            }) as [string, number][])
          : [];
      }
      let items = '';
      const areaIds = new Set<number>();
      for (const [j, areaId] of rows) {
        items += items ? `,${j}` : j;
        areaIds.add(areaId);
      }
      return {
        items: `[${items}]`,
        areas: areaIds.size ? (listAreas.get({ ids: JSON.stringify([...areaIds]) })?.j ?? '[]') : '[]',
        total,
      };
    },

    /**
     * A lead's actions in live plans as JSON text (ActionListItem each), with each one's id and plan: those
     * needing an update before the next papers first (not Blue, nothing since the latest passed cut-off),
     * the worst RAG first among them, then by due date.
     */
    myActions(
      leadId: number,
      live: LiveParams,
      reader: ListReader,
    ): { j: string; id: number; planId: number }[] {
      // SQLite's arrays, not drizzle's per-column mapping: three values a row.
      return (
        myActionsOf.values({ ...live, ...readerParams(reader), lead: leadId }) as [string, number, number][]
      ).map(([j, id, planId]) => ({ j, id, planId }));
    },

    /**
     * The plans given, each as JSON text of its PlanRef and of its next meeting (`null` when none is ahead),
     * the plan whose papers close first first.
     */
    plansWithNextMeeting(
      planIds: number[],
      now: string,
    ): { id: number; plan: string; nextMeeting: string }[] {
      if (planIds.length === 0) return [];
      return (myPlansOf.values({ ids: JSON.stringify(planIds), now }) as [number, string, string][]).map(
        ([id, plan, nextMeeting]) => ({ id, plan, nextMeeting }),
      );
    },

    rows(filter: ActionFilter, order: ActionOrder = 'plan', limit?: number, offset?: number): ActionRow[] {
      const w = where(filter);
      const paged = limit !== undefined;
      const q = prepared(`${w.shape}|${order}|${paged}`, () => {
        let query = base()
          .where(w.clause())
          .orderBy(...(order === 'due_date' ? [asc(actions.dueDate), asc(actions.id)] : planOrder))
          .$dynamic();
        if (paged) query = query.limit(boundLimit).offset(sql.placeholder('offset'));
        return query.prepare();
      });
      return parseJsonRows<ActionRow>(q.all(paged ? { ...w.params, limit, offset: offset ?? 0 } : w.params));
    },

    count(filter: ActionFilter, live?: LiveParams): number {
      const w = where(filter);
      // The plan's structure is joined only when the filter reads it.
      const joined = filter.theme !== undefined || filter.livePlansOnly === true;
      const q = preparedCount(w.shape, () => {
        const c = db.select({ n: count() }).from(actions).$dynamic();
        if (joined)
          c.innerJoin(areas, eq(areas.id, actions.areaId))
            .innerJoin(themes, eq(themes.id, areas.themeId))
            .innerJoin(plans, eq(plans.id, actions.planId));
        return c.where(w.clause()).prepare();
      });
      return q.get({ ...w.params, ...live })?.n ?? 0;
    },

    /**
     * One action for its page, rated now, with everything the page shows, in one statement: the rated row and
     * the page's own fields parsed; its updates, timeframe changes and sign-offs as JSON arrays (text).
     */
    detail(id: number, live: LiveParams): ActionPageRow | undefined {
      const found = detailById.get({ ...live, id });
      return (
        found && {
          rated: JSON.parse(found.j) as RatedRow,
          page: JSON.parse(found.d) as ActionPageParts,
          lists: { updates: found.u, dueDateChanges: found.c, signOffs: found.s },
        }
      );
    },

    row(id: number): ActionRecord | undefined {
      return byId.get({ id });
    },

    leadsFor(ids: number[]): Map<number, ActionLead[]> {
      const out = new Map<number, ActionLead[]>();
      if (ids.length === 0) return out;
      const rows = parseJsonRows<ActionLead & { actionId: number }>(
        leadsOf.all({ ids: JSON.stringify(ids) }),
      );
      for (const { actionId, ...lead } of rows) {
        const list = out.get(actionId);
        if (list) list.push(lead);
        else out.set(actionId, [lead]);
      }
      return out;
    },

    /** Each action's links to recommendations, in full or in part (archived actions too). */
    recommendationLinksFor(
      ids: number[],
    ): { actionId: number; recommendationId: number; coverage: LinkCoverage; scopeNote: string }[] {
      if (ids.length === 0) return [];
      return db
        .select({
          actionId: actionRecommendations.actionId,
          recommendationId: actionRecommendations.recommendationId,
          coverage: actionRecommendations.coverage,
          scopeNote: actionRecommendations.scopeNote,
        })
        .from(actionRecommendations)
        .where(inIdList(actionRecommendations.actionId, 'ids'))
        .all({ ids: JSON.stringify(ids) });
    },

    dueDateChanges(actionId: number): DueDateChange[] {
      return parseJsonRows<DueDateChange>(dueDateChangesOf.all({ actionId }));
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
      const live = liveRagColumns({
        startDate: row.startDate ?? null,
        status: row.status ?? 'not_started',
        reportedRag: row.reportedRag ?? null,
        lastUpdateAt: row.lastUpdateAt ?? null,
      });
      // No leads nor evidence yet: setLeads and the evidence repository keep the two current from here.
      return db
        .insert(actions)
        .values({ leadsJson: NO_LEADS_JSON, evidenceCountsJson: NO_EVIDENCE_JSON, ...row, ...live })
        .returning()
        .get();
    },

    /** Applies the change only if the action is still at `version`; undefined when someone got there first. */
    update(
      id: number,
      version: number,
      patch: Partial<typeof actions.$inferInsert>,
    ): ActionTableRow | undefined {
      const updated = db
        .update(actions)
        .set({ ...patch, version: version + 1 })
        .where(and(eq(actions.id, id), eq(actions.version, version)))
        .returning()
        .get();
      if (updated && LIVE_INPUTS.some((k) => k in patch)) {
        // The start date (or the latest update) changed: the live RAG kept on the row moves with it.
        const live = liveRagColumns(updated);
        db.update(actions).set(live).where(eq(actions.id, id)).run();
        return { ...updated, ...live };
      }
      return updated;
    },

    /**
     * Writes the live-RAG columns of every row whose are missing (rows written before they existed, or in
     * bulk without them): idempotent, run at start-up. Returns how many rows it wrote.
     */
    backfillLiveRag(): number {
      const missing = db
        .select({
          id: actions.id,
          startDate: actions.startDate,
          status: actions.status,
          reportedRag: actions.reportedRag,
          lastUpdateAt: actions.lastUpdateAt,
        })
        .from(actions)
        .where(or(isNull(actions.ragStarted), isNull(actions.ragBeforeStart)))
        .all();
      for (const { id, ...inputs } of missing) {
        db.update(actions).set(liveRagColumns(inputs)).where(eq(actions.id, id)).run();
      }
      return missing.length;
    },

    /**
     * Writes the leads' and evidence counts' JSON the lists read from the row wherever it is missing (rows
     * written before those columns existed, or in bulk): idempotent, run at start-up. Returns how many rows
     * it wrote.
     */
    backfillListParts(): number {
      return listParts.backfill();
    },

    /** The action's leads, in this order; the row's leads JSON moves with them. */
    setLeads(actionId: number, leadIds: number[]): void {
      db.delete(actionLeads).where(eq(actionLeads.actionId, actionId)).run();
      if (leadIds.length) {
        db.insert(actionLeads)
          .values(leadIds.map((leadId, position) => ({ actionId, leadId, position })))
          .run();
      }
      listParts.leadsOfAction(actionId);
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

    /**
     * A new latest update: the action's denormalised status and live RAG move with it, under the version
     * check (which also guarantees `startDate` is still the row's).
     */
    recordLatestUpdate(
      id: number,
      version: number,
      latest: {
        status: ActionStatus;
        reportedRag: ActionTableRow['reportedRag'];
        lastUpdateId: number;
        lastUpdateAt: string;
      },
      startDate: string | null,
    ): boolean {
      const live = liveRagColumns({ ...latest, startDate });
      return (
        latestUpdate.run({
          ...latest,
          ...live,
          updatedAt: latest.lastUpdateAt,
          next: version + 1,
          id,
          version,
        }).changes === 1
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
