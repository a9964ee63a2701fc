import { describe, expect, it } from 'vitest';
import type { RagFlags } from '@ipt/shared/schemas';
import { flagWords } from '@ipt/shared';

const none: RagFlags = {
  overdue: false,
  daysOverdue: null,
  noUpdate: false,
  stale: false,
  dueSoon: false,
  daysUntilDue: null,
  awaitingSignOff: false,
  lateStart: false,
  noDueDate: false,
  timeframeRevised: false,
  revisions: 0,
  slipDays: 0,
};

const words = (flags: Partial<RagFlags>, status?: 'complete' | 'on_track') =>
  flagWords({ ...none, ...flags }, status).map((w) => w.text);

describe('flags in words', () => {
  it('says nothing when nothing is flagged', () => {
    expect(words({})).toEqual([]);
  });

  it('says how overdue, and how soon due', () => {
    expect(words({ overdue: true, daysOverdue: 23 })).toEqual(['Overdue by 23 days']);
    expect(words({ overdue: true, daysOverdue: 1 })).toEqual(['Overdue by 1 day']);
    expect(words({ dueSoon: true, daysUntilDue: 5 })).toEqual(['Due in 5 days']);
    expect(words({ dueSoon: true, daysUntilDue: 0 })).toEqual(['Due today']);
  });

  it('names missing updates, sign-off and revised timeframes', () => {
    expect(words({ noUpdate: true, stale: true })).toEqual(['No update']);
    expect(words({ stale: true })).toEqual(['Not updated since the last meeting']);
    expect(words({ awaitingSignOff: true })).toEqual(['Awaiting sign-off']);
    expect(words({ timeframeRevised: true, revisions: 1, slipDays: 92 })).toEqual([
      'Timeframe revised 1 time',
    ]);
    expect(words({ timeframeRevised: true, revisions: 3 })).toEqual(['Timeframe revised 3 times']);
  });

  it('leaves out "no due date" once the action is complete', () => {
    expect(words({ noDueDate: true }, 'on_track')).toEqual(['No due date']);
    expect(words({ noDueDate: true }, 'complete')).toEqual([]);
  });

  it('marks what needs the board’s attention', () => {
    const flags = flagWords({ ...none, overdue: true, daysOverdue: 3, awaitingSignOff: true });
    expect(flags.map((f) => [f.key, f.warning])).toEqual([
      ['overdue', true],
      ['awaitingSignOff', false],
    ]);
  });
});
