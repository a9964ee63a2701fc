import { describe, expect, it } from 'vitest';
import { actionUpdateScope, canUpdateAction } from '../../../server/src/domain/access.js';

describe('who may update an action', () => {
  it('chair and administrator every action; a lead those they lead; adviser and viewer none', () => {
    expect(actionUpdateScope({ role: 'admin', leadId: null })).toEqual({ all: true, leadId: null });
    expect(actionUpdateScope({ role: 'chair', leadId: 4 })).toEqual({ all: true, leadId: null });
    expect(actionUpdateScope({ role: 'lead', leadId: 4 })).toEqual({ all: false, leadId: 4 });
    expect(actionUpdateScope({ role: 'adviser', leadId: null })).toEqual({ all: false, leadId: null });
    expect(actionUpdateScope({ role: 'viewer', leadId: 4 })).toEqual({ all: false, leadId: null });
  });

  it('canUpdateAction reads the same rule for one action’s leads', () => {
    expect(canUpdateAction({ role: 'chair', leadId: null }, [])).toBe(true);
    expect(canUpdateAction({ role: 'lead', leadId: 4 }, [3, 4])).toBe(true);
    expect(canUpdateAction({ role: 'lead', leadId: 4 }, [3])).toBe(false);
    expect(canUpdateAction({ role: 'lead', leadId: null }, [3])).toBe(false);
    expect(canUpdateAction({ role: 'viewer', leadId: 3 }, [3])).toBe(false);
  });
});
