import type { ActionStatus, ReportedRag } from '@ipt/shared';
import type { RagAssessment } from '@ipt/shared/schemas';
import { describe, expect, it } from 'vitest';
import {
  assessRag,
  factsAsOf,
  type ActionFacts,
  type ActionHistory,
  type RagContext,
  type RagRules,
  type UpdateFact,
} from '../../../server/src/domain/rag.js';

const RULES: RagRules = { dueSoonDays: 28, staleDays: 42 };
/** 13:00 on Saturday 15 June 2019 in London (BST). */
const T = '2019-06-15T12:00:00Z';

function update(createdAt: string, status: ActionStatus, reportedRag: ReportedRag | null = null): UpdateFact {
  return { createdAt, status, reportedRag };
}

/** An action due at the end of the year, started in January, with a fresh on-track update by default. */
function facts(overrides: Partial<ActionFacts> = {}): ActionFacts {
  return {
    startDate: '2019-01-01',
    originalDueDate: '2019-12-31',
    dueDate: '2019-12-31',
    revisions: 0,
    signedOffAt: null,
    latestUpdate: update('2019-06-10T09:00:00Z', 'on_track'),
    ...overrides,
  };
}

function context(overrides: Partial<RagContext> = {}): RagContext {
  return { asOf: T, previousCutoff: null, rules: RULES, ...overrides };
}

const assess = (f: Partial<ActionFacts>, c: Partial<RagContext> = {}): RagAssessment =>
  assessRag(facts(f), context(c));

const NO_FLAGS: RagAssessment['flags'] = {
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

describe('assessRag: 1. signed off → Blue', () => {
  it('is Blue when the board signed it off before T, with no other flags', () => {
    expect(assess({ signedOffAt: '2019-06-01T10:00:00Z' })).toEqual({ rag: 'blue', flags: NO_FLAGS });
  });

  it('counts a sign-off exactly at T, given in another format', () => {
    expect(assess({ signedOffAt: '2019-06-15T13:00:00+01:00' }).rag).toBe('blue');
  });

  it('does not count a sign-off after T', () => {
    const result = assess({
      signedOffAt: '2019-06-15T12:00:00.001Z',
      latestUpdate: update('2019-06-10T09:00:00Z', 'complete'),
    });
    expect(result.rag).toBe('green');
    expect(result.flags.awaitingSignOff).toBe(true);
  });

  it('beats overdue, off-track and missing updates, but keeps the timeframe flags', () => {
    const signedOffAt = '2019-05-01T10:00:00Z';
    const overdueOffTrack = {
      signedOffAt,
      originalDueDate: '2019-03-31',
      dueDate: '2019-04-30',
      revisions: 2,
      latestUpdate: update('2019-04-01T09:00:00Z', 'off_track', 'red'),
    };
    expect(assess(overdueOffTrack)).toEqual({
      rag: 'blue',
      flags: { ...NO_FLAGS, timeframeRevised: true, revisions: 2, slipDays: 30 },
    });
    expect(assess({ signedOffAt, latestUpdate: null, dueDate: null, originalDueDate: null })).toEqual({
      rag: 'blue',
      flags: NO_FLAGS,
    });
  });

  it('gives no due-soon or stale flags to a Blue action', () => {
    const result = assess(
      {
        signedOffAt: '2019-06-01T10:00:00Z',
        originalDueDate: '2019-06-20',
        dueDate: '2019-06-20',
        latestUpdate: null,
      },
      { previousCutoff: '2019-06-05T17:00:00Z' },
    );
    expect(result).toEqual({ rag: 'blue', flags: NO_FLAGS });
  });
});

describe('assessRag: 2. past its due date → Red, overdue', () => {
  it('is overdue by 1 day when due yesterday', () => {
    expect(assess({ dueDate: '2019-06-14' })).toEqual({
      rag: 'red',
      flags: { ...NO_FLAGS, overdue: true, daysOverdue: 1, slipDays: -200 },
    });
  });

  it('is not overdue when due today: due soon, 0 days to go, RAG from the update', () => {
    expect(assess({ dueDate: '2019-06-15', originalDueDate: '2019-06-15' })).toEqual({
      rag: 'green',
      flags: { ...NO_FLAGS, dueSoon: true, daysUntilDue: 0 },
    });
  });

  it('counts the days overdue', () => {
    const result = assess({ dueDate: '2019-01-31' });
    expect(result.flags.overdue).toBe(true);
    expect(result.flags.daysOverdue).toBe(135);
  });

  it('wins over an on-track update and a Green reported by the lead', () => {
    const result = assess({ dueDate: '2019-06-01', latestUpdate: update(T, 'on_track', 'green') });
    expect(result.rag).toBe('red');
    expect(result.flags.daysOverdue).toBe(14);
  });

  it('makes a complete action that is not signed off Red, awaiting sign-off', () => {
    const result = assess({
      dueDate: '2019-06-01',
      latestUpdate: update('2019-05-20T09:00:00Z', 'complete'),
    });
    expect(result).toEqual({
      rag: 'red',
      flags: { ...NO_FLAGS, overdue: true, daysOverdue: 14, awaitingSignOff: true, slipDays: -213 },
    });
  });

  it('is Red, with no update and stale, when nothing was ever reported', () => {
    expect(assess({ dueDate: '2019-06-01', originalDueDate: '2019-06-01', latestUpdate: null })).toEqual({
      rag: 'red',
      flags: { ...NO_FLAGS, overdue: true, daysOverdue: 14, noUpdate: true, stale: true },
    });
  });

  it('flags a late start on an overdue action reported not started', () => {
    const overdueNotStarted = {
      dueDate: '2019-06-01',
      latestUpdate: update('2019-05-20T09:00:00Z', 'not_started'),
    };
    const result = assess(overdueNotStarted);
    expect(result.rag).toBe('red');
    expect(result.flags.lateStart).toBe(true);
    const noStartDate = assess({ ...overdueNotStarted, startDate: null });
    expect(noStartDate.rag).toBe('red');
    expect(noStartDate.flags.lateStart).toBe(false);
  });

  it('is never overdue without a due date (ongoing)', () => {
    const result = assess({ dueDate: null, originalDueDate: null });
    expect(result).toEqual({ rag: 'green', flags: { ...NO_FLAGS, noDueDate: true } });
  });

  describe('calendar boundaries, read in London', () => {
    it('is not overdue at the last moment of the due date, at the end of February', () => {
      const result = assess({ dueDate: '2019-02-28' }, { asOf: '2019-02-28T23:59:59.999Z' });
      expect(result.flags.overdue).toBe(false);
      expect(result.flags.daysUntilDue).toBe(0);
    });

    it('is overdue by 1 from the first moment of 1 March (GMT)', () => {
      const result = assess({ dueDate: '2019-02-28' }, { asOf: '2019-03-01T00:00:00Z' });
      expect(result.rag).toBe('red');
      expect(result.flags.daysOverdue).toBe(1);
    });

    it('counts 29 February in a leap year', () => {
      expect(assess({ dueDate: '2020-02-28' }, { asOf: '2020-03-01T10:00:00Z' }).flags.daysOverdue).toBe(2);
      expect(assess({ dueDate: '2020-02-29' }, { asOf: '2020-02-29T10:00:00Z' }).flags.overdue).toBe(false);
    });

    it('is overdue at 00:30 BST on 1 April, still 31 March in UTC', () => {
      const result = assess({ dueDate: '2019-03-31' }, { asOf: '2019-03-31T23:30:00Z' });
      expect(result.rag).toBe('red');
      expect(result.flags.daysOverdue).toBe(1);
    });

    it('is due today at 23:59 BST on 31 March', () => {
      const result = assess({ dueDate: '2019-03-31' }, { asOf: '2019-03-31T22:59:59Z' });
      expect(result.flags.overdue).toBe(false);
      expect(result.flags.daysUntilDue).toBe(0);
    });

    it('is overdue at 00:30 BST on 27 October, still 26 October in UTC', () => {
      const result = assess({ dueDate: '2019-10-26' }, { asOf: '2019-10-26T23:30:00Z' });
      expect(result.flags.daysOverdue).toBe(1);
    });

    it('reads 00:30 UTC on 27 October (01:30 BST, before the clocks go back) as 27 October', () => {
      const asOf = new Date('2019-10-27T00:30:00Z');
      expect(assess({ dueDate: '2019-10-26' }, { asOf }).flags.daysOverdue).toBe(1);
      const dueThatDay = assess({ dueDate: '2019-10-27' }, { asOf });
      expect(dueThatDay.flags.overdue).toBe(false);
      expect(dueThatDay.flags.daysUntilDue).toBe(0);
    });

    it('is still 27 October at 23:30 GMT after the clocks went back', () => {
      const result = assess({ dueDate: '2019-10-27' }, { asOf: '2019-10-27T23:30:00Z' });
      expect(result.flags.overdue).toBe(false);
      expect(assess({ dueDate: '2019-10-27' }, { asOf: '2019-10-28T00:00:00Z' }).flags.daysOverdue).toBe(1);
    });
  });
});

describe('assessRag: 3. from the latest update', () => {
  it.each<[ActionStatus, RagAssessment['rag']]>([
    ['off_track', 'red'],
    ['at_risk', 'amber'],
    ['on_track', 'green'],
  ])('%s → %s', (status, rag) => {
    expect(assess({ latestUpdate: update('2019-06-10T09:00:00Z', status) })).toEqual({
      rag,
      flags: NO_FLAGS,
    });
  });

  it('complete, not yet signed off → Green, awaiting sign-off', () => {
    expect(assess({ latestUpdate: update('2019-06-10T09:00:00Z', 'complete') })).toEqual({
      rag: 'green',
      flags: { ...NO_FLAGS, awaitingSignOff: true },
    });
  });

  it('not started before its start date → Not started', () => {
    const latestUpdate = update('2019-06-10T09:00:00Z', 'not_started');
    expect(assess({ startDate: '2019-06-16', latestUpdate })).toEqual({
      rag: 'not_started',
      flags: NO_FLAGS,
    });
  });

  it('not started with no start date → Not started, not a late start', () => {
    const latestUpdate = update('2019-06-10T09:00:00Z', 'not_started');
    expect(assess({ startDate: null, latestUpdate })).toEqual({ rag: 'not_started', flags: NO_FLAGS });
  });

  it.each(['2019-06-15', '2019-02-01'])(
    'not started although it started on %s → Amber, late start',
    (startDate) => {
      const latestUpdate = update('2019-06-10T09:00:00Z', 'not_started');
      expect(assess({ startDate, latestUpdate })).toEqual({
        rag: 'amber',
        flags: { ...NO_FLAGS, lateStart: true },
      });
    },
  );

  it('reads the start date in London: it starts at 00:00 BST, 23:00 UTC the day before', () => {
    const latestUpdate = update('2019-03-20T09:00:00Z', 'not_started');
    const f = { startDate: '2019-04-01', latestUpdate };
    expect(assess(f, { asOf: '2019-03-31T22:59:00Z' }).rag).toBe('not_started');
    expect(assess(f, { asOf: '2019-03-31T23:00:00Z' }).rag).toBe('amber');
  });

  describe("the lead's reported RAG", () => {
    it.each<[ActionStatus, ReportedRag, RagAssessment['rag']]>([
      ['on_track', 'amber', 'amber'],
      ['on_track', 'red', 'red'],
      ['at_risk', 'red', 'red'],
      ['complete', 'amber', 'amber'],
    ])('counts when worse: %s reported %s → %s', (status, reported, rag) => {
      expect(assess({ latestUpdate: update('2019-06-10T09:00:00Z', status, reported) }).rag).toBe(rag);
    });

    it.each<[ActionStatus, ReportedRag, RagAssessment['rag']]>([
      ['off_track', 'green', 'red'],
      ['off_track', 'amber', 'red'],
      ['at_risk', 'green', 'amber'],
      ['on_track', 'green', 'green'],
    ])('does not count when better or the same: %s reported %s → %s', (status, reported, rag) => {
      expect(assess({ latestUpdate: update('2019-06-10T09:00:00Z', status, reported) }).rag).toBe(rag);
    });

    it('keeps the awaiting sign-off flag when a complete action is reported Amber', () => {
      const result = assess({ latestUpdate: update('2019-06-10T09:00:00Z', 'complete', 'amber') });
      expect(result.flags.awaitingSignOff).toBe(true);
    });

    it('outranks Not started by severity: Green reported on a not-yet-started action counts', () => {
      const latestUpdate = update('2019-06-10T09:00:00Z', 'not_started', 'green');
      expect(assess({ startDate: '2019-07-01', latestUpdate }).rag).toBe('green');
    });

    it('raises a late start from Amber to Red when reported Red', () => {
      const latestUpdate = update('2019-06-10T09:00:00Z', 'not_started', 'red');
      expect(assess({ latestUpdate })).toEqual({ rag: 'red', flags: { ...NO_FLAGS, lateStart: true } });
    });
  });

  it('counts an update made exactly at T, even written in another format', () => {
    const result = assess({ latestUpdate: update('2019-06-15T13:00:00+01:00', 'off_track') }, { asOf: T });
    expect(result.rag).toBe('red');
    expect(result.flags.noUpdate).toBe(false);
  });

  it('ignores an update made one millisecond after T', () => {
    const result = assess(
      { latestUpdate: update('2019-06-15T12:00:00.001Z', 'off_track') },
      { asOf: new Date(T) },
    );
    expect(result).toEqual({ rag: 'amber', flags: { ...NO_FLAGS, noUpdate: true, stale: true } });
  });
});

describe('assessRag: 4. no update by T', () => {
  it('is Not started when the start date is after today', () => {
    expect(assess({ startDate: '2019-06-16', latestUpdate: null })).toEqual({
      rag: 'not_started',
      flags: NO_FLAGS,
    });
  });

  it.each([['2019-06-15'], ['2019-01-01'], [null]])(
    'is Amber with no update when it started %s',
    (startDate) => {
      expect(assess({ startDate, latestUpdate: null })).toEqual({
        rag: 'amber',
        flags: { ...NO_FLAGS, noUpdate: true, stale: true },
      });
    },
  );
});

describe('assessRag: due soon', () => {
  it.each([
    ['2019-06-15', 0],
    ['2019-06-16', 1],
    ['2019-07-13', 28],
  ])('is due soon when due %s, %i days away', (dueDate, days) => {
    const result = assess({ dueDate });
    expect(result.flags.dueSoon).toBe(true);
    expect(result.flags.daysUntilDue).toBe(days);
  });

  it('is not due soon 29 days away, and gives no days until due then', () => {
    const result = assess({ dueDate: '2019-07-14' });
    expect(result.flags.dueSoon).toBe(false);
    expect(result.flags.daysUntilDue).toBeNull();
  });

  it('takes the threshold from the rules', () => {
    const rules = { ...RULES, dueSoonDays: 7 };
    expect(assess({ dueDate: '2019-06-22' }, { rules }).flags.daysUntilDue).toBe(7);
    expect(assess({ dueDate: '2019-06-23' }, { rules }).flags.dueSoon).toBe(false);
  });

  it('is not due soon when overdue', () => {
    const result = assess({ dueDate: '2019-06-14' });
    expect(result.flags.dueSoon).toBe(false);
    expect(result.flags.daysUntilDue).toBeNull();
  });

  it('applies to a not-started action too', () => {
    const result = assess({ startDate: '2019-06-20', dueDate: '2019-06-30', latestUpdate: null });
    expect(result.rag).toBe('not_started');
    expect(result.flags.daysUntilDue).toBe(15);
  });
});

describe('assessRag: stale', () => {
  describe("since the previous meeting's papers cut-off", () => {
    const previousCutoff = '2019-06-05T17:00:00Z';

    it('is stale when the latest update is older than the cut-off', () => {
      const result = assess({ latestUpdate: update('2019-06-05T16:59:59Z', 'on_track') }, { previousCutoff });
      expect(result).toEqual({ rag: 'green', flags: { ...NO_FLAGS, stale: true } });
    });

    it('is not stale with an update exactly at the cut-off, written in another format', () => {
      const latestUpdate = update('2019-06-05T18:00:00+01:00', 'on_track');
      expect(assess({ latestUpdate }, { previousCutoff }).flags.stale).toBe(false);
    });

    it('is not stale with an update after the cut-off, however old the cut-off', () => {
      const latestUpdate = update('2019-01-10T09:00:00Z', 'at_risk');
      expect(assess({ latestUpdate }, { previousCutoff: '2019-01-01T00:00:00Z' }).flags.stale).toBe(false);
    });

    it('is stale with no update at all', () => {
      expect(assess({ latestUpdate: null }, { previousCutoff }).flags.stale).toBe(true);
    });

    it('uses the cut-off rather than the stale days', () => {
      // 3 days old, well within 42 days, but before the cut-off.
      const latestUpdate = update('2019-06-12T09:00:00Z', 'on_track');
      expect(assess({ latestUpdate }, { previousCutoff: '2019-06-13T17:00:00Z' }).flags.stale).toBe(true);
    });

    it('applies to Red and Amber actions', () => {
      const old = update('2019-05-01T09:00:00Z', 'off_track');
      expect(assess({ latestUpdate: old }, { previousCutoff }).flags.stale).toBe(true);
      const overdue = assess({ latestUpdate: old, dueDate: '2019-06-01' }, { previousCutoff });
      expect(overdue.rag).toBe('red');
      expect(overdue.flags.stale).toBe(true);
      const amber = update('2019-05-01T09:00:00Z', 'at_risk');
      expect(assess({ latestUpdate: amber }, { previousCutoff }).flags.stale).toBe(true);
    });

    it('never applies to a Not started or Blue action', () => {
      const old = update('2019-05-01T09:00:00Z', 'not_started');
      expect(assess({ latestUpdate: old, startDate: '2019-07-01' }, { previousCutoff })).toEqual({
        rag: 'not_started',
        flags: NO_FLAGS,
      });
      const signedOff = assess(
        { latestUpdate: old, signedOffAt: '2019-05-02T09:00:00Z' },
        { previousCutoff },
      );
      expect(signedOff.flags.stale).toBe(false);
    });
  });

  describe('with no previous meeting: within the stale days before T', () => {
    it('is not stale with an update 42 days ago', () => {
      expect(assess({ latestUpdate: update('2019-05-04T08:00:00Z', 'on_track') }).flags.stale).toBe(false);
    });

    it('is stale with an update 43 days ago, counted in London days', () => {
      // 22:30 UTC on 3 May is 23:30 BST on 3 May: 43 London days before 15 June.
      expect(assess({ latestUpdate: update('2019-05-03T22:30:00Z', 'on_track') }).flags.stale).toBe(true);
      // 00:30 BST on 4 May is 23:30 UTC on 3 May: 42 London days, not stale.
      expect(assess({ latestUpdate: update('2019-05-03T23:30:00Z', 'on_track') }).flags.stale).toBe(false);
    });

    it('takes the stale days from the rules', () => {
      const latestUpdate = update('2019-06-08T09:00:00Z', 'on_track');
      expect(assess({ latestUpdate }, { rules: { ...RULES, staleDays: 7 } }).flags.stale).toBe(false);
      expect(assess({ latestUpdate }, { rules: { ...RULES, staleDays: 6 } }).flags.stale).toBe(true);
    });

    it('is stale with no update at all', () => {
      expect(assess({ latestUpdate: null }).flags.stale).toBe(true);
    });
  });
});

describe('assessRag: timeframe flags', () => {
  it('reports revisions and the slip from the original due date', () => {
    expect(assess({ originalDueDate: '2019-09-30', dueDate: '2019-12-31', revisions: 2 }).flags).toEqual({
      ...NO_FLAGS,
      timeframeRevised: true,
      revisions: 2,
      slipDays: 92,
    });
  });

  it('reports a due date brought forward as a negative slip', () => {
    expect(
      assess({ originalDueDate: '2019-12-31', dueDate: '2019-11-30', revisions: 1 }).flags.slipDays,
    ).toBe(-31);
  });

  it('gives no slip when either due date is missing', () => {
    expect(assess({ originalDueDate: null, dueDate: '2019-12-31', revisions: 1 }).flags).toEqual({
      ...NO_FLAGS,
      timeframeRevised: true,
      revisions: 1,
    });
    expect(assess({ originalDueDate: '2019-12-31', dueDate: null }).flags).toEqual({
      ...NO_FLAGS,
      noDueDate: true,
    });
  });
});

describe('assessRag: bad input', () => {
  it('rejects an unreadable T or instant', () => {
    expect(() => assess({}, { asOf: 'yesterday' })).toThrow(RangeError);
    expect(() => assess({ signedOffAt: 'soon' })).toThrow(RangeError);
    expect(() => assess({ latestUpdate: update('last week', 'on_track') })).toThrow(RangeError);
  });

  it('reads instants remembered from earlier ratings alike, and an unreadable one is refused every time', () => {
    // Many different instants (more than are remembered; all over 42 days old), then the first again.
    const first = assess({ latestUpdate: update('2019-05-01T09:00:00Z', 'on_track') }, { asOf: T });
    for (let day = 1; day <= 300; day++) {
      const at = new Date(Date.UTC(2018, 0, day, 9)).toISOString();
      expect(assess({ latestUpdate: update(at, 'on_track') }, { asOf: T }).flags.stale).toBe(true);
    }
    expect(assess({ latestUpdate: update('2019-05-01T09:00:00Z', 'on_track') }, { asOf: T })).toEqual(first);
    for (let i = 0; i < 2; i++) expect(() => assess({}, { asOf: 'yesterday' })).toThrow(RangeError);
    expect(() => assess({}, { asOf: new Date(Number.NaN) })).toThrow(RangeError);
  });
});

describe('factsAsOf', () => {
  const history = (overrides: Partial<ActionHistory> = {}): ActionHistory => ({
    startDate: '2019-01-01',
    originalDueDate: '2019-03-31',
    approvedDueDateChanges: [],
    signedOffAt: null,
    updates: [],
    ...overrides,
  });

  it('passes the dates through and finds nothing in an empty history', () => {
    expect(factsAsOf(history(), T)).toEqual({
      startDate: '2019-01-01',
      originalDueDate: '2019-03-31',
      dueDate: '2019-03-31',
      revisions: 0,
      signedOffAt: null,
      latestUpdate: null,
    });
  });

  it('takes the latest update at or before T, from updates in any order', () => {
    const may = update('2019-05-01T09:00:00Z', 'on_track');
    const june = update('2019-06-01T09:00:00Z', 'at_risk');
    const july = update('2019-07-01T09:00:00Z', 'off_track');
    expect(factsAsOf(history({ updates: [june, july, may] }), T).latestUpdate).toBe(june);
    expect(factsAsOf(history({ updates: [july] }), T).latestUpdate).toBeNull();
  });

  it('includes an update exactly at T and excludes one a millisecond later', () => {
    const atT = update('2019-06-15T12:00:00.000Z', 'on_track');
    const after = update('2019-06-15T12:00:00.001Z', 'off_track');
    expect(factsAsOf(history({ updates: [after, atT] }), new Date(T)).latestUpdate).toBe(atT);
  });

  it('compares instants, not strings', () => {
    // 12:30 BST is 11:30 UTC, earlier than 11:45 UTC though it sorts later as text.
    const bst = update('2019-06-15T12:30:00+01:00', 'on_track');
    const utc = update('2019-06-15T11:45:00Z', 'at_risk');
    expect(factsAsOf(history({ updates: [utc, bst] }), T).latestUpdate).toBe(utc);
  });

  it('breaks a tie on the same instant by array order: the last wins', () => {
    const first = update('2019-06-01T09:00:00Z', 'on_track');
    const second = update('2019-06-01T10:00:00+01:00', 'at_risk');
    expect(factsAsOf(history({ updates: [first, second] }), T).latestUpdate).toBe(second);
    expect(factsAsOf(history({ updates: [second, first] }), T).latestUpdate).toBe(first);
  });

  it('takes the due date of the latest approved change decided by T, and counts those changes', () => {
    const result = factsAsOf(
      history({
        approvedDueDateChanges: [
          { toDate: '2019-09-30', decidedAt: '2019-06-01T10:00:00Z' },
          { toDate: '2019-12-31', decidedAt: '2019-07-01T10:00:00Z' }, // after T: not yet in force
          { toDate: '2019-06-30', decidedAt: '2019-03-20T10:00:00Z' },
        ],
      }),
      T,
    );
    expect(result.dueDate).toBe('2019-09-30');
    expect(result.revisions).toBe(2);
    expect(result.originalDueDate).toBe('2019-03-31');
  });

  it('keeps the original due date when every change was decided after T', () => {
    const result = factsAsOf(
      history({ approvedDueDateChanges: [{ toDate: '2019-12-31', decidedAt: '2019-06-15T12:00:00.001Z' }] }),
      T,
    );
    expect(result.dueDate).toBe('2019-03-31');
    expect(result.revisions).toBe(0);
  });

  it('counts a change decided exactly at T, and breaks ties on decision time by array order', () => {
    const result = factsAsOf(
      history({
        approvedDueDateChanges: [
          { toDate: '2019-09-30', decidedAt: T },
          { toDate: '2019-10-31', decidedAt: '2019-06-15T13:00:00+01:00' },
        ],
      }),
      T,
    );
    expect(result.dueDate).toBe('2019-10-31');
    expect(result.revisions).toBe(2);
  });

  it('gives an ongoing action a due date once a change to one is approved', () => {
    const result = factsAsOf(
      history({
        originalDueDate: null,
        approvedDueDateChanges: [{ toDate: '2019-12-31', decidedAt: '2019-06-01T10:00:00Z' }],
      }),
      T,
    );
    expect(result.dueDate).toBe('2019-12-31');
    expect(result.originalDueDate).toBeNull();
  });

  it('keeps a sign-off made at or before T and drops one made after', () => {
    expect(factsAsOf(history({ signedOffAt: '2019-06-01T10:00:00Z' }), T).signedOffAt).toBe(
      '2019-06-01T10:00:00Z',
    );
    expect(factsAsOf(history({ signedOffAt: T }), T).signedOffAt).toBe(T);
    expect(factsAsOf(history({ signedOffAt: '2019-06-15T12:00:00.001Z' }), T).signedOffAt).toBeNull();
  });

  it('rejects an unreadable instant', () => {
    expect(() => factsAsOf(history(), 'not a time')).toThrow(RangeError);
    expect(() => factsAsOf(history({ updates: [update('June', 'on_track')] }), T)).toThrow(RangeError);
  });

  describe('with assessRag, as at a meeting cut-off', () => {
    const full = history({
      originalDueDate: '2019-05-31',
      approvedDueDateChanges: [{ toDate: '2019-09-30', decidedAt: '2019-06-20T10:00:00Z' }],
      signedOffAt: '2019-07-10T10:00:00Z',
      updates: [update('2019-06-01T09:00:00Z', 'at_risk'), update('2019-06-25T09:00:00Z', 'complete')],
    });

    it('is Red, overdue, at a cut-off before the new due date was approved', () => {
      const cutoff = '2019-06-14T17:00:00Z';
      expect(assessRag(factsAsOf(full, cutoff), context({ asOf: cutoff }))).toEqual({
        rag: 'red',
        flags: { ...NO_FLAGS, overdue: true, daysOverdue: 14 },
      });
    });

    it('is Green awaiting sign-off, with the revised timeframe, after the change but before sign-off', () => {
      const cutoff = '2019-07-01T17:00:00Z';
      expect(
        assessRag(factsAsOf(full, cutoff), context({ asOf: cutoff, previousCutoff: '2019-06-14T17:00:00Z' })),
      ).toEqual({
        rag: 'green',
        flags: { ...NO_FLAGS, awaitingSignOff: true, timeframeRevised: true, revisions: 1, slipDays: 122 },
      });
    });

    it('is Blue once signed off', () => {
      const cutoff = '2019-07-15T17:00:00Z';
      expect(assessRag(factsAsOf(full, cutoff), context({ asOf: cutoff })).rag).toBe('blue');
    });
  });
});
