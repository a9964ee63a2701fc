import { describe, expect, it } from 'vitest';
import { canSeePlan } from '../../../server/src/domain/access.js';
import { planTransitionProblem } from '../../../server/src/domain/plan-status.js';

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
