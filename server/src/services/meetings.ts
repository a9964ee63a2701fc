/**
 * Improvement-board meetings: the RAG of every action as of each meeting's papers cut-off, frozen into a
 * snapshot when the chair locks the meeting. A locked meeting is served from its snapshot alone, so nothing
 * done afterwards — an update, a backdated correction, an approved timeframe change, a sign-off — changes
 * what it shows. Movement is measured against the previous meeting, as that meeting reported it.
 */
import { addDays, etagOf, formatDate, londonDate, londonTimeToInstant, type Rag } from '@ipt/shared';
import type {
  AgreedRag,
  AgreedRagBody,
  CreateMeetingBody,
  Meeting,
  MeetingAction,
  MeetingComparison,
  MeetingView,
  RagHistory,
  RecommendationRollup,
  ReportedAction,
  UpdateMeetingBody,
} from '@ipt/shared/schemas';
import { MeetingView as MeetingViewSchema } from '@ipt/shared/schemas';
import { inTransaction } from '../db/client.js';
import { recommendationLabel } from '../domain/citations.js';
import {
  changesSincePrevious,
  countMovements,
  countRags,
  coverageOf,
  cutoffConflict,
  lockOrderConflict,
  type RatedAction,
} from '../domain/meetings.js';
import {
  inPartOf,
  MEETING_RECORD_FORMAT,
  type MeetingRecord,
  type RecordRecommendation,
} from '../domain/meeting-record.js';
import { movementOf } from '../domain/movement.js';
import { assessRag, factsAsOf } from '../domain/rag.js';
import { documentSerializer } from '../lib/documents.js';
import { jsonObjectText, type JsonText } from '../lib/json-text.js';
import { asOfParams } from '../repositories/asof-rag.js';
import { problem } from '../lib/problems.js';
import type { Actor } from '../lib/types.js';
import type { RagFactsAsOf, SnapshotSummary, ViewFactsAsOf } from '../repositories/meetings.js';
import type { ServiceDeps } from './deps.js';
import { createBoardRecordReader } from './board-record.js';
import { createScorecardReader } from './scorecard.js';

/** A meeting's view as the API sends it (GET /api/meetings/:id), for a locked meeting's stored copy. */
const serializeView = documentSerializer(MeetingViewSchema);

/** A reported action with its place in the plan, kept in the snapshot so the order is frozen too. */
type Stored = ReportedAction & { order: number };

/** An action's status as reported: its latest update's, else complete once signed off. */
function statusOf(r: Pick<RagFactsAsOf, 'update'>, signedOffAt: string | null) {
  return r.update?.status ?? (signedOffAt ? 'complete' : 'not_started');
}

/** The latest update's commentary as a meeting shows it. */
function commentaryOf(latest: ViewFactsAsOf['update']): ReportedAction['latestCommentary'] {
  return latest
    ? {
        text: latest.commentary,
        at: latest.createdAt,
        author: { id: latest.authorId, name: latest.authorName, jobTitle: latest.authorJobTitle },
        onBehalfOf: latest.onBehalfOfName,
      }
    : null;
}

/** A grid cell's RAG as JSON (a RAG is a plain word). */
function cell(rag: Rag | null): string {
  return rag === null ? 'null' : `"${rag}"`;
}

const NO_EVIDENCE = {
  submitted: 0,
  accepted: 0,
  rejected: 0,
  withdrawn: 0,
  acceptedCompletion: 0,
  acceptedImpact: 0,
};

/** What the previous meeting reported of each action, as far as movement and changes need. */
export type Prior = Map<number, { rag: Rag; overdue: boolean }>;

/** The label a recommendation is cited by, from its record. */
export function labelOfRecord(r: RecordRecommendation): string {
  return recommendationLabel(r.citation, r.sourceKind, r.number);
}

/**
 * A reported action as the shared meeting rules (domain/meetings.ts) read it; `partOf` gives the
 * recommendations each action answers only in part (from the meeting's record).
 */
export function ratedAction(
  r: ReportedAction,
  partOf?: ReadonlyMap<number, readonly number[]>,
): RatedAction & { row: ReportedAction } {
  return {
    inPartOf: partOf?.get(r.actionId) ?? [],
    actionId: r.actionId,
    rag: r.rag,
    previousRag: r.previousRag,
    movement: r.movement,
    overdue: r.flags.overdue,
    recommendationIds: r.recommendationIds,
    acceptedImpactEvidence: r.evidence.acceptedImpact,
    row: r,
  };
}

export function createMeetingService({ repos, sqlite, clock, config }: ServiceDeps) {
  function snapshotOf(meetingId: number): Stored[] {
    return (repos.meetings.snapshots([meetingId]).get(meetingId) ?? [])
      .map((r) => JSON.parse(r.data) as Stored)
      .sort((a, b) => a.order - b.order);
  }

  function requireMeeting(id: number): Meeting {
    const m = repos.meetings.find(id);
    if (!m) throw problem.notFound(`Meeting ${id}`);
    return m;
  }

  /** The actions of the plan that existed at `asOf` (in plan order), of all the plan's actions. */
  function existingAt<T extends Pick<RagFactsAsOf, 'createdAt' | 'archivedAt'>>(
    facts: T[],
    asOf: string,
  ): T[] {
    return facts.filter((r) => r.createdAt <= asOf && (r.archivedAt === null || r.archivedAt > asOf));
  }

  /** The RAG engine's assessment of an action from its facts as of `asOf`. */
  function assess(
    r: Pick<RagFactsAsOf, 'startDate' | 'originalDueDate' | 'changes' | 'signedOffAt' | 'update'>,
    asOf: string,
    previousCutoff: string | null,
  ) {
    const facts = factsAsOf(
      {
        startDate: r.startDate,
        originalDueDate: r.originalDueDate,
        approvedDueDateChanges: r.changes,
        signedOffAt: r.signedOffAt,
        updates: r.update
          ? [{ createdAt: r.update.createdAt, status: r.update.status, reportedRag: r.update.reportedRag }]
          : [],
      },
      asOf,
    );
    return { facts, ...assessRag(facts, { asOf, previousCutoff, rules: config.rag }) };
  }

  /**
   * Every action of the plan that existed at `asOf`, rated by the RAG engine from its history as it stood
   * then, in plan order. `previous` supplies the previous meeting's RAGs for movement.
   */
  function compute(
    planId: number,
    asOf: string,
    previousCutoff: string | null,
    previous: Prior | null,
  ): Stored[] {
    const rows = existingAt(repos.meetings.reportFactsAsOf(planId, asOf), asOf);
    return rows.map((r, order) => {
      const { facts, rag, flags } = assess(r, asOf, previousCutoff);
      const previousRag = previous ? (previous.get(r.id)?.rag ?? null) : null;
      return {
        order,
        actionId: r.id,
        ref: r.ref,
        objective: r.objective,
        themeId: r.themeId,
        themeTitle: r.themeTitle,
        areaId: r.areaId,
        areaTitle: r.areaTitle,
        leads: r.leads,
        recommendationIds: r.recommendationIds,
        timeframeText: r.timeframeText,
        startDate: r.startDate,
        originalDueDate: r.originalDueDate,
        dueDate: facts.dueDate,
        status: statusOf(r, facts.signedOffAt),
        rag,
        flags,
        latestCommentary: commentaryOf(r.update),
        evidence: r.evidence ?? NO_EVIDENCE,
        previousRag,
        movement: movementOf(previousRag, rag),
      };
    });
  }

  /**
   * The rows of a meeting's page not yet locked: each action that existed at its cut-off (or now), rated by
   * the engine, with only what the page shows (the snapshot written at the lock keeps more); and what the
   * previous meeting reported of them.
   */
  function computeView(meeting: Meeting, previous: Meeting | null) {
    const asOf = asOfFor(meeting);
    const previousCutoff = previous?.papersCutoff ?? null;
    const prior = previous ? priorOf(previous) : null;
    const rows = repos.meetings.viewFactsAsOf(meeting.planId, asOf).map((r) => {
      const { facts, rag, flags } = assess(r, asOf, previousCutoff);
      const previousRag = prior ? (prior.get(r.id)?.rag ?? null) : null;
      return {
        actionId: r.id,
        ref: r.ref,
        objective: r.objective,
        themeId: r.themeId,
        themeTitle: r.themeTitle,
        leads: r.leads,
        status: statusOf(r, facts.signedOffAt),
        rag,
        flags,
        latestCommentary: commentaryOf(r.update),
        previousRag,
        movement: movementOf(previousRag, rag),
      };
    });
    return { rows, prior };
  }

  /** What a meeting reports: its snapshot if locked, otherwise computed now as of its cut-off. */
  function reported(meeting: Meeting, previous = repos.meetings.previous(meeting) ?? null): Stored[] {
    if (meeting.status === 'locked') return snapshotOf(meeting.id);
    // Movement is against the previous meeting as it reported: its snapshot, or (not yet locked) computed too.
    return compute(
      meeting.planId,
      asOfFor(meeting),
      previous?.papersCutoff ?? null,
      previous ? priorOf(previous) : null,
    );
  }

  /** The RAG and overdue flag of each action as a meeting reported them (no snapshot parsed). */
  function priorOf(meeting: Meeting): Prior {
    if (meeting.status === 'locked') return repos.meetings.snapshotFacts(meeting.id);
    return new Map(reported(meeting).map((r) => [r.actionId, { rag: r.rag, overdue: r.flags.overdue }]));
  }

  /**
   * The meeting's record besides its rows (recommendations with their links, evidence accepted by the
   * cut-off), as it stands at `asOf` for the actions in `rows`. Written into meeting_records on lock.
   */
  function buildRecord(planId: number, asOf: string, rows: readonly { actionId: number }[]): MeetingRecord {
    const order = new Map(rows.map((r, i) => [r.actionId, i]));
    const links = repos.actions
      .recommendationLinksFor(rows.map((r) => r.actionId))
      .sort((a, b) => (order.get(a.actionId) ?? 0) - (order.get(b.actionId) ?? 0));
    const recs = repos.recommendations.list({ planId, pageSize: 100_000 }).rows;
    // Accepted by the cut-off and not withdrawn (withdrawal is how a wrong upload leaves reports).
    const evidence = repos.evidence
      .acceptedForPlan(planId)
      .filter((e) => order.has(e.actionId) && e.reviewedAt !== null && e.reviewedAt <= asOf);
    return {
      format: MEETING_RECORD_FORMAT,
      recommendations: recs.map((r) => ({
        id: r.id,
        sourceTitle: r.sourceTitle,
        sourceKind: r.sourceKind,
        citation: r.citation,
        number: r.number,
        text: r.text,
        links: links
          .filter((l) => l.recommendationId === r.id)
          .map(({ actionId, coverage, scopeNote }) => ({ actionId, coverage, scopeNote })),
      })),
      evidence: evidence.map((e) => ({
        id: e.id,
        actionId: e.actionId,
        title: e.title,
        kind: e.kind,
        purpose: e.purpose,
        effectiveDate: e.effectiveDate,
        acceptedAt: e.reviewedAt ?? asOf,
      })),
    };
  }

  /**
   * A meeting's record: as written when it was locked, else as it stands now. (A meeting locked before
   * records were kept has none stored, and is read as it stands now.)
   */
  function recordOf(
    meeting: Meeting | null,
    planId: number,
    asOf: string,
    rows: readonly { actionId: number }[],
  ): MeetingRecord {
    if (meeting?.status === 'locked') {
      const stored = repos.meetings.record(meeting.id);
      if (stored) return JSON.parse(stored.data) as MeetingRecord;
    }
    return buildRecord(planId, asOf, rows);
  }

  /** A scheduled meeting whose cut-off is still ahead shows the picture now. */
  function asOfFor(meeting: Meeting): string {
    const now = clock().toISOString();
    return meeting.status === 'locked' || meeting.papersCutoff <= now ? meeting.papersCutoff : now;
  }

  /** Items of a locked meeting's record withdrawn since it was locked. */
  function withdrawnSinceLock(meeting: Meeting, record: MeetingRecord): Set<number> {
    if (meeting.status !== 'locked' || !meeting.lockedAt) return new Set();
    const lockedAt = meeting.lockedAt;
    const withdrawn = repos.evidence.withdrawnAmong(record.evidence.map((e) => e.id));
    return new Set([...withdrawn].filter(([, at]) => at > lockedAt).map(([id]) => id));
  }

  /** The evidence a meeting lists, each withdrawn since the lock still there, with the note. */
  function evidenceOf(
    meeting: Meeting,
    rows: readonly { actionId: number; ref: string }[],
  ): MeetingView['evidence'] {
    const refOf = new Map(rows.map((r) => [r.actionId, r.ref]));
    if (meeting.status !== 'locked' || !repos.meetings.record(meeting.id)) {
      // Not locked (or locked before records were kept): accepted by the cut-off and not withdrawn, as
      // buildRecord() lists it, read without building the rest of the record.
      return repos.evidence
        .acceptedByOfPlan(meeting.planId, asOfFor(meeting))
        .filter((e) => refOf.has(e.actionId))
        .map((e) => ({ ...e, actionRef: refOf.get(e.actionId) ?? '', withdrawnAfterLock: false }));
    }
    const record = recordOf(meeting, meeting.planId, asOfFor(meeting), rows);
    const since = withdrawnSinceLock(meeting, record);
    return record.evidence.map((e) => ({
      ...e,
      actionRef: refOf.get(e.actionId) ?? '',
      withdrawnAfterLock: since.has(e.id),
    }));
  }

  /**
   * A locked meeting's view as the route sends it: its ETag, and the stored document while that ETag is the
   * one it had when locked. Its snapshot never changes, so only a newly agreed RAG (or the note on evidence
   * withdrawn since) makes a new answer; then `body` is null and view() builds it. Null for a scheduled
   * meeting, computed afresh.
   */
  function frozenView(id: number): { tag: string; body: string | null } | null {
    return frozenOf(requireMeeting(id));
  }

  function frozenOf(meeting: Meeting): { tag: string; body: string | null } | null {
    if (meeting.status !== 'locked') return null;
    const id = meeting.id;
    const stored = repos.meetings.frozenView(id);
    if (!stored) {
      // Locked before records were kept: its evidence is read as it stands now.
      return { tag: etagOf('meetingview', id, repos.meetings.latestAgreedId(id)), body: null };
    }
    // Both only grow: a newly agreed RAG or evidence newly withdrawn since the lock makes a new answer.
    const tag = etagOf('meetingview', id, stored.agreedId + stored.withdrawn);
    return { tag, body: stored.view !== null && stored.viewTag === tag ? stored.view : null };
  }

  function view(meeting: Meeting): MeetingView {
    const previous = repos.meetings.previous(meeting) ?? null;
    // A locked meeting from its snapshot (its rows carry more than the page shows; the schema sends what
    // it shows); a scheduled one computed as of its cut-off with only what the page shows.
    const { rows, prior } =
      meeting.status === 'locked'
        ? { rows: snapshotOf(meeting.id), prior: previous ? priorOf(previous) : null }
        : computeView(meeting, previous);
    const agreed = repos.meetings.agreed([meeting.id]).get(meeting.id);
    const actions: MeetingAction[] = rows.map((r) => ({ ...r, agreed: agreed?.get(r.actionId) ?? null }));
    const changes = changesSincePrevious(
      rows.map((r) => ({
        actionId: r.actionId,
        rag: r.rag,
        previousRag: r.previousRag,
        movement: r.movement,
        overdue: r.flags.overdue,
      })),
      (id) => prior?.get(id)?.overdue ?? false,
    );
    const ids = (list: { actionId: number }[]) => list.map((r) => r.actionId);
    return {
      evidence: evidenceOf(meeting, rows),
      meeting,
      previousMeeting: previous,
      frozen: meeting.status === 'locked',
      asOf: asOfFor(meeting),
      counts: countRags(rows),
      previousCounts: prior ? countRags([...prior.values()]) : null,
      movementCounts: countMovements(rows),
      actions,
      newlyOverdue: ids(changes.newlyOverdue),
      newlyComplete: ids(changes.newlyComplete),
      worsened: ids(changes.worsened),
      improved: ids(changes.improved),
    };
  }

  /**
   * A meeting not yet locked, as the JSON text of its MeetingView: its rows rated in SQL as of the cut-off
   * (repositories/asof-rag.ts, the engine's rules; tests/api/asof-rag.test.ts) and written by SQLite, so
   * nothing is parsed, rated in JavaScript or serialised again. The counts and changes are made from a few
   * columns beside each row by the same domain rules as view(). tests/api/meeting-view-text.test.ts checks
   * it against the schema and against view() (the engine) byte for byte.
   */
  function scheduledViewText(meeting: Meeting): JsonText<MeetingView> {
    const previous = repos.meetings.previous(meeting) ?? null;
    const asOf = asOfFor(meeting);
    // What the previous meeting reported: from its snapshot in SQL once locked, else rated as it reports.
    const priorMap = previous && previous.status !== 'locked' ? priorOf(previous) : null;
    const prior = priorMap
      ? JSON.stringify(Object.fromEntries([...priorMap].map(([id, p]) => [id, [p.rag, p.overdue ? 1 : 0]])))
      : '{}';
    const rows = repos.meetings.viewRowsAsOf(
      {
        planId: meeting.planId,
        asOf,
        meetingId: meeting.id,
        previousLocked: previous?.status === 'locked' ? previous.id : null,
        prior,
      },
      asOfParams(asOf, previous?.papersCutoff ?? null, config.rag),
    );
    // Movement by the domain's rule (the row's text has it from the same rule, tabulated in SQL).
    const rated = rows.map(([, actionId, rag, previousRag, overdue]) => ({
      actionId,
      rag,
      previousRag,
      movement: movementOf(previousRag, rag),
      overdue: overdue === 1,
    }));
    const priorOverdue = new Map(rows.map((r) => [r[1], r[5] === 1]));
    const changes = changesSincePrevious(rated, (id) => priorOverdue.get(id) ?? false);
    const ids = (list: { actionId: number }[]) => JSON.stringify(list.map((r) => r.actionId));
    const previousCounts = !previous
      ? null
      : priorMap
        ? countRags([...priorMap.values()])
        : countRags(repos.meetings.snapshotRagList(previous.id));
    return jsonObjectText<MeetingView>({
      meeting: JSON.stringify(meeting),
      previousMeeting: JSON.stringify(previous),
      frozen: 'false',
      asOf: JSON.stringify(asOf),
      counts: JSON.stringify(countRags(rated)),
      previousCounts: JSON.stringify(previousCounts),
      movementCounts: JSON.stringify(countMovements(rated)),
      actions: `[${rows.map((r) => r[0]).join(',')}]`,
      newlyOverdue: ids(changes.newlyOverdue),
      newlyComplete: ids(changes.newlyComplete),
      worsened: ids(changes.worsened),
      improved: ids(changes.improved),
      evidence: repos.meetings.viewEvidenceAsOf(meeting.planId, asOf),
    });
  }

  type FrozenAnswer = { frozen: { tag: string; body: string | null } };
  type TextAnswer = { text: JsonText<MeetingView> };
  /**
   * What GET /meetings/:id answers, the meeting read once: a locked meeting's frozen answer (see
   * frozenView), or a scheduled meeting's page as JSON text (see scheduledViewText). With
   * `scheduledElsewhere`, a scheduled meeting's page is left to scheduledText() on another thread
   * (lib/read-workers.ts), and the answer is `{ scheduled: true }`.
   */
  function answer(id: number): FrozenAnswer | TextAnswer;
  function answer(
    id: number,
    options: { scheduledElsewhere: true },
  ): FrozenAnswer | TextAnswer | { scheduled: true };
  function answer(
    id: number,
    options: { scheduledElsewhere?: true } = {},
  ): FrozenAnswer | TextAnswer | { scheduled: true } {
    const meeting = requireMeeting(id);
    const frozen = frozenOf(meeting);
    if (frozen) return { frozen };
    return options.scheduledElsewhere ? { scheduled: true } : { text: scheduledViewText(meeting) };
  }

  /** 17:00 UK time, the plan's papers cut-off days (else the service's) before the meeting. */
  function defaultCutoff(planId: number, meetingDate: string): string {
    const days = repos.plans.findRow(planId)?.papersCutoffDays ?? config.papersCutoffDays;
    return londonTimeToInstant(addDays(meetingDate, -days), 17, 0).toISOString();
  }

  function checkDates(meetingDate: string, papersCutoff: string): void {
    if (londonDate(papersCutoff) > meetingDate) {
      throw problem.invalid('body.papersCutoff', 'the papers cut-off must be on or before the meeting date');
    }
  }

  return {
    list(planId: number): Meeting[] {
      if (!repos.plans.findRow(planId)) throw problem.notFound(`Plan ${planId}`);
      return repos.meetings.listForPlan(planId);
    },

    get: requireMeeting,

    schedule(actor: Actor, planId: number, body: CreateMeetingBody): Meeting {
      const plan = repos.plans.findRow(planId);
      if (!plan) throw problem.notFound(`Plan ${planId}`);
      if (plan.archivedAt) throw problem.conflict('This plan is archived; its board no longer meets.');
      const papersCutoff = body.papersCutoff
        ? new Date(body.papersCutoff).toISOString()
        : defaultCutoff(planId, body.meetingDate);
      checkDates(body.meetingDate, papersCutoff);
      const conflict = cutoffConflict(
        papersCutoff,
        repos.meetings.listForPlan(planId),
        null,
        body.meetingDate,
      );
      if (conflict) throw problem.conflict(conflict);
      const now = clock().toISOString();
      const id = inTransaction(sqlite, () => {
        const row = repos.meetings.insert({
          planId,
          title: body.title?.trim() || 'Improvement board',
          meetingDate: body.meetingDate,
          papersCutoff,
          createdBy: actor.id,
          createdAt: now,
          updatedAt: now,
        });
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'create',
          entityType: 'meeting',
          entityId: row.id,
          after: row,
        });
        return row.id;
      });
      return requireMeeting(id);
    },

    update(actor: Actor, id: number, expectedVersion: number | undefined, body: UpdateMeetingBody): Meeting {
      const meeting = requireMeeting(id);
      if (meeting.status === 'locked')
        throw problem.conflict('This meeting is locked: what it recorded cannot change.');
      if (expectedVersion !== undefined && expectedVersion !== meeting.version) {
        throw problem.stale('The meeting was changed by someone else. Reload it and try again.');
      }
      const meetingDate = body.meetingDate ?? meeting.meetingDate;
      const papersCutoff = body.papersCutoff
        ? new Date(body.papersCutoff).toISOString()
        : body.meetingDate
          ? defaultCutoff(meeting.planId, meetingDate)
          : meeting.papersCutoff;
      checkDates(meetingDate, papersCutoff);
      const conflict = cutoffConflict(
        papersCutoff,
        repos.meetings.listForPlan(meeting.planId),
        id,
        meetingDate,
      );
      if (conflict) throw problem.conflict(conflict);
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const after = repos.meetings.update(id, meeting.version, {
          ...(body.title !== undefined ? { title: body.title.trim() } : {}),
          meetingDate,
          papersCutoff,
          updatedAt: now,
        });
        if (!after) throw problem.stale('The meeting was changed by someone else. Reload it and try again.');
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'update',
          entityType: 'meeting',
          entityId: id,
          before: meeting,
          after,
        });
      });
      return requireMeeting(id);
    },

    view(id: number): MeetingView {
      return view(requireMeeting(id));
    },

    answer,

    /**
     * A scheduled meeting's page as JSON text (scheduledViewText); null when the meeting is locked (its
     * answer is its frozen snapshot, see answer()) or is not there. What a read worker computes.
     */
    scheduledText(id: number): JsonText<MeetingView> | null {
      const meeting = repos.meetings.find(id);
      return meeting && meeting.status !== 'locked' ? scheduledViewText(meeting) : null;
    },

    /** Writes the snapshot of every action, in one transaction, and locks the meeting for good. */
    lock(actor: Actor, id: number): MeetingView {
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const meeting = requireMeeting(id);
        if (meeting.status === 'locked') {
          throw problem.conflict(
            `This meeting was locked on ${meeting.lockedAt ? londonDate(meeting.lockedAt) : 'an earlier date'}; it cannot be locked again.`,
          );
        }
        if (meeting.papersCutoff > now) {
          throw problem.conflict(
            'The papers cut-off of this meeting has not passed yet: lock it after the papers have gone out.',
          );
        }
        if (meeting.meetingDate > londonDate(now)) {
          throw problem.conflict(
            `This meeting is on ${formatDate(meeting.meetingDate)} and has not been held yet: lock it after it is held.`,
          );
        }
        const order = lockOrderConflict(meeting, repos.meetings.listForPlan(meeting.planId));
        if (order) throw problem.conflict(order);
        const rows = reported(meeting);
        createScorecardReader({ repos, clock }).freeze(meeting);
        repos.meetings.insertSnapshots(
          rows.map((r) => ({ meetingId: id, actionId: r.actionId, rag: r.rag, data: JSON.stringify(r) })),
        );
        const record: MeetingRecord = {
          ...buildRecord(meeting.planId, asOfFor(meeting), rows),
          // The board's own record beside it: narrative, risks, decisions, board actions (board-record.ts).
          board: createBoardRecordReader({ repos, clock }).section(meeting),
        };
        repos.meetings.insertRecord({
          meetingId: id,
          format: record.format,
          data: JSON.stringify(record),
          recordedAt: now,
        });
        repos.meetings.storeSnapshotRags(id);
        if (
          !repos.meetings.update(id, meeting.version, {
            status: 'locked',
            lockedAt: now,
            lockedBy: actor.id,
            updatedAt: now,
          })
        ) {
          throw problem.stale('The meeting was changed by someone else. Reload it and try again.');
        }
        // Its view is frozen too: kept as the API sends it, with the ETag it has now.
        const frozen = frozenView(id);
        if (frozen) repos.meetings.storeView(id, serializeView(view(requireMeeting(id))), frozen.tag);
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'lock',
          entityType: 'meeting',
          entityId: id,
          after: { actions: rows.length, counts: countRags(rows) },
        });
      });
      return view(requireMeeting(id));
    },

    recordAgreedRag(actor: Actor, id: number, actionId: number, body: AgreedRagBody): MeetingView {
      const meeting = requireMeeting(id);
      const today = londonDate(clock());
      if (meeting.meetingDate > today) {
        throw problem.conflict(
          `The board agrees a RAG at or after its meeting on ${formatDate(meeting.meetingDate)}; it has not met yet.`,
        );
      }
      const row = reported(meeting).find((r) => r.actionId === actionId);
      if (!row) throw problem.notFound(`Action ${actionId} in this meeting`);
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        repos.meetings.insertAgreed({
          meetingId: id,
          actionId,
          rag: body.rag,
          reason: body.reason.trim(),
          recordedBy: actor.id,
          recordedAt: now,
        });
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'agree_rag',
          entityType: 'meeting',
          entityId: id,
          after: { actionId, rag: body.rag, computed: row.rag, reason: body.reason.trim() },
        });
      });
      return view(meeting);
    },

    compare(fromId: number, toId: number): MeetingComparison {
      const from = requireMeeting(fromId);
      const to = requireMeeting(toId);
      if (from.planId !== to.planId)
        throw problem.unprocessable(
          'These meetings belong to different plans; compare meetings of one plan.',
        );
      // Two locked meetings from their snapshots (one query, no document parsed here); else as reported, a
      // meeting not locked as its page rates it.
      const summaryOf = (m: Meeting): SnapshotSummary[] =>
        (m.status === 'locked'
          ? snapshotOf(m.id)
          : computeView(m, repos.meetings.previous(m) ?? null).rows
        ).map((r) => ({
          actionId: r.actionId,
          ref: r.ref,
          objective: r.objective,
          themeTitle: r.themeTitle,
          rag: r.rag,
        }));
      const { from: a, to: b } =
        from.status === 'locked' && to.status === 'locked'
          ? repos.meetings.comparedSnapshots(from.id, to.id)
          : { from: summaryOf(from), to: summaryOf(to) };
      const aById = new Map(a.map((r) => [r.actionId, r]));
      const bIds = new Set(b.map((r) => r.actionId));
      const rows = [
        ...b.map((r) => {
          const fromRag = aById.get(r.actionId)?.rag ?? null;
          return {
            actionId: r.actionId,
            ref: r.ref,
            objective: r.objective,
            themeTitle: r.themeTitle,
            fromRag,
            toRag: r.rag,
            movement: movementOf(fromRag, r.rag),
          };
        }),
        // Actions at the earlier meeting that have since gone (archived) are listed too, with no RAG now.
        ...a
          .filter((r) => !bIds.has(r.actionId))
          .map((r) => ({
            actionId: r.actionId,
            ref: r.ref,
            objective: r.objective,
            themeTitle: r.themeTitle,
            fromRag: r.rag,
            toRag: null,
            movement: 'unchanged' as const,
          })),
      ];
      return {
        from,
        to,
        fromCounts: countRags(a),
        toCounts: countRags(b),
        movementCounts: countMovements(rows),
        rows,
      };
    },

    /** Per recommendation of the plan's sources, how its actions stood at a meeting (or now). */
    rollup(planId: number, meetingId: number | undefined): RecommendationRollup[] {
      if (!repos.plans.findRow(planId)) throw problem.notFound(`Plan ${planId}`);
      let rows: Stored[];
      let agreed = new Map<number, { rag: Rag }>();
      let record: MeetingRecord;
      if (meetingId !== undefined) {
        const meeting = requireMeeting(meetingId);
        if (meeting.planId !== planId) throw problem.notFound(`Meeting ${meetingId} of plan ${planId}`);
        rows = reported(meeting);
        agreed = repos.meetings.agreed([meetingId]).get(meetingId) ?? agreed;
        record = recordOf(meeting, planId, asOfFor(meeting), rows);
      } else {
        const now = clock().toISOString();
        rows = compute(planId, now, repos.meetings.latestCutoffAtOrBefore(planId, now), null);
        record = buildRecord(planId, now, rows);
      }
      const partOf = inPartOf(record);
      const rated = rows.map((r) => ratedAction(r, partOf));
      return record.recommendations.map((rec) => {
        const c = coverageOf(rec.id, rated);
        return {
          id: rec.id,
          label: labelOfRecord(rec),
          text: rec.text,
          sourceTitle: rec.sourceTitle,
          actions: c.answering.map(({ row: r }) => ({
            actionId: r.actionId,
            ref: r.ref,
            objective: r.objective,
            rag: r.rag,
            agreedRag: agreed.get(r.actionId)?.rag ?? null,
          })),
          counts: c.counts,
          worstRag: c.worstRag,
          blueCount: c.blueCount,
          inPartOnly: c.inPartOnly,
          noLiveAction: c.noLiveAction,
          allBlueNoImpactEvidence: c.allBlueNoImpactEvidence,
        };
      });
    },

    /**
     * The RAG history grid as the JSON text of a RagHistory: the plan's meetings, and its rows each written
     * from SQLite's text of the action's wording and its RAG per meeting: a locked meeting's from the compact
     * RAGs stored at its lock, any other's rated in SQL as of its cut-off (or now). Sent as it is
     * (tests/api/rag-history.test.ts validates answers against RagHistory).
     */
    historyText(planId: number): JsonText<RagHistory> {
      const meetings = this.list(planId);
      const rows = repos.meetings.historyRows(planId);
      const rowOf = new Map<number, number>();
      for (let i = 0; i < rows.length; i++) rowOf.set((rows[i] as { id: number }).id, i);
      // Per row, its RAG at each meeting (in the order of `meetings`), made when it has one.
      const cells: (Rag | null)[][] = [];
      const set = (actionId: number, column: number, rag: Rag) => {
        const i = rowOf.get(actionId);
        if (i === undefined) return;
        (cells[i] ??= new Array<Rag | null>(meetings.length).fill(null))[column] = rag;
      };
      const column = new Map(meetings.map((m, i) => [m.id, i]));
      repos.meetings.eachLockedRag(
        meetings.filter((m) => m.status === 'locked').map((m) => m.id),
        (meetingId, actionId, rag) => {
          const c = column.get(meetingId);
          if (c !== undefined) set(actionId, c, rag);
        },
      );
      // A meeting not locked: each action's RAG as of its cut-off (or now), rated in SQL (asof-rag.ts).
      meetings.forEach((m, i) => {
        if (m.status === 'locked') return;
        const previousCutoff = meetings[i - 1]?.papersCutoff ?? null;
        for (const [actionId, rag] of repos.meetings.ragsAsOf(planId, asOfFor(m), previousCutoff, config.rag))
          set(actionId, i, rag);
      });
      // The agreed RAGs by row, in the order of the meetings.
      const agreed = repos.meetings.agreedRags(meetings.map((m) => m.id));
      const agreedOf = new Map<number, string>();
      for (const m of meetings)
        for (const [actionId, rag] of agreed.get(m.id) ?? []) {
          const item = `{"meetingId":${m.id},"rag":"${rag}"}`;
          const list = agreedOf.get(actionId);
          agreedOf.set(actionId, list === undefined ? item : `${list},${item}`);
        }
      // Every action that appears at any meeting; its wording's object closed after its RAGs.
      let text = '';
      rows.forEach((row, i) => {
        const rags = cells[i];
        if (rags === undefined) return;
        let line = '';
        for (const rag of rags) line += line === '' ? cell(rag) : `,${cell(rag)}`;
        text += `${text === '' ? '' : ','}${row.json.slice(0, -1)},"rags":[${line}],"agreed":[${agreedOf.get(row.id) ?? ''}]}`;
      });
      return jsonObjectText<RagHistory>({ meetings: JSON.stringify(meetings), actions: `[${text}]` });
    },

    /**
     * At start-up: writes the compact RAGs (meeting_rags) of meetings locked before they were kept,
     * from their snapshots, in one transaction. Idempotent; returns how many meetings it wrote.
     */
    backfillSnapshotRags(): number {
      return inTransaction(sqlite, () => repos.meetings.backfillSnapshotRags());
    },

    /** The RAG history grid as an object (for the exports). */
    history(planId: number): RagHistory {
      return JSON.parse(this.historyText(planId)) as RagHistory;
    },

    /**
     * What a report is built from: a meeting's rows exactly as it reports them (with agreed RAGs), or,
     * without a meeting, every action now with movement since the latest meeting whose cut-off has passed;
     * and what the previous meeting reported of each action.
     */
    report(planId: number, meetingId: number | undefined) {
      if (!repos.plans.findRow(planId)) throw problem.notFound(`Plan ${planId}`);
      if (meetingId !== undefined) {
        const meeting = requireMeeting(meetingId);
        if (meeting.planId !== planId) throw problem.notFound(`Meeting ${meetingId} of plan ${planId}`);
        const previous = repos.meetings.previous(meeting) ?? null;
        const rows = reported(meeting, previous);
        return {
          meeting,
          previous,
          asOf: asOfFor(meeting),
          frozen: meeting.status === 'locked',
          rows,
          record: recordOf(meeting, planId, asOfFor(meeting), rows),
          prior: previous ? priorOf(previous) : null,
          agreed: repos.meetings.agreed([meeting.id]).get(meeting.id) ?? new Map<number, AgreedRag>(),
        };
      }
      const now = clock().toISOString();
      const previous = repos.meetings.latestPast(planId, now) ?? null;
      const prior = previous ? priorOf(previous) : null;
      const rows = compute(planId, now, previous?.papersCutoff ?? null, prior);
      return {
        meeting: null,
        previous,
        asOf: now,
        frozen: false,
        rows,
        record: buildRecord(planId, now, rows),
        prior,
        agreed: new Map<number, AgreedRag>(),
      };
    },

    /** RAG of each action at the latest meeting whose cut-off has passed (for "worsened since"). */
    ragsAtLatestPast(planId: number): { meeting: Meeting; rags: Map<number, Rag> } | null {
      const meeting = repos.meetings.latestPast(planId, clock().toISOString());
      if (!meeting) return null;
      return { meeting, rags: new Map([...priorOf(meeting)].map(([id, p]) => [id, p.rag])) };
    },
  };
}
export type MeetingService = ReturnType<typeof createMeetingService>;
