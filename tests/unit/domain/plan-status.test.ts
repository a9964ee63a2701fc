import { describe, expect, it } from 'vitest';
import { canSeePlan } from '../../../server/src/domain/access.js';
import { closedPlanProblem, planTransitionProblem } from '../../../server/src/domain/plan-status.js';

describe('plan status moves', () => {
  it('goes draft → live → closed, and a draft may be closed unused', () => {
    expect(planTransitionProblem('draft', 'active', { liveActions: 1 })).toBeNull();
    expect(planTransitionProblem('active', 'closed', { liveActions: 1 })).toBeNull();
    expect(planTransitionProblem('draft', 'closed', { liveActions: 0 })).toBeNull();
    expect(planTransitionProblem('active', 'active', { liveActions: 0 })).toBeNull();
  });

  it('needs an action to go live', () => {
    expect(planTransitionProblem('draft', 'active', { liveActions: 0 })).toMatch(/at least one action/);
  });

  it('never goes back, and a closed plan stays closed', () => {
    expect(planTransitionProblem('active', 'draft', { liveActions: 3 })).toMatch(/cannot become draft/);
    expect(planTransitionProblem('closed', 'active', { liveActions: 3 })).toMatch(/closed/);
    expect(planTransitionProblem('closed', 'draft', { liveActions: 3 })).toMatch(/closed/);
  });
});

describe('who sees a plan', () => {
  it('shows a draft to administrators only; live and closed plans to everyone', () => {
    for (const role of ['chair', 'lead', 'adviser', 'viewer'] as const) {
      expect(canSeePlan({ role, leadId: null }, { status: 'draft' })).toBe(false);
      expect(canSeePlan({ role, leadId: null }, { status: 'active' })).toBe(true);
      expect(canSeePlan({ role, leadId: null }, { status: 'closed' })).toBe(true);
    }
    expect(canSeePlan({ role: 'admin', leadId: null }, { status: 'draft' })).toBe(true);
  });
});

describe('recording on the actions of a closed plan', () => {
  it('is refused, naming the plan, only when the plan is closed', () => {
    expect(closedPlanProblem({ status: 'closed', title: 'Phase 1' })).toBe(
      'This plan is closed (Phase 1): its record stays as it was, and nothing more can be recorded on its actions.',
    );
    expect(closedPlanProblem({ status: 'active', title: 'Phase 2' })).toBeNull();
    expect(closedPlanProblem({ status: 'draft', title: 'Phase 3' })).toBeNull();
    expect(closedPlanProblem(undefined)).toBeNull();
  });
});
