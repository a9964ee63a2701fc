/** The two everyday views: a lead's own actions, and the chair's overview of what needs the board. */
import { emptyRagCounts } from '@ipt/shared';
import type { ActionSummary, ChairOverview, MyActions, OverviewQuery } from '@ipt/shared/schemas';
import { actionUpdateScope } from '../domain/access.js';
import { movementOf } from '../domain/movement.js';
import { jsonObjectText, type JsonText } from '../lib/json-text.js';
import { problem } from '../lib/problems.js';
import type { Actor } from '../lib/types.js';
import type { ActionService } from './actions.js';
import type { AssessmentService } from './assessment.js';
import type { ServiceDeps } from './deps.js';
import type { MeetingService } from './meetings.js';

const byDaysOverdue = (a: ActionSummary, b: ActionSummary) =>
  (b.assessment.flags.daysOverdue ?? 0) - (a.assessment.flags.daysOverdue ?? 0) || a.id - b.id;

export function createOverviewService(
  { repos }: ServiceDeps,
  assessment: AssessmentService,
  actions: ActionService,
  meetings: MeetingService,
) {
  return {
    /**
     * The lead's actions across live plans: those that still need an update before the next papers
     * deadline first (worst RAG first among them), then the rest by due date — ordered and written as JSON
     * by SQLite in one query; each plan's next meeting read once.
     */
    mine(actor: Actor): JsonText<MyActions> {
      if (actor.leadId === null)
        return jsonObjectText<MyActions>({ nextMeeting: 'null', items: '[]', plans: '[]' });
      const live = assessment.live();
      // Live plans only, so none is closed.
      const rows = repos.actions.myActions(actor.leadId, live, {
        planOpen: true,
        ...actionUpdateScope(actor),
      });
      // One group per plan, each with its own next meeting (one query for all), in SQL's order: the plan
      // whose papers close first first. Its actions in the items' order (one pass over the rows).
      let items = '';
      const idsOf = new Map<number, number[]>();
      for (const r of rows) {
        items += items ? `,${r.j}` : r.j;
        const ids = idsOf.get(r.planId);
        if (ids) ids.push(r.id);
        else idsOf.set(r.planId, [r.id]);
      }
      const groups = repos.actions.plansWithNextMeeting([...idsOf.keys()], live.now);
      const plans = groups.map(
        (g) =>
          `{"plan":${g.plan},"nextMeeting":${g.nextMeeting},"actionIds":[${idsOf.get(g.id)?.join(',') ?? ''}]}`,
      );
      return jsonObjectText<MyActions>({
        nextMeeting: groups.find((g) => g.nextMeeting !== 'null')?.nextMeeting ?? 'null',
        items: `[${items}]`,
        plans: `[${plans.join(',')}]`,
      });
    },

    chair(actor: Actor, planId: number, query: OverviewQuery): ChairOverview {
      if (!repos.plans.findRow(planId)) throw problem.notFound(`Plan ${planId}`);
      const live = assessment.live();
      const { rows } = repos.actions.rated(
        { planId, theme: query.theme, lead: query.lead, recommendation: query.recommendation },
        live,
      );
      const all = actions.summaries(rows, actor);
      const counts = emptyRagCounts();
      for (const a of all) counts[a.assessment.rag]++;

      const overdue = all.filter((a) => a.assessment.flags.overdue);
      if (query.sort !== 'plan') overdue.sort(byDaysOverdue);

      const previous = meetings.ragsAtLatestPast(planId);
      const worsened = previous
        ? all.flatMap((a) => {
            const before = previous.rags.get(a.id);
            return before && movementOf(before, a.assessment.rag) === 'worsened'
              ? [{ action: a, previousRag: before }]
              : [];
          })
        : [];
      if (query.sort === 'days_overdue') worsened.sort((x, y) => byDaysOverdue(x.action, y.action));

      const byId = new Map(all.map((a) => [a.id, a]));
      const pendingTimeframeRequests = repos.progress.pendingDueDateChangesOfPlan(planId).flatMap((c) => {
        const action = byId.get(c.actionId);
        const change = action
          ? repos.actions.dueDateChanges(c.actionId).find((x) => x.id === c.id)
          : undefined;
        return action && change ? [{ change, action }] : [];
      });

      const noUpdate = all.filter((a) => a.assessment.flags.noUpdate || a.assessment.flags.stale);
      const awaitingSignOff = all.filter((a) => a.assessment.flags.awaitingSignOff);
      // Red, and in none of the lists above: the chair sees every Red action somewhere.
      const listed = new Set(
        [...overdue, ...worsened.map((w) => w.action), ...noUpdate, ...awaitingSignOff].map((a) => a.id),
      );
      const otherRed = all.filter((a) => a.assessment.rag === 'red' && !listed.has(a.id));

      return {
        asOf: live.now,
        previousMeeting: previous?.meeting ?? null,
        nextMeeting: repos.meetings.next(planId, live.now) ?? null,
        counts,
        overdue,
        worsened,
        noUpdate,
        awaitingSignOff,
        otherRed,
        pendingTimeframeRequests,
        evidenceAwaitingReview: all.reduce((n, a) => n + a.evidenceCounts.submitted, 0),
      };
    },
  };
}
export type OverviewService = ReturnType<typeof createOverviewService>;
