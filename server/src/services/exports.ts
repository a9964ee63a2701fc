/**
 * Progress summaries for the Department: one data structure (the on-screen preview is this as JSON) that
 * every file format is written from, so the four formats cannot disagree. As of a locked meeting it is
 * built from the meeting's snapshot alone; live, from the RAG engine now.
 */
import type { ExportQuery, Meeting, PackRecord, ProgressSummary, SummaryAction } from '@ipt/shared/schemas';
import { changesSincePrevious, countMovements, countRags, coverageOf } from '../domain/meetings.js';
import { problem } from '../lib/problems.js';
import type { Actor } from '../lib/types.js';
import { inPartOf } from '../domain/meeting-record.js';
import type { ServiceDeps } from './deps.js';
import { labelOfRecord, ratedAction, type MeetingService } from './meetings.js';
import { createBoardRecordReader } from './board-record.js';
import { createScorecardReader } from './scorecard.js';

/** Who wrote a commentary: the lead it was recorded for first, and who typed it on their behalf. */
export function commentaryAuthor(c: { author: { name: string }; onBehalfOf: string | null }): string {
  return c.onBehalfOf && c.onBehalfOf !== c.author.name
    ? `${c.onBehalfOf}, recorded by ${c.author.name}`
    : c.author.name;
}

export function createExportService({ repos, clock, config }: ServiceDeps, meetings: MeetingService) {
  const scorecards = createScorecardReader({ repos, clock });
  const boardRecords = createBoardRecordReader({ repos, clock });
  /** The board's record for the pack: a meeting's (frozen if locked), or live risks and open board actions. */
  function packRecord(planId: number, meeting: Meeting | null, themeId: number | null): PackRecord {
    if (!meeting) {
      return {
        summary: { themeId: null, themeTitle: null, text: '', version: 0, updatedBy: null, updatedAt: null },
        themes: [],
        risks: boardRecords.liveRisks(planId),
        decisions: [],
        boardActions: [],
        mattersArising: boardRecords.openBoardActions(planId),
      };
    }
    const r = boardRecords.of(meeting, null);
    return {
      summary: r.summary,
      // A theme filter keeps that theme's narrative only.
      themes: themeId === null ? r.themes : r.themes.filter((t) => t.themeId === themeId),
      risks: r.risks,
      decisions: r.decisions,
      boardActions: r.boardActions,
      mattersArising: r.mattersArising,
    };
  }

  return {
    summary(actor: Actor, planId: number, query: Omit<ExportQuery, 'format'>): ProgressSummary {
      const plan = repos.plans.findRow(planId);
      if (!plan) throw problem.notFound(`Plan ${planId}`);
      const report = meetings.report(planId, query.meeting);

      const themes = repos.themes.listForPlan(planId);
      const theme = query.theme !== undefined ? themes.find((t) => t.id === query.theme) : undefined;
      if (query.theme !== undefined && !theme) throw problem.notFound(`Theme ${query.theme} of this plan`);
      const lead = query.lead !== undefined ? repos.leads.find(query.lead) : undefined;
      if (query.lead !== undefined && !lead) throw problem.notFound(`Lead ${query.lead}`);
      // Recommendations and evidence as the meeting's record has them (frozen once it is locked).
      const recs = report.record.recommendations;
      const rec =
        query.recommendation !== undefined ? recs.find((r) => r.id === query.recommendation) : undefined;
      if (query.recommendation !== undefined && !rec)
        throw problem.notFound(`Recommendation ${query.recommendation} of this plan`);

      const rows = report.rows.filter(
        (r) =>
          (!theme || r.themeId === theme.id) &&
          (!lead || r.leads.some((l) => l.id === lead.id)) &&
          (!rec || r.recommendationIds.includes(rec.id)),
      );
      const labelOf = new Map(recs.map((r) => [r.id, labelOfRecord(r)]));
      const toSummary = (r: (typeof rows)[number]): SummaryAction => {
        const agreed = report.agreed.get(r.actionId);
        return {
          actionId: r.actionId,
          ref: r.ref,
          objective: r.objective,
          themeTitle: r.themeTitle,
          areaTitle: r.areaTitle,
          leads: r.leads.map((l) => l.name),
          recommendations: r.recommendationIds.flatMap((id) => labelOf.get(id) ?? []),
          status: r.status,
          rag: r.rag,
          agreedRag: agreed?.rag ?? null,
          agreedReason: agreed?.reason ?? null,
          previousRag: r.previousRag,
          movement: r.movement,
          originalDueDate: r.originalDueDate,
          dueDate: r.dueDate,
          daysOverdue: r.flags.daysOverdue,
          latestCommentary: r.latestCommentary?.text ?? null,
          latestCommentaryAt: r.latestCommentary?.at ?? null,
          latestCommentaryBy: r.latestCommentary ? commentaryAuthor(r.latestCommentary) : null,
          timeframeText: r.timeframeText,
          startDate: r.startDate ?? null,
          flags: { noUpdate: r.flags.noUpdate, stale: r.flags.stale, dueSoon: r.flags.dueSoon },
          evidenceAwaitingReview: r.evidence.submitted,
          impactEvidence: r.evidence.acceptedImpact,
        };
      };
      const actions = rows.map(toSummary);
      const byId = new Map(actions.map((a) => [a.actionId, a]));

      const inScope = new Set(rows.map((r) => r.actionId));
      const counts = countRags(actions);
      const previousCounts = report.prior
        ? countRags([...report.prior].filter(([id]) => inScope.has(id)).map(([, p]) => p))
        : null;
      const movementCounts = countMovements(actions);

      const rated = rows.map((r) => ratedAction(r, inPartOf(report.record)));
      const scopedRecs = recs.filter((r) => (rec ? r.id === rec.id : true));
      const recommendations = scopedRecs
        .map((r) => {
          const c = coverageOf(r.id, rated);
          return {
            id: r.id,
            label: labelOfRecord(r),
            text: r.text,
            sourceTitle: r.sourceTitle,
            noLiveAction: c.noLiveAction,
            inPartOnly: c.inPartOnly,
            allBlueNoImpactEvidence: c.allBlueNoImpactEvidence,
            worstRag: c.worstRag,
            actions: c.answering
              .map((x) => byId.get(x.actionId))
              .filter((x): x is SummaryAction => x !== undefined),
          };
        })
        // With a theme or lead filter, a recommendation none of the chosen actions answers is not in scope.
        .filter((r) => (!theme && !lead) || r.actions.length > 0);

      const overdue = actions
        .filter((a) => a.daysOverdue !== null)
        .sort((a, b) => (b.daysOverdue ?? 0) - (a.daysOverdue ?? 0));
      const since = changesSincePrevious(rated, (id) => report.prior?.get(id)?.overdue ?? false);
      const summaryOf = (list: { actionId: number }[]) =>
        list.flatMap((x) => (byId.has(x.actionId) ? [byId.get(x.actionId) as SummaryAction] : []));
      const changes = {
        newlyBlue: summaryOf(since.newlyComplete),
        worsened: summaryOf(since.worsened),
        improved: summaryOf(since.improved),
        newlyOverdue: summaryOf(since.newlyOverdue),
      };

      const asOf = report.asOf;
      const allChanges = repos.progress
        .dueDateChangesOfPlan(planId, asOf)
        .filter((c) => inScope.has(c.actionId));
      const timeframeChanges = rows
        .filter((r) => allChanges.some((c) => c.actionId === r.actionId))
        .map((r) => ({
          ref: r.ref,
          objective: r.objective,
          originalDueDate: r.originalDueDate,
          dueDate: r.dueDate,
          revisions: r.flags.revisions,
          changes: allChanges
            .filter((c) => c.actionId === r.actionId)
            .map((c) => {
              const decided = c.decidedAt !== null && c.decidedAt <= asOf;
              return {
                fromDate: c.fromDate,
                toDate: c.toDate,
                reason: c.reason,
                decision: decided ? c.decision : ('pending' as const),
                requestedAt: c.requestedAt,
                decidedAt: decided ? c.decidedAt : null,
                decisionComment: decided ? c.decisionComment : null,
              };
            }),
        }));

      // Accepted by the cut-off, as the record has them (an item withdrawn before the lock is not there).
      const accepted = report.record.evidence.filter((e) => inScope.has(e.actionId));
      const evidence = rows
        .filter((r) => accepted.some((e) => e.actionId === r.actionId))
        .map((r) => ({
          ref: r.ref,
          objective: r.objective,
          items: accepted
            .filter((e) => e.actionId === r.actionId)
            .map((e) => ({
              title: e.title,
              kind: e.kind,
              purpose: e.purpose,
              effectiveDate: e.effectiveDate,
              acceptedAt: e.acceptedAt,
            })),
        }));

      // The RAG at every meeting up to this one (or, live, up to now): meetings after it are left out, so a
      // locked meeting's history never grows. Refs and wording are this summary's.
      const history = meetings.history(planId);
      const upTo = report.meeting?.papersCutoff ?? asOf;
      const shown = history.meetings
        .map((m, i) => ({ m, i }))
        .filter(({ m }) => m.papersCutoff <= upTo || m.id === report.meeting?.id);
      const historyOf = new Map(history.actions.map((a) => [a.actionId, a]));
      const ragHistory = {
        meetings: shown.map(({ m }) => ({
          id: m.id,
          title: m.title,
          meetingDate: m.meetingDate,
          locked: m.status === 'locked',
        })),
        actions: actions.map((a) => ({
          ref: a.ref,
          objective: a.objective,
          cells: shown.map(({ m, i }) => {
            const h = historyOf.get(a.actionId);
            return {
              rag: h?.rags[i] ?? null,
              agreedRag: h?.agreed.find((x) => x.meetingId === m.id)?.rag ?? null,
            };
          }),
        })),
      };

      const total = actions.length;
      return {
        councilName: config.councilName,
        plan: { id: plan.id, title: plan.title, phase: plan.phase },
        meeting: report.meeting,
        previousMeeting: report.previous,
        asOf,
        frozen: report.frozen,
        provisional: report.meeting !== null && !report.frozen,
        producedAt: clock().toISOString(),
        producedBy: { name: actor.name, jobTitle: actor.jobTitle },
        performance: scorecards.forSummary(
          planId,
          report.meeting,
          theme || lead || rec ? rows.map((r) => r.actionId) : null,
        ),
        filters: {
          theme: theme?.title ?? null,
          lead: lead?.name ?? null,
          recommendation: rec ? labelOfRecord(rec) : null,
        },
        headline: {
          total,
          counts,
          previousCounts,
          percentComplete: total === 0 ? 0 : Math.round((counts.blue / total) * 100),
          movementCounts,
        },
        ragHistory,
        recommendations,
        overdue,
        changes,
        timeframeChanges,
        evidence,
        actions,
        boardRecord: packRecord(planId, report.meeting, theme?.id ?? null),
      };
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;
