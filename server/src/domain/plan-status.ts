/**
 * A plan's life: a draft the programme office sets up, live (`active`) while the board runs it, then closed
 * and kept readable for good. Pure: given the move and the facts, is it allowed, and if not, why not?
 */
import { PLAN_STATUS_LABELS, type PlanStatus } from '@ipt/shared';

/** The moves a plan's status may make. Closing is for good; a live plan never goes back to draft. */
export const PLAN_TRANSITIONS: Readonly<Record<PlanStatus, readonly PlanStatus[]>> = {
  draft: ['active', 'closed'],
  active: ['closed'],
  closed: [],
};

/** Why the plan cannot move from `from` to `to`, or null when it can. */
export function planTransitionProblem(
  from: PlanStatus,
  to: PlanStatus,
  facts: { liveActions: number },
): string | null {
  if (from === to) return null;
  if (!PLAN_TRANSITIONS[from].includes(to)) {
    if (from === 'closed') return 'This plan is closed: it stays as it was, for the record.';
    return `A ${PLAN_STATUS_LABELS[from].toLowerCase()} plan cannot become ${PLAN_STATUS_LABELS[to].toLowerCase()}: plans go from draft to live to closed.`;
  }
  if (to === 'active' && facts.liveActions === 0) {
    return 'Add at least one action before making the plan live: leads would have nothing to update.';
  }
  return null;
}

/** Why nothing more can be recorded on an action of this plan (updates, dates, evidence), or null. */
export function closedPlanProblem(plan: { status: PlanStatus; title: string } | undefined): string | null {
  if (plan?.status !== 'closed') return null;
  return `This plan is closed (${plan.title}): its record stays as it was, and nothing more can be recorded on its actions.`;
}
