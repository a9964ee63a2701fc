import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { ActionLead, AgreedRag, Meeting, SnapshotEvidence } from '@ipt/shared/schemas';
import { RAGS, type ActionStatus, type Rag, type ReportedRag } from '@ipt/shared';
import type { Db, Sqlite } from '../db/client.js';
import { inIdList, parseJsonRows } from './util.js';
import {
  asOfFlagsJson,
  asOfOverdue,
  asOfRatedCtes,
  asOfStatus,
  createAsOfRagReader,
  existedAt,
  movementSql,
  rated,
  type AsOfParams,
} from './asof-rag.js';
import { agreedRags, meetingRecords, meetingSnapshots, meetings, users } from '../db/schema.js';

export type MeetingRow = typeof meetings.$inferSelect;

/** What a comparison of two meetings shows of an action at one of them. */
export interface SnapshotSummary {
  actionId: number;
  ref: string;
  objective: string;
  themeTitle: string;
  rag: Rag;
}

/** What the RAG engine needs of an action as of a moment: its dates and its history up to then. */
export interface RagFactsAsOf {
  id: number;
  ref: string;
  objective: string;
  themeId: number;
  themeTitle: string;
  areaId: number;
  areaTitle: string;
  createdAt: string;
  archivedAt: string | null;
  startDate: string | null;
  originalDueDate: string | null;
  signedOffAt: string | null;
  /** The latest update at or before the moment (ties to the later id). */
  update: { createdAt: string; status: ActionStatus; reportedRag: ReportedRag | null } | null;
  /** Approved due-date changes decided at or before the moment, oldest first. */
  changes: { toDate: string; decidedAt: string }[];
}

/** Each RAG by its initial, as meeting_rags writes it. */
const RAG_OF_INITIAL = new Map<number, Rag>(RAGS.map((r) => [r.charCodeAt(0), r]));
if (RAG_OF_INITIAL.size !== RAGS.length) throw new Error('Two RAGs share an initial: the compact form fails');

/** Calls `each` with every action's id and RAG in a compact text of meeting_rags (`12g13a14n`). */
export function eachCompactRag(text: string, each: (actionId: number, rag: Rag) => void): void {
  let id = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) id = id * 10 + (c - 48);
    else {
      const rag = RAG_OF_INITIAL.get(c);
      if (rag === undefined) throw new Error(`Not a compact RAG: ${text[i]}`);
      each(id, rag);
      id = 0;
    }
  }
}

/** Besides the facts, all a meeting reports of an action (its snapshot row) as of the moment. */
export interface ReportFactsAsOf extends RagFactsAsOf {
  timeframeText: string;
  leads: ActionLead[];
  recommendationIds: number[];
  update:
    | (NonNullable<RagFactsAsOf['update']> & {
        commentary: string;
        authorId: number;
        authorName: string;
        authorJobTitle: string;
        onBehalfOfName: string | null;
      })
    | null;
  evidence: SnapshotEvidence | null;
}

/** What the meeting page shows of an action as of a moment, besides its RAG's facts (no area, no evidence). */
export type ViewFactsAsOf = Omit<
  ReportFactsAsOf,
  'areaId' | 'areaTitle' | 'timeframeText' | 'recommendationIds' | 'evidence'
>;

/**
 * A row of a meeting's page not yet locked, as SQLite writes it: `j` the JSON text of the MeetingAction,
 * beside it what the page's counts and changes are made from.
 */
export type ViewRowAsOf = [
  j: string,
  actionId: number,
  rag: Rag,
  previousRag: Rag | null,
  overdue: number,
  previousOverdue: number | null,
];

const locker = alias(users, 'locker');

export function createMeetingRepository(db: Db) {
  const columns = {
    m: meetings,
    lockerName: locker.name,
    lockerJobTitle: locker.jobTitle,
  };
  type Joined = { m: MeetingRow; lockerName: string | null; lockerJobTitle: string | null };
  const toApi = ({ m, lockerName, lockerJobTitle }: Joined): Meeting => ({
    id: m.id,
    planId: m.planId,
    title: m.title,
    meetingDate: m.meetingDate,
    papersCutoff: m.papersCutoff,
    status: m.status,
    lockedAt: m.lockedAt,
    lockedBy:
      m.lockedBy !== null && lockerName !== null
        ? { id: m.lockedBy, name: lockerName, jobTitle: lockerJobTitle ?? '' }
        : null,
    version: m.version,
  });
  const base = () => db.select(columns).from(meetings).leftJoin(locker, eq(locker.id, meetings.lockedBy));
  const byId = base()
    .where(and(eq(meetings.id, sql.placeholder('id')), isNull(meetings.archivedAt)))
    .prepare();
  const ofPlan = base()
    .where(and(eq(meetings.planId, sql.placeholder('planId')), isNull(meetings.archivedAt)))
    .orderBy(asc(meetings.papersCutoff), asc(meetings.id))
    .prepare();
  // The meeting before one in its plan's time order (papers cut-off, then id), by one seek.
  const previousOf = base()
    .where(
      and(
        eq(meetings.planId, sql.placeholder('planId')),
        isNull(meetings.archivedAt),
        or(
          lt(meetings.papersCutoff, sql.placeholder('cutoff')),
          and(eq(meetings.papersCutoff, sql.placeholder('cutoff')), lt(meetings.id, sql.placeholder('id'))),
        ),
      ),
    )
    .orderBy(desc(meetings.papersCutoff), desc(meetings.id))
    .limit(1)
    .prepare();
  const latestPastOf = base()
    .where(
      and(
        eq(meetings.planId, sql.placeholder('planId')),
        isNull(meetings.archivedAt),
        lte(meetings.papersCutoff, sql.placeholder('at')),
      ),
    )
    .orderBy(desc(meetings.papersCutoff))
    .limit(1)
    .prepare();
  const nextOf = base()
    .where(
      and(
        eq(meetings.planId, sql.placeholder('planId')),
        isNull(meetings.archivedAt),
        gt(meetings.papersCutoff, sql.placeholder('at')),
      ),
    )
    .orderBy(asc(meetings.papersCutoff))
    .limit(1)
    .prepare();
  const latestCutoff = db
    .select({ cutoff: meetings.papersCutoff })
    .from(meetings)
    .where(
      and(
        eq(meetings.planId, sql.placeholder('planId')),
        isNull(meetings.archivedAt),
        lte(meetings.papersCutoff, sql.placeholder('at')),
      ),
    )
    .orderBy(desc(meetings.papersCutoff))
    .limit(1)
    .prepare();
  const client = (db as unknown as { $client: Sqlite }).$client;
  // A meeting's RAGs, compact (meeting_rags): each action's id then its RAG's initial, from the
  // snapshot's covering index (meeting_snapshots_rag_overdue_idx), in one text.
  const compactRagsOf = (meetingId: string) =>
    `(SELECT coalesce(group_concat(s.action_id || substr(s.rag, 1, 1), ''), '')
      FROM meeting_snapshots s WHERE s.meeting_id = ${meetingId})`;
  const storeRagsOf = client.prepare<{ meetingId: number }>(
    `INSERT INTO meeting_rags (meeting_id, rags) VALUES (:meetingId, ${compactRagsOf(':meetingId')})`,
  );
  const backfillRagsOf = client.prepare(
    `INSERT INTO meeting_rags (meeting_id, rags) SELECT m.id, ${compactRagsOf('m.id')} FROM meetings m
    WHERE m.status = 'locked' AND NOT EXISTS (SELECT 1 FROM meeting_rags r WHERE r.meeting_id = m.id)`,
  );
  // Per meeting asked for, its RAGs as kept at the lock (or, were they missing, the same text built from
  // its snapshot).
  const lockedRagsOf = client
    .prepare<{ ids: string }, [number, string]>(
      `SELECT m.value, coalesce(r.rags, ${compactRagsOf('m.value')})
      FROM json_each(:ids) m LEFT JOIN meeting_rags r ON r.meeting_id = m.value`,
    )
    .raw();
  // The grid's row of each action of a plan (archived too), in plan order: its wording as JSON text.
  const historyRowsOf = client
    .prepare<{ planId: number }, [number, string]>(
      `SELECT a.id, json_object('actionId', a.id, 'ref', a.ref, 'objective', a.objective,
        'themeTitle', t.title)
      FROM actions a JOIN areas ar ON ar.id = a.area_id JOIN themes t ON t.id = ar.theme_id
      WHERE a.plan_id = :planId
      ORDER BY t.position, t.id, ar.position, ar.id, a.position, a.id`,
    )
    .raw();
  // The RAGs of a plan's actions as of a moment, rated in SQL (asof-rag.ts): a RAG history column not locked.
  const asOfRags = createAsOfRagReader(client);
  const latestAgreed = db
    .select({ id: agreedRags.id })
    .from(agreedRags)
    .where(eq(agreedRags.meetingId, sql.placeholder('meetingId')))
    .orderBy(desc(agreedRags.id))
    .limit(1)
    .prepare();

  // The agreed RAGs with who recorded them, as JSON built by SQLite (prepared once: every meeting view asks).
  const agreedOf = db
    .select({
      j: sql<string>`json_object('meetingId', ${agreedRags.meetingId}, 'actionId', ${agreedRags.actionId},
        'rag', ${agreedRags.rag}, 'reason', ${agreedRags.reason}, 'recordedBy',
        json_object('id', ${agreedRags.recordedBy}, 'name', ${users.name}, 'jobTitle', ${users.jobTitle}),
        'recordedAt', ${agreedRags.recordedAt})`,
    })
    .from(agreedRags)
    .innerJoin(users, eq(users.id, agreedRags.recordedBy))
    .where(inIdList(agreedRags.meetingId, 'ids'))
    .orderBy(asc(agreedRags.id))
    .prepare();

  const agreedRagsOf = db
    .select({ meetingId: agreedRags.meetingId, actionId: agreedRags.actionId, rag: agreedRags.rag })
    .from(agreedRags)
    .where(inIdList(agreedRags.meetingId, 'ids'))
    .orderBy(asc(agreedRags.id))
    .prepare();

  const frozenViewOf = db
    .select({
      view: meetingRecords.view,
      viewTag: meetingRecords.viewTag,
      agreedId: sql<number>`coalesce((SELECT max(${agreedRags.id}) FROM ${agreedRags}
        WHERE ${agreedRags.meetingId} = ${meetingRecords.meetingId}), 0)`,
      withdrawn: sql<number>`(SELECT count(*) FROM evidence e
        WHERE e.id IN (SELECT json_extract(value, '$.id') FROM json_each(${meetingRecords.data}, '$.evidence'))
          AND e.withdrawn_at > ${meetings.lockedAt})`,
    })
    .from(meetingRecords)
    .innerJoin(meetings, eq(meetings.id, meetingRecords.meetingId))
    .where(eq(meetingRecords.meetingId, sql.placeholder('meetingId')))
    .prepare();

  // What a comparison shows of each action, both meetings' snapshot rows in one query. The wording is read
  // from the documents (by SQLite, one parse per row) only where the comparison shows it: every action at the
  // later meeting, and those of the earlier one no longer there; elsewhere the RAG column is enough.
  const comparedOf = (db as unknown as { $client: Sqlite }).$client.prepare<
    { from: number; to: number },
    { j: string }
  >(`SELECT json_object('meetingId', s.meeting_id, 'actionId', s.action_id, 'rag', s.rag,
      'd', CASE WHEN s.meeting_id = :to OR NOT EXISTS (SELECT 1 FROM meeting_snapshots t
          WHERE t.meeting_id = :to AND t.action_id = s.action_id)
        THEN json_extract(s.data, '$.ref', '$.objective', '$.themeTitle', '$.order') END) AS j
    FROM meeting_snapshots s WHERE s.meeting_id IN (:from, :to)`);

  // The RAG and the overdue flag from the covering index meeting_snapshots_rag_overdue_idx (its expression
  // written the same here): no snapshot document read or parsed.
  const snapshotFactsOf = db
    .select({
      actionId: meetingSnapshots.actionId,
      rag: meetingSnapshots.rag,
      overdue: sql<number>`${meetingSnapshots.data} ->> '$.flags.overdue'`,
    })
    .from(meetingSnapshots)
    .where(eq(meetingSnapshots.meetingId, sql.placeholder('meetingId')))
    .prepare();

  const snapshotRagListOf = db
    .select({ rag: meetingSnapshots.rag })
    .from(meetingSnapshots)
    .where(eq(meetingSnapshots.meetingId, sql.placeholder('meetingId')))
    .prepare();

  // Every action of a plan (archived too), in plan order, with its history as of a moment: one query, each
  // row one JSON object built by SQLite (the latest update by one seek on action_updates_action_idx).
  // Evidence as it stood at the moment: withdrawn only if by then, reviewed only if by then.
  const kept = '(e.withdrawn_at IS NULL OR e.withdrawn_at > :asOf)';
  const reviewed = '(e.reviewed_at IS NOT NULL AND e.reviewed_at <= :asOf)';
  // view: what the engine needs and what the meeting page shows; report: all a snapshot keeps. (The RAG
  // history grid's columns not locked are rated in SQL: ragsAsOf.)
  const factsColumns = (kind: 'view' | 'report') => {
    const report = kind === 'report';
    return `json_object(
    'id', a.id, 'ref', a.ref, 'objective', a.objective, 'themeId', t.id, 'themeTitle', t.title,${
      kind === 'view' ? '' : ` 'areaId', ar.id, 'areaTitle', ar.title,`
    }
    'createdAt', a.created_at, 'archivedAt', a.archived_at,
    'startDate', a.start_date, 'originalDueDate', a.original_due_date, 'signedOffAt', a.signed_off_at,
    'changes', json((SELECT json_group_array(json_object('toDate', to_date, 'decidedAt', decided_at))
      FROM (SELECT c.to_date, c.decided_at FROM due_date_changes c WHERE c.action_id = a.id
        AND c.decision = 'approved' AND c.decided_at <= :asOf ORDER BY c.id))),
    'update', json((SELECT json_object('createdAt', u.created_at, 'status', u.status, 'reportedRag', u.reported_rag,
        'commentary', u.commentary, 'authorId', u.author_id,
        'authorName', (SELECT name FROM users WHERE id = u.author_id),
        'authorJobTitle', (SELECT job_title FROM users WHERE id = u.author_id),
        'onBehalfOfName', (SELECT name FROM leads WHERE id = u.on_behalf_of_lead_id))
      FROM action_updates u WHERE u.action_id = a.id AND u.created_at <= :asOf
      ORDER BY u.created_at DESC, u.id DESC LIMIT 1)),
    'leads', json((SELECT json_group_array(json_object('id', id, 'name', name, 'kind', kind, 'userId', user_id))
      FROM (SELECT l.id, l.name, l.kind, l.user_id FROM action_leads al JOIN leads l ON l.id = al.lead_id
        WHERE al.action_id = a.id ORDER BY al.position, l.id)))${
          report
            ? `,
    'timeframeText', a.timeframe_text,
    'recommendationIds', json((SELECT json_group_array(id) FROM (SELECT r.id FROM action_recommendations x
      JOIN recommendations r ON r.id = x.recommendation_id WHERE x.action_id = a.id
      ORDER BY r.source_id, r.position, r.id))),
    'evidence', json((SELECT json_object(
        'submitted', sum(${kept} AND (NOT ${reviewed} OR e.review_state = 'submitted')),
        'accepted', sum(${kept} AND ${reviewed} AND e.review_state = 'accepted'),
        'rejected', sum(${kept} AND ${reviewed} AND e.review_state = 'rejected'),
        'withdrawn', sum(NOT ${kept}),
        'acceptedCompletion', sum(${kept} AND ${reviewed} AND e.review_state = 'accepted' AND e.purpose = 'completion'),
        'acceptedImpact', sum(${kept} AND ${reviewed} AND e.review_state = 'accepted' AND e.purpose <> 'completion'))
      FROM evidence e WHERE e.action_id = a.id AND e.uploaded_at <= :asOf
      HAVING count(*) > 0))`
            : ''
        })`;
  };
  const factsOf = (kind: 'view' | 'report') =>
    (db as unknown as { $client: Sqlite }).$client.prepare<{ planId: number; asOf: string }, { j: string }>(
      `SELECT ${factsColumns(kind)} AS j
      FROM actions a JOIN areas ar ON ar.id = a.area_id JOIN themes t ON t.id = ar.theme_id
      WHERE a.plan_id = :planId${
        // The page lists the actions that existed at the moment; the others read all the plan's.
        kind === 'view'
          ? ' AND a.created_at <= :asOf AND (a.archived_at IS NULL OR a.archived_at > :asOf)'
          : ''
      }
      ORDER BY t.position, t.id, ar.position, ar.id, a.position, a.id`,
    );
  // A scheduled meeting's page as of its cut-off, each row the JSON text of a MeetingAction in the schema's
  // key order, rated in SQL (asof-rag.ts); the leads (current, as the engine's path reads them) as the action
  // row keeps them for lists (list-parts.ts). What the previous meeting reported comes from its snapshot's
  // covering index (`:previousLocked`) or, not locked, as a JSON object {actionId: [rag, overdue]} (`:prior`).
  const viewRowsOf = (db as unknown as { $client: Sqlite }).$client
    .prepare<
      {
        planId: number;
        asOf: string;
        meetingId: number;
        previousLocked: number | null;
        prior: string;
      } & AsOfParams,
      ViewRowAsOf
    >(
      `WITH ${asOfRatedCtes(
        `FROM actions a JOIN areas ar ON ar.id = a.area_id JOIN themes t ON t.id = ar.theme_id
        WHERE a.plan_id = :planId AND ${existedAt('a')}`,
        `a.ref, a.objective, t.id AS theme_id, t.title AS theme_title, a.leads_json,
        t.position AS o1, t.id AS o2, ar.position AS o3, ar.id AS o4, a.position AS o5`,
        'u.commentary, u.author_id, u.on_behalf_of_lead_id',
      )},
    p AS MATERIALIZED (SELECT s.action_id, s.rag, s.data ->> '$.flags.overdue' AS overdue
        FROM meeting_snapshots s WHERE s.meeting_id = :previousLocked
      UNION ALL SELECT CAST(key AS INTEGER), value ->> '$[0]', value ->> '$[1]' FROM json_each(:prior))
    SELECT json_object('actionId', r.id, 'ref', r.ref, 'objective', r.objective, 'themeId', r.theme_id,
        'themeTitle', r.theme_title,
        'leads', json(r.leads_json),
        'status', ${asOfStatus(rated)}, 'rag', r.rag, 'flags', ${asOfFlagsJson(rated, 'r.rag')},
        'latestCommentary', CASE WHEN r.update_id IS NOT NULL THEN json_object('text', r.commentary,
          'at', r.update_at, 'author', json_object('id', au.id, 'name', au.name, 'jobTitle', au.job_title),
          'onBehalfOf', (SELECT name FROM leads WHERE id = r.on_behalf_of_lead_id)) END,
        'previousRag', p.rag, 'movement', ${movementSql('p.rag', 'r.rag')},
        'agreed', (SELECT json_object('rag', g.rag, 'reason', g.reason,
            'recordedBy', json_object('id', gu.id, 'name', gu.name, 'jobTitle', gu.job_title),
            'recordedAt', g.recorded_at)
          FROM agreed_rags g JOIN users gu ON gu.id = g.recorded_by
          WHERE g.meeting_id = :meetingId AND g.action_id = r.id ORDER BY g.id DESC LIMIT 1)),
      r.id, r.rag, p.rag, ${asOfOverdue(rated)}, p.overdue
    FROM r LEFT JOIN p ON p.action_id = r.id LEFT JOIN users au ON au.id = r.author_id
    ORDER BY r.o1, r.o2, r.o3, r.o4, r.o5, r.id`,
    )
    .raw(true);

  // The evidence a meeting not yet locked lists: accepted by the cut-off and not withdrawn, of the actions
  // that existed then, as the JSON text of its MeetingEvidence items (by action, effective date and id),
  // joined by commas into one text by SQLite.
  const viewEvidenceOf = (db as unknown as { $client: Sqlite }).$client
    .prepare<{ planId: number; asOf: string }, string | null>(
      `SELECT group_concat(json_object('id', e.id, 'actionId', e.action_id, 'actionRef', a.ref, 'title', e.title,
        'purpose', e.purpose, 'acceptedAt', e.reviewed_at, 'withdrawnAfterLock', json('false')), ','
        ORDER BY e.action_id, e.effective_date, e.id)
      FROM actions a JOIN evidence e ON e.action_id = a.id
      WHERE a.plan_id = :planId AND ${existedAt('a')}
        AND +e.review_state = 'accepted' AND e.withdrawn_at IS NULL AND e.reviewed_at <= :asOf`,
    )
    .pluck();

  const viewFactsOf = factsOf('view');
  const reportFactsOf = factsOf('report');

  return {
    /**
     * The actions of a plan that existed at `asOf`, in plan order, with what the meeting page shows of each
     * as of then (leads, the latest update with its commentary) besides what its RAG is rated from.
     */
    viewFactsAsOf(planId: number, asOf: string): ViewFactsAsOf[] {
      return parseJsonRows<ViewFactsAsOf>(viewFactsOf.all({ planId, asOf }));
    },

    /** As viewFactsAsOf, with all a meeting reports of each action (evidence counts, recommendations and the rest). */
    reportFactsAsOf(planId: number, asOf: string): ReportFactsAsOf[] {
      return parseJsonRows<ReportFactsAsOf>(reportFactsOf.all({ planId, asOf }));
    },

    /**
     * The rows of a meeting's page not yet locked, rated as of `asOf` in SQL, in plan order; the previous
     * meeting's RAGs from its snapshot (`previousLocked`) or as given (`prior`, a JSON object).
     */
    viewRowsAsOf(
      q: { planId: number; asOf: string; meetingId: number; previousLocked: number | null; prior: string },
      params: AsOfParams,
    ): ViewRowAsOf[] {
      return viewRowsOf.all({ ...q, ...params });
    },

    /** The JSON text of the array of evidence a meeting not yet locked lists (see viewEvidenceOf). */
    viewEvidenceAsOf(planId: number, asOf: string): string {
      return `[${viewEvidenceOf.get({ planId, asOf }) ?? ''}]`;
    },

    /** A plan's meetings in time order (by papers cut-off). */
    listForPlan(planId: number): Meeting[] {
      return ofPlan.all({ planId }).map(toApi);
    },

    find(id: number): Meeting | undefined {
      const row = byId.get({ id });
      return row ? toApi(row) : undefined;
    },

    /** The meeting before this one in the plan (by papers cut-off). */
    previous(meeting: Meeting): Meeting | undefined {
      const row = previousOf.get({ planId: meeting.planId, cutoff: meeting.papersCutoff, id: meeting.id });
      return row ? toApi(row) : undefined;
    },

    /** The latest papers cut-off of a plan's meetings at or before `at` (ISO instant), if any. */
    latestCutoffAtOrBefore(planId: number, at: string): string | null {
      return latestCutoff.get({ planId, at })?.cutoff ?? null;
    },

    /** The latest meeting whose cut-off has passed. */
    latestPast(planId: number, at: string): Meeting | undefined {
      const row = latestPastOf.get({ planId, at });
      return row ? toApi(row) : undefined;
    },

    /** The next meeting whose cut-off is still ahead. */
    next(planId: number, at: string): Meeting | undefined {
      const row = nextOf.get({ planId, at });
      return row ? toApi(row) : undefined;
    },

    insert(row: typeof meetings.$inferInsert): MeetingRow {
      return db.insert(meetings).values(row).returning().get();
    },

    update(
      id: number,
      version: number,
      patch: Partial<typeof meetings.$inferInsert>,
    ): MeetingRow | undefined {
      return db
        .update(meetings)
        .set({ ...patch, version: version + 1 })
        .where(and(eq(meetings.id, id), eq(meetings.version, version)))
        .returning()
        .get();
    },

    insertSnapshots(rows: (typeof meetingSnapshots.$inferInsert)[]): void {
      // In chunks: SQLite limits the number of bound parameters in one statement.
      for (let i = 0; i < rows.length; i += 200)
        db.insert(meetingSnapshots)
          .values(rows.slice(i, i + 200))
          .run();
    },

    /** Snapshot rows (the JSON text as stored) of meetings, by meeting id. */
    snapshots(meetingIds: number[]): Map<number, { actionId: number; rag: string; data: string }[]> {
      const out = new Map<number, { actionId: number; rag: string; data: string }[]>();
      if (meetingIds.length === 0) return out;
      const rows = db
        .select()
        .from(meetingSnapshots)
        .where(inArray(meetingSnapshots.meetingId, meetingIds))
        .orderBy(asc(meetingSnapshots.meetingId), asc(meetingSnapshots.actionId))
        .all();
      for (const r of rows) {
        const list = out.get(r.meetingId);
        const row = { actionId: r.actionId, rag: r.rag, data: r.data };
        if (list) list.push(row);
        else out.set(r.meetingId, [row]);
      }
      return out;
    },

    /** Of one meeting's snapshot, just each action's RAG (from the covering index). */
    snapshotRagList(meetingId: number): { rag: Rag }[] {
      return snapshotRagListOf.all({ meetingId });
    },

    /** Of one meeting's snapshot, just each action's RAG and whether it was overdue (from an index). */
    snapshotFacts(meetingId: number): Map<number, { rag: Rag; overdue: boolean }> {
      return new Map(
        snapshotFactsOf
          .all({ meetingId })
          .map((r) => [r.actionId, { rag: r.rag, overdue: Boolean(r.overdue) }] as const),
      );
    },

    latestAgreedId(meetingId: number): number {
      return latestAgreed.get({ meetingId })?.id ?? 0;
    },

    /**
     * Two locked meetings' snapshots side by side, each in the order it was reported. The wording of an
     * action at the earlier meeting is read only if it is not at the later one (else left empty).
     */
    comparedSnapshots(fromId: number, toId: number): { from: SnapshotSummary[]; to: SnapshotSummary[] } {
      type Row = {
        meetingId: number;
        actionId: number;
        rag: Rag;
        d: [string, string, string, number] | null;
      };
      const rows = parseJsonRows<Row>(comparedOf.all({ from: fromId, to: toId }));
      const side = (meetingId: number) =>
        rows
          .filter((r) => r.meetingId === meetingId)
          .map((r) => ({ r, order: r.d?.[3] ?? 0 }))
          .sort((x, y) => x.order - y.order)
          .map(({ r }) => ({
            actionId: r.actionId,
            rag: r.rag,
            ref: r.d?.[0] ?? '',
            objective: r.d?.[1] ?? '',
            themeTitle: r.d?.[2] ?? '',
          }));
      return { from: side(fromId), to: side(toId) };
    },

    /**
     * Each action's RAG at each of these locked meetings, from the compact text kept at the lock
     * (meeting_rags): 30 meetings are 30 short texts, not 6,000 index entries.
     */
    eachLockedRag(meetingIds: number[], each: (meetingId: number, actionId: number, rag: Rag) => void): void {
      if (meetingIds.length === 0) return;
      for (const [meetingId, rags] of lockedRagsOf.all({ ids: JSON.stringify(meetingIds) }))
        eachCompactRag(rags, (actionId, rag) => each(meetingId, actionId, rag));
    },

    /** Writes a meeting's compact RAGs from its snapshot rows (in the lock's transaction, after them). */
    storeSnapshotRags(meetingId: number): void {
      storeRagsOf.run({ meetingId });
    },

    /** Writes the compact RAGs of every locked meeting without them (locked before they were kept); idempotent. */
    backfillSnapshotRags(): number {
      return backfillRagsOf.run().changes;
    },

    /** Each action of a plan (archived too), in plan order: its id and its grid row's wording as JSON text. */
    historyRows(planId: number): { id: number; json: string }[] {
      return historyRowsOf.all({ planId }).map(([id, json]) => ({ id, json }));
    },

    /**
     * The RAG of each action of a plan that existed at `asOf`, as of then, by action id: rated in SQL by
     * asof-rag.ts (the engine's rules, tested against it), stale since `previousCutoff` when there is one.
     */
    ragsAsOf: asOfRags.ragsAsOf,

    insertRecord(row: typeof meetingRecords.$inferInsert): void {
      db.insert(meetingRecords).values(row).run();
    },

    /** Keeps the view of a meeting just locked, serialised, with its ETag then. */
    storeView(meetingId: number, view: string, viewTag: string): void {
      db.update(meetingRecords).set({ view, viewTag }).where(eq(meetingRecords.meetingId, meetingId)).run();
    },

    /**
     * A locked meeting's stored view with its ETag then, and what makes its ETag now: the latest agreed RAG
     * and how many of the items its record lists have been withdrawn since the lock. One row, no document
     * parsed in JavaScript. Undefined for a meeting without a record.
     */
    frozenView(
      meetingId: number,
    ): { view: string | null; viewTag: string | null; agreedId: number; withdrawn: number } | undefined {
      return frozenViewOf.get({ meetingId });
    },

    /** A locked meeting's record document as stored (meetings locked before records were kept have none). */
    record(meetingId: number): { format: number; data: string } | undefined {
      return db
        .select({ format: meetingRecords.format, data: meetingRecords.data })
        .from(meetingRecords)
        .where(eq(meetingRecords.meetingId, meetingId))
        .get();
    },

    insertAgreed(row: typeof agreedRags.$inferInsert): void {
      db.insert(agreedRags).values(row).run();
    },

    /** Just the standing agreed RAG (the latest recorded) of each action, per meeting. */
    agreedRags(meetingIds: number[]): Map<number, Map<number, Rag>> {
      const out = new Map<number, Map<number, Rag>>();
      if (meetingIds.length === 0) return out;
      for (const a of agreedRagsOf.all({ ids: JSON.stringify(meetingIds) })) {
        const m = out.get(a.meetingId) ?? new Map<number, Rag>();
        m.set(a.actionId, a.rag);
        out.set(a.meetingId, m);
      }
      return out;
    },

    /** The standing agreed RAG (the latest recorded) of each action, per meeting. */
    agreed(meetingIds: number[]): Map<number, Map<number, AgreedRag>> {
      const out = new Map<number, Map<number, AgreedRag>>();
      if (meetingIds.length === 0) return out;
      type Row = AgreedRag & { meetingId: number; actionId: number };
      for (const { meetingId, actionId, ...a } of parseJsonRows<Row>(
        agreedOf.all({ ids: JSON.stringify(meetingIds) }),
      )) {
        const m = out.get(meetingId) ?? new Map<number, AgreedRag>();
        m.set(actionId, a);
        out.set(meetingId, m);
      }
      return out;
    },
  };
}
export type MeetingRepository = ReturnType<typeof createMeetingRepository>;
