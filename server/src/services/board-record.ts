/**
 * The board's record of a meeting, beside the actions' RAGs: the executive summary and a narrative per theme
 * (written before the papers cut-off), the risk register scored at the cut-off with movement since the
 * previous meeting, and the decisions and board actions recorded at the meeting, with open board actions of
 * earlier meetings carried in as matters arising. Locking a meeting writes all of it, as it then stands,
 * into `meeting_records`; a locked meeting is read from that alone.
 */
import { formatDate, formatDateTime, type RiskBand } from '@ipt/shared';
import type {
  BoardItem,
  BoardItemBody,
  CloseBoardActionBody,
  CreateRiskBody,
  Meeting,
  BoardRecord,
  NarrativeSection,
  PackRecord,
  ReportedRisk,
  RiskDetail,
  RiskReviewBody,
  UpdateRiskBody,
  WithdrawBoardItemBody,
} from '@ipt/shared/schemas';
import { inTransaction } from '../db/client.js';
import { canSeePlan } from '../domain/access.js';
import { recommendationLabel } from '../domain/citations.js';
import { compareRisks, riskBand, riskMovement, riskScore } from '../domain/risk.js';
import { problem } from '../lib/problems.js';
import type { Actor } from '../lib/types.js';
import type { MeetingRecord as MeetingRecordDocument } from '../domain/meeting-record.js';
import type { BoardItemRow, RiskRow } from '../repositories/board-record.js';
import type { Repositories } from '../repositories/index.js';
import type { ServiceDeps } from './deps.js';

const NOT_WRITABLE = { summary: false, themeIds: [] as number[], decisions: false };

function toItem(r: BoardItemRow, showClosedUpTo: string | null): BoardItem {
  const closedShown =
    r.closedAt !== null &&
    r.closedBy !== null &&
    r.closedAtMeetingId !== null &&
    r.closedMeetingCutoff !== null &&
    (showClosedUpTo === null || r.closedMeetingCutoff <= showClosedUpTo);
  return {
    id: r.id,
    kind: r.kind,
    meetingId: r.meetingId,
    meetingTitle: r.meetingTitle,
    meetingDate: r.meetingDate,
    text: r.text,
    owner: r.owner,
    dueDate: r.dueDate,
    recordedBy: { id: r.recordedBy, name: r.recorderName, jobTitle: r.recorderJobTitle },
    recordedAt: r.recordedAt,
    closed: closedShown
      ? {
          by: { id: r.closedBy ?? 0, name: r.closerName ?? '', jobTitle: r.closerJobTitle ?? '' },
          at: r.closedAt ?? '',
          meetingId: r.closedAtMeetingId ?? 0,
          meetingTitle: r.closedMeetingTitle ?? '',
          note: r.closingNote ?? '',
        }
      : null,
    withdrawn:
      r.withdrawnAt !== null && r.withdrawnBy !== null
        ? {
            by: { id: r.withdrawnBy, name: r.withdrawerName ?? '', jobTitle: r.withdrawerJobTitle ?? '' },
            at: r.withdrawnAt,
            reason: r.withdrawalReason ?? '',
          }
        : null,
    version: r.version,
  };
}

/** Reads (and freezes) meeting records; used by the meeting service when it locks a meeting. */
export function createBoardRecordReader({
  repos,
  clock,
}: {
  repos: Repositories;
  clock: ServiceDeps['clock'];
}) {
  /** A scheduled meeting whose cut-off is still ahead shows the picture now. */
  function asOfFor(meeting: Meeting): string {
    const now = clock().toISOString();
    return meeting.status === 'locked' || meeting.papersCutoff <= now ? meeting.papersCutoff : now;
  }

  /** The board's section of a locked meeting's record, if it was written with one. */
  function frozenOf(meetingId: number): PackRecord | null {
    const stored = repos.meetings.record(meetingId);
    return stored ? ((JSON.parse(stored.data) as MeetingRecordDocument).board ?? null) : null;
  }

  /** Each open risk of the plan at `asOf`, with its score then. */
  function risksAt(planId: number, asOf: string, rows = repos.boardRecord.risksOfPlan(planId)) {
    const live = rows.filter((r) => r.createdAt <= asOf && (r.closedAt === null || r.closedAt > asOf));
    const reviews = repos.boardRecord.reviews(live.map((r) => r.id));
    const out = new Map<number, { risk: RiskRow; likelihood: number; impact: number; score: number }>();
    for (const risk of live) {
      const latest = reviews.filter((v) => v.riskId === risk.id && v.recordedAt <= asOf).at(-1);
      if (!latest) continue;
      out.set(risk.id, {
        risk,
        likelihood: latest.likelihood,
        impact: latest.impact,
        score: riskScore(latest.likelihood, latest.impact),
      });
    }
    return out;
  }

  function risksReported(meeting: Meeting | null, planId: number, asOf: string, previous: Meeting | null) {
    const rows = repos.boardRecord.risksOfPlan(planId);
    const now = risksAt(planId, asOf, rows);
    let before: Map<number, number> | null = null;
    if (previous) {
      const frozen = previous.status === 'locked' ? frozenOf(previous.id) : null;
      before = frozen
        ? new Map(frozen.risks.map((r) => [r.riskId, r.score]))
        : new Map([...risksAt(planId, previous.papersCutoff, rows)].map(([id, r]) => [id, r.score]));
    }
    void meeting;
    return [...now.values()]
      .map((r): ReportedRisk => {
        const previousScore = before?.get(r.risk.id) ?? null;
        return {
          riskId: r.risk.id,
          title: r.risk.title,
          owner: r.risk.owner,
          likelihood: r.likelihood,
          impact: r.impact,
          score: r.score,
          band: riskBand(r.score),
          previousScore,
          movement: riskMovement(previousScore, r.score),
          mitigations: r.risk.mitigations,
        };
      })
      .sort((a, b) => compareRisks(a, b));
  }

  /** The themes whose narrative `actor` may write: an administrator all, a lead those they lead actions in. */
  function themesWritableBy(actor: Actor | null, planId: number, themeIds: number[]): number[] {
    if (!actor) return [];
    if (actor.role === 'admin') return themeIds;
    if (actor.role !== 'lead' || actor.leadId === null) return [];
    const rows = repos.actions.rows({ planId });
    const leads = repos.actions.leadsFor(rows.map((r) => r.id));
    return themeIds.filter((t) =>
      rows.some((r) => r.themeId === t && (leads.get(r.id) ?? []).some((l) => l.id === actor.leadId)),
    );
  }

  /** The record of a meeting as it stands now (never the frozen one). */
  function compute(meeting: Meeting, actor: Actor | null): BoardRecord {
    const asOf = asOfFor(meeting);
    const previous = repos.meetings.previous(meeting) ?? null;
    const themes = repos.themes.listForPlan(meeting.planId);
    const written = repos.boardRecord.narratives(meeting.id);
    const section = (themeId: number | null, themeTitle: string | null): NarrativeSection => {
      const n = written.find((w) => w.section === (themeId ?? 0));
      return {
        themeId,
        themeTitle,
        text: n?.text ?? '',
        version: n?.version ?? 0,
        updatedBy: n ? { id: n.updatedBy, name: n.updaterName, jobTitle: n.updaterJobTitle } : null,
        updatedAt: n?.updatedAt ?? null,
      };
    };
    // An item withdrawn as recorded in error is listed apart, and is in no list the pack carries.
    const all = repos.boardRecord.itemsOfPlan(meeting.planId);
    const items = all.filter((i) => i.withdrawnAt === null);
    const here = items.filter((i) => i.meetingId === meeting.id);
    const cutoff = meeting.papersCutoff;
    const open = meeting.status !== 'locked' && cutoff > clock().toISOString();
    return {
      meetingId: meeting.id,
      frozen: false,
      summary: section(null, null),
      themes: themes.map((t) => section(t.id, t.title)),
      risks: risksReported(meeting, meeting.planId, asOf, previous),
      decisions: here.filter((i) => i.kind === 'decision').map((i) => toItem(i, cutoff)),
      boardActions: here.filter((i) => i.kind === 'action').map((i) => toItem(i, cutoff)),
      mattersArising: items
        .filter(
          (i) =>
            i.kind === 'action' &&
            i.meetingCutoff < cutoff &&
            (i.closedMeetingCutoff === null || i.closedMeetingCutoff >= cutoff),
        )
        .map((i) => toItem(i, cutoff)),
      withdrawn: all
        .filter((i) => i.meetingId === meeting.id && i.withdrawnAt !== null)
        .map((i) => toItem(i, cutoff)),
      canWrite: {
        summary: open && actor?.role === 'admin',
        themeIds: open
          ? themesWritableBy(
              actor,
              meeting.planId,
              themes.map((t) => t.id),
            )
          : [],
        decisions: meeting.status !== 'locked' && (actor?.role === 'admin' || actor?.role === 'chair'),
      },
    };
  }

  return {
    asOfFor,
    compute,

    /** A meeting's record: what was frozen at lock, or as it stands now. */
    of(meeting: Meeting, actor: Actor | null): BoardRecord {
      if (meeting.status === 'locked') {
        const frozen = frozenOf(meeting.id);
        if (frozen)
          return { meetingId: meeting.id, frozen: true, ...frozen, withdrawn: [], canWrite: NOT_WRITABLE };
      }
      return compute(meeting, actor);
    },

    /** Risks now, with movement since the latest meeting whose cut-off has passed (a live summary). */
    liveRisks(planId: number): ReportedRisk[] {
      const now = clock().toISOString();
      return risksReported(null, planId, now, repos.meetings.latestPast(planId, now) ?? null);
    },

    /** Open board actions now (a live summary's matters arising). */
    openBoardActions(planId: number): BoardItem[] {
      return repos.boardRecord
        .itemsOfPlan(planId)
        .filter((i) => i.kind === 'action' && i.closedAt === null && i.withdrawnAt === null)
        .map((i) => toItem(i, null));
    },

    /**
     * The board's section of a meeting's record, as it stands at its cut-off: the meeting service writes it
     * into meeting_records, with the rest of the record, when it locks the meeting.
     */
    section(meeting: Meeting): PackRecord {
      const r = compute({ ...meeting, status: 'locked' }, null);
      return {
        summary: r.summary,
        themes: r.themes,
        risks: r.risks,
        decisions: r.decisions,
        boardActions: r.boardActions,
        mattersArising: r.mattersArising,
      };
    },
  };
}
export type BoardRecordReader = ReturnType<typeof createBoardRecordReader>;

export function createBoardRecordService({ repos, sqlite, clock }: ServiceDeps) {
  const reader = createBoardRecordReader({ repos, clock });

  function requireMeeting(id: number): Meeting {
    const m = repos.meetings.find(id);
    if (!m) throw problem.notFound(`Meeting ${id}`);
    return m;
  }

  function requireRisk(id: number): RiskRow {
    const r = repos.boardRecord.findRisk(id);
    if (!r) throw problem.notFound(`Risk ${id}`);
    return r;
  }

  /** A draft plan's record is the programme office's alone (as everything under /plans/:id is). */
  function requireVisiblePlan(actor: Actor, planId: number, what: string): void {
    const plan = repos.plans.findRow(planId);
    if (!plan || !canSeePlan(actor, plan)) throw problem.notFound(what);
  }

  function refuseLocked(meeting: Meeting, what: string): void {
    if (meeting.status === 'locked') {
      throw problem.conflict(
        `This meeting was locked on ${meeting.lockedAt ? formatDate(meeting.lockedAt) : 'an earlier date'}: ${what} as recorded cannot change.`,
      );
    }
  }

  function detail(risk: RiskRow): RiskDetail {
    const reviews = repos.boardRecord.reviews([risk.id]);
    const latest = reviews.at(-1);
    const likelihood = latest?.likelihood ?? 1;
    const impact = latest?.impact ?? 1;
    const score = riskScore(likelihood, impact);
    const actionIds = new Set(repos.boardRecord.linkedActions([risk.id]).map((l) => l.actionId));
    const recIds = new Set(repos.boardRecord.linkedRecommendations([risk.id]).map((l) => l.recommendationId));
    const actions = repos.actions
      .rows({ planId: risk.planId, includeArchived: true })
      .filter((a) => actionIds.has(a.id))
      .map((a) => ({ id: a.id, label: a.ref, text: a.objective }));
    const recommendations = repos.recommendations
      .list({ planId: risk.planId, pageSize: 100_000 })
      .rows.filter((r) => recIds.has(r.id))
      .map((r) => ({
        id: r.id,
        label: recommendationLabel(r.citation, r.sourceKind, r.number),
        text: r.text,
      }));
    const band: RiskBand = riskBand(score);
    return {
      id: risk.id,
      planId: risk.planId,
      title: risk.title,
      description: risk.description,
      owner: risk.owner,
      likelihood,
      impact,
      score,
      band,
      mitigations: risk.mitigations,
      status: risk.status,
      closedAt: risk.closedAt,
      actions,
      recommendations,
      createdAt: risk.createdAt,
      version: risk.version,
      reviews: reviews
        .map((v) => {
          const s = riskScore(v.likelihood, v.impact);
          return {
            id: v.id,
            likelihood: v.likelihood,
            impact: v.impact,
            score: s,
            band: riskBand(s),
            note: v.note,
            meetingId: v.meetingId,
            meetingTitle: v.meetingTitle,
            recordedBy: { id: v.recordedBy, name: v.recorderName, jobTitle: v.recorderJobTitle },
            recordedAt: v.recordedAt,
          };
        })
        .reverse(),
    };
  }

  /** Link ids must name actions and recommendations of the risk's plan. */
  function checkLinks(planId: number, actionIds?: number[], recommendationIds?: number[]): void {
    if (actionIds?.length) {
      const known = new Set(repos.actions.rows({ planId }).map((a) => a.id));
      const unknown = actionIds.filter((id) => !known.has(id));
      if (unknown.length)
        throw problem.invalid('body.actionIds', `No live action ${unknown.join(', ')} in this plan.`);
    }
    if (recommendationIds?.length) {
      const known = new Set(repos.recommendations.list({ planId, pageSize: 100_000 }).rows.map((r) => r.id));
      const unknown = recommendationIds.filter((id) => !known.has(id));
      if (unknown.length)
        throw problem.invalid(
          'body.recommendationIds',
          `No recommendation ${unknown.join(', ')} in this plan's sources.`,
        );
    }
  }

  return {
    reader,

    record(actor: Actor, meetingId: number): BoardRecord {
      const meeting = requireMeeting(meetingId);
      requireVisiblePlan(actor, meeting.planId, `Meeting ${meetingId}`);
      return reader.of(meeting, actor);
    },

    /** The version a section's If-Match must name: 0 before it is first written. */
    narrativeVersion(meetingId: number, themeId: number | null): number {
      return repos.boardRecord.findNarrative(meetingId, themeId ?? 0)?.version ?? 0;
    },

    writeNarrative(
      actor: Actor,
      meetingId: number,
      themeId: number | null,
      expectedVersion: number,
      text: string,
    ): BoardRecord {
      const meeting = requireMeeting(meetingId);
      refuseLocked(meeting, 'its narrative');
      const now = clock().toISOString();
      if (meeting.papersCutoff <= now) {
        throw problem.conflict(
          `The papers for this meeting closed at ${formatDateTime(meeting.papersCutoff)}: the ${themeId === null ? 'executive summary' : 'theme narrative'} can no longer change. Raise anything new at the meeting.`,
        );
      }
      if (themeId !== null) {
        const theme = repos.themes.listForPlan(meeting.planId).find((t) => t.id === themeId);
        if (!theme) throw problem.notFound(`Theme ${themeId} of this meeting's plan`);
        if (!reader.compute(meeting, actor).canWrite.themeIds.includes(themeId))
          throw problem.forbidden(
            'Only an administrator or a lead of this theme’s actions can write its narrative.',
          );
      } else if (actor.role !== 'admin') {
        throw problem.forbidden('Only an administrator writes the executive summary.');
      }
      const section = themeId ?? 0;
      inTransaction(sqlite, () => {
        const existing = repos.boardRecord.findNarrative(meetingId, section);
        if ((existing?.version ?? 0) !== expectedVersion)
          throw problem.stale('Someone changed this narrative since you read it. Reload it and try again.');
        const after = existing
          ? repos.boardRecord.updateNarrative(existing.id, existing.version, {
              text,
              updatedBy: actor.id,
              updatedAt: now,
            })
          : repos.boardRecord.insertNarrative({
              meetingId,
              themeId,
              section,
              text,
              updatedBy: actor.id,
              createdAt: now,
              updatedAt: now,
            });
        if (!after)
          throw problem.stale('Someone changed this narrative since you read it. Reload it and try again.');
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: existing ? 'update' : 'create',
          entityType: 'meeting_narrative',
          entityId: after.id,
          before: existing ?? null,
          after,
        });
      });
      return reader.of(meeting, actor);
    },

    // ---- risks
    risks(planId: number): RiskDetail[] {
      if (!repos.plans.findRow(planId)) throw problem.notFound(`Plan ${planId}`);
      return repos.boardRecord
        .risksOfPlan(planId)
        .map(detail)
        .sort(
          (a, b) =>
            (a.status === b.status ? 0 : a.status === 'open' ? -1 : 1) ||
            compareRisks({ ...a, riskId: a.id }, { ...b, riskId: b.id }),
        );
    },

    risk(actor: Actor, id: number): RiskDetail {
      const risk = requireRisk(id);
      requireVisiblePlan(actor, risk.planId, `Risk ${id}`);
      return detail(risk);
    },

    createRisk(actor: Actor, planId: number, body: CreateRiskBody): RiskDetail {
      const plan = repos.plans.findRow(planId);
      if (!plan) throw problem.notFound(`Plan ${planId}`);
      if (plan.archivedAt) throw problem.conflict('This plan is archived; its risk register is closed.');
      checkLinks(planId, body.actionIds, body.recommendationIds);
      const now = clock().toISOString();
      const id = inTransaction(sqlite, () => {
        const row = repos.boardRecord.insertRisk({
          planId,
          title: body.title.trim(),
          description: body.description?.trim() ?? '',
          owner: body.owner.trim(),
          mitigations: body.mitigations?.trim() ?? '',
          createdBy: actor.id,
          createdAt: now,
          updatedAt: now,
        });
        repos.boardRecord.insertReview({
          riskId: row.id,
          likelihood: body.likelihood,
          impact: body.impact,
          note: 'Raised',
          recordedBy: actor.id,
          recordedAt: now,
        });
        repos.boardRecord.setLinks(row.id, body.actionIds ?? [], body.recommendationIds ?? []);
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'create',
          entityType: 'risk',
          entityId: row.id,
          after: {
            ...row,
            likelihood: body.likelihood,
            impact: body.impact,
            actionIds: body.actionIds ?? [],
            recommendationIds: body.recommendationIds ?? [],
          },
        });
        return row.id;
      });
      return detail(requireRisk(id));
    },

    updateRisk(actor: Actor, id: number, expectedVersion: number, body: UpdateRiskBody): RiskDetail {
      const risk = requireRisk(id);
      const changesContent = Object.keys(body).some((k) => k !== 'status');
      if (changesContent && risk.status === 'closed' && body.status !== 'open')
        // Said before a stale If-Match: closed meanwhile, the reader should learn that, not just "reload".
        throw problem.conflict(
          `This risk was closed on ${risk.closedAt ? formatDate(risk.closedAt) : 'an earlier date'}: it stays in the register as it was. Reopen it before changing its wording or links.`,
        );
      if (changesContent && repos.plans.findRow(risk.planId)?.archivedAt)
        throw problem.conflict('This plan is archived; its risk register is closed.');
      if (risk.version !== expectedVersion)
        throw problem.stale('Someone changed this risk since you read it. Reload it and try again.');
      checkLinks(risk.planId, body.actionIds, body.recommendationIds);
      const now = clock().toISOString();
      const closing = body.status === 'closed' && risk.status === 'open';
      const reopening = body.status === 'open' && risk.status === 'closed';
      inTransaction(sqlite, () => {
        const before = detail(risk);
        const after = repos.boardRecord.updateRisk(id, risk.version, {
          ...(body.title !== undefined ? { title: body.title.trim() } : {}),
          ...(body.description !== undefined ? { description: body.description.trim() } : {}),
          ...(body.owner !== undefined ? { owner: body.owner.trim() } : {}),
          ...(body.mitigations !== undefined ? { mitigations: body.mitigations.trim() } : {}),
          ...(closing ? { status: 'closed' as const, closedAt: now, closedBy: actor.id } : {}),
          ...(reopening ? { status: 'open' as const, closedAt: null, closedBy: null } : {}),
          updatedAt: now,
        });
        if (!after)
          throw problem.stale('Someone changed this risk since you read it. Reload it and try again.');
        repos.boardRecord.setLinks(id, body.actionIds, body.recommendationIds);
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: closing ? 'close' : reopening ? 'reopen' : 'update',
          entityType: 'risk',
          entityId: id,
          before,
          after: { ...after, actionIds: body.actionIds, recommendationIds: body.recommendationIds },
        });
      });
      return detail(requireRisk(id));
    },

    /** A rescoring: a new review row (the history is kept), at a meeting if named. */
    reviewRisk(actor: Actor, id: number, expectedVersion: number, body: RiskReviewBody): RiskDetail {
      const risk = requireRisk(id);
      if (risk.version !== expectedVersion)
        throw problem.stale('Someone changed this risk since you read it. Reload it and try again.');
      if (risk.status === 'closed')
        throw problem.conflict('This risk is closed: reopen it before scoring it again.');
      if (body.meetingId !== undefined) {
        const meeting = requireMeeting(body.meetingId);
        if (meeting.planId !== risk.planId) throw problem.notFound(`Meeting ${body.meetingId} of this plan`);
        refuseLocked(meeting, 'its risk reviews');
      }
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const after = repos.boardRecord.updateRisk(id, risk.version, { updatedAt: now });
        if (!after)
          throw problem.stale('Someone changed this risk since you read it. Reload it and try again.');
        repos.boardRecord.insertReview({
          riskId: id,
          likelihood: body.likelihood,
          impact: body.impact,
          note: body.note.trim(),
          meetingId: body.meetingId ?? null,
          recordedBy: actor.id,
          recordedAt: now,
        });
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'review',
          entityType: 'risk',
          entityId: id,
          after: {
            likelihood: body.likelihood,
            impact: body.impact,
            score: body.likelihood * body.impact,
            note: body.note.trim(),
            meetingId: body.meetingId ?? null,
          },
        });
      });
      return detail(requireRisk(id));
    },

    // ---- decisions and board actions
    recordItem(actor: Actor, meetingId: number, body: BoardItemBody): BoardRecord {
      const meeting = requireMeeting(meetingId);
      refuseLocked(meeting, 'its decisions and actions');
      const owner = body.owner?.trim() ?? '';
      if (body.kind === 'action') {
        if (!owner)
          throw problem.invalid('body.owner', 'Say who owns the board action, e.g. "Head of Finance".');
        if (!body.dueDate) throw problem.invalid('body.dueDate', 'Give the date the board action is due by.');
      }
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const row = repos.boardRecord.insertItem({
          meetingId,
          kind: body.kind,
          text: body.text.trim(),
          owner: owner || null,
          dueDate: body.dueDate ?? null,
          recordedBy: actor.id,
          recordedAt: now,
        });
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'create',
          entityType: body.kind === 'action' ? 'board_action' : 'board_decision',
          entityId: row.id,
          after: row,
        });
      });
      return reader.of(meeting, actor);
    },

    /** The version a board item's If-Match must name. */
    itemVersion(id: number): number {
      const item = repos.boardRecord.findItem(id);
      if (!item) throw problem.notFound(`Board action ${id}`);
      return item.version;
    },

    /** Closes a board action at a meeting (not locked, no earlier than the one that set it). */
    closeAction(actor: Actor, id: number, expectedVersion: number, body: CloseBoardActionBody): BoardRecord {
      const item = repos.boardRecord.findItem(id);
      if (!item || item.kind !== 'action') throw problem.notFound(`Board action ${id}`);
      if (item.version !== expectedVersion)
        throw problem.stale('Someone changed this board action since you read it. Reload it and try again.');
      if (item.closedAt)
        throw problem.conflict(
          `This board action was closed on ${formatDate(item.closedAt)}; it stays closed.`,
        );
      if (item.withdrawnAt)
        throw problem.conflict(
          `This board action was withdrawn on ${formatDate(item.withdrawnAt)} as recorded in error; there is nothing to close.`,
        );
      const meeting = requireMeeting(body.meetingId);
      const setAt = requireMeeting(item.meetingId);
      if (meeting.planId !== setAt.planId) throw problem.notFound(`Meeting ${body.meetingId} of this plan`);
      refuseLocked(meeting, 'what it closed');
      if (meeting.papersCutoff < setAt.papersCutoff)
        throw problem.conflict(
          `This action was set at ${setAt.title}; close it at that meeting or a later one.`,
        );
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const after = repos.boardRecord.updateItem(id, item.version, {
          closedAt: now,
          closedBy: actor.id,
          closedAtMeetingId: meeting.id,
          closingNote: body.note?.trim() ?? '',
        });
        if (!after)
          throw problem.stale(
            'Someone changed this board action since you read it. Reload it and try again.',
          );
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'close',
          entityType: 'board_action',
          entityId: id,
          before: item,
          after,
        });
      });
      return reader.of(meeting, actor);
    },

    /**
     * Withdraws a decision or board action recorded in error: kept, marked with who, when and why, and left
     * out of the pack and matters arising. Only before its meeting is locked, so no locked record changes.
     */
    withdrawItem(
      actor: Actor,
      id: number,
      expectedVersion: number,
      body: WithdrawBoardItemBody,
    ): BoardRecord {
      const item = repos.boardRecord.findItem(id);
      if (!item) throw problem.notFound(`Decision or board action ${id}`);
      const what = item.kind === 'action' ? 'board action' : 'decision';
      const meeting = requireMeeting(item.meetingId);
      requireVisiblePlan(actor, meeting.planId, `Decision or board action ${id}`);
      if (item.version !== expectedVersion)
        throw problem.stale(`Someone changed this ${what} since you read it. Reload it and try again.`);
      if (item.withdrawnAt)
        throw problem.conflict(`This ${what} was already withdrawn on ${formatDate(item.withdrawnAt)}.`);
      if (meeting.status === 'locked')
        throw problem.conflict(
          `This ${what} was recorded at ${meeting.title}, which is locked: its record cannot change.` +
            (item.kind === 'action'
              ? ' Close the board action at a later meeting, saying why.'
              : ' Record a further decision at a later meeting.'),
        );
      if (item.closedAt)
        throw problem.conflict(
          `This board action was closed on ${formatDate(item.closedAt)}; a closed action cannot be withdrawn.`,
        );
      const reason = body.reason.trim();
      if (!reason) throw problem.invalid('body.reason', `Say why the ${what} is withdrawn.`);
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const after = repos.boardRecord.updateItem(id, item.version, {
          withdrawnAt: now,
          withdrawnBy: actor.id,
          withdrawalReason: reason,
        });
        if (!after)
          throw problem.stale(`Someone changed this ${what} since you read it. Reload it and try again.`);
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'withdraw',
          entityType: item.kind === 'action' ? 'board_action' : 'board_decision',
          entityId: id,
          before: item,
          after,
        });
      });
      return reader.of(meeting, actor);
    },
  };
}
export type BoardRecordService = ReturnType<typeof createBoardRecordService>;
