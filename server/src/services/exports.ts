/**
 * Progress summaries for the Department: one data structure (the on-screen preview is this as JSON) that
 * every file format is written from, so the four formats cannot disagree. As of a locked meeting it is
 * built from the meeting's snapshot alone; live, from the RAG engine now.
 */
import { emptyRagCounts } from '@ipt/shared';
import type { ExportQuery, ProgressSummary, SummaryAction } from '@ipt/shared/schemas';
import { worstRag } from '../domain/movement.js';
import { problem } from '../lib/problems.js';
import type { Actor } from '../lib/types.js';
import { recommendationLabel } from '../repositories/recommendations.js';
import type { ServiceDeps } from './deps.js';
import type { MeetingService } from './meetings.js';
import { createScorecardReader } from './scorecard.js';

export function createExportService({ repos, clock, config }: ServiceDeps, meetings: MeetingService) {
  const scorecards = createScorecardReader({ repos, clock });
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
      const recs = repos.recommendations.list({ planId, pageSize: 100_000 }).rows;
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
      const previousById = new Map((report.previousRows ?? []).map((r) => [r.actionId, r]));
      const labelOf = new Map(
        recs.map((r) => [r.id, recommendationLabel(r.citation, r.sourceKind, r.number)]),
      );
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
          latestCommentaryBy: r.latestCommentary ? r.latestCommentary.author.name : null,
        };
      };
      const actions = rows.map(toSummary);
      const byId = new Map(actions.map((a) => [a.actionId, a]));

      const counts = emptyRagCounts();
      for (const a of actions) counts[a.rag]++;
      const previousCounts = report.previousRows ? emptyRagCounts() : null;
      if (previousCounts) {
        for (const p of report.previousRows ?? [])
          if (rows.some((r) => r.actionId === p.actionId)) previousCounts[p.rag]++;
      }
      const movementCounts = { improved: 0, worsened: 0, unchanged: 0, new: 0 };
      for (const a of actions) movementCounts[a.movement]++;

      const scopedRecs = recs.filter((r) => (rec ? r.id === rec.id : true));
      const recommendations = scopedRecs
        .map((r) => {
          const answering = rows.filter((x) => x.recommendationIds.includes(r.id));
          const rags = answering.map((x) => x.rag);
          return {
            id: r.id,
            label: recommendationLabel(r.citation, r.sourceKind, r.number),
            text: r.text,
            sourceTitle: r.sourceTitle,
            noLiveAction: answering.length === 0,
            allBlueNoImpactEvidence:
              answering.length > 0 &&
              rags.every((x) => x === 'blue') &&
              answering.every((x) => x.evidence.acceptedImpact === 0),
            worstRag: worstRag(rags),
            actions: answering
              .map((x) => byId.get(x.actionId))
              .filter((x): x is SummaryAction => x !== undefined),
          };
        })
        // With a theme or lead filter, a recommendation none of the chosen actions answers is not in scope.
        .filter((r) => (!theme && !lead) || r.actions.length > 0);

      const overdue = actions
        .filter((a) => a.daysOverdue !== null)
        .sort((a, b) => (b.daysOverdue ?? 0) - (a.daysOverdue ?? 0));
      const wasOverdue = (id: number) => previousById.get(id)?.flags.overdue ?? false;
      const changes = {
        newlyBlue: actions.filter((a) => a.rag === 'blue' && a.previousRag !== 'blue'),
        worsened: actions.filter((a) => a.movement === 'worsened'),
        improved: actions.filter((a) => a.movement === 'improved'),
        newlyOverdue: actions.filter((a) => a.daysOverdue !== null && !wasOverdue(a.actionId)),
      };

      const asOf = report.asOf;
      const inScope = new Set(rows.map((r) => r.actionId));
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

      // Accepted by the cut-off; an item withdrawn since is left out (withdrawal is how a wrong upload leaves reports).
      const accepted = repos.evidence
        .acceptedForPlan(planId)
        .filter((e) => inScope.has(e.actionId) && e.reviewedAt !== null && e.reviewedAt <= asOf);
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
              acceptedAt: e.reviewedAt,
            })),
        }));

      const total = actions.length;
      return {
        councilName: config.councilName,
        plan: { id: plan.id, title: plan.title, phase: plan.phase },
        meeting: report.meeting,
        previousMeeting: report.previous,
        asOf,
        frozen: report.frozen,
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
          recommendation: rec ? recommendationLabel(rec.citation, rec.sourceKind, rec.number) : null,
        },
        headline: {
          total,
          counts,
          previousCounts,
          percentComplete: total === 0 ? 0 : Math.round((counts.blue / total) * 100),
          movementCounts,
        },
        recommendations,
        overdue,
        changes,
        timeframeChanges,
        evidence,
        actions,
      };
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;
