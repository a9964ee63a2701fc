import { describe, expect, it } from 'vitest';
import { recommendationLabel } from '../../../server/src/domain/citations.js';
import {
  changesSincePrevious,
  countMovements,
  countRags,
  coverageOf,
  cutoffConflict,
  lockOrderConflict,
  type MeetingPlace,
  type RatedAction,
} from '../../../server/src/domain/meetings.js';

const m = (id: number, papersCutoff: string, status: MeetingPlace['status']): MeetingPlace => ({
  id,
  title: `Board ${id}`,
  meetingDate: papersCutoff.slice(0, 10),
  papersCutoff,
  status,
});
const plan = [
  m(1, '2026-01-10T17:00:00.000Z', 'locked'),
  m(2, '2026-03-10T17:00:00.000Z', 'locked'),
  m(3, '2026-05-10T17:00:00.000Z', 'scheduled'),
  m(4, '2026-07-10T17:00:00.000Z', 'scheduled'),
];

describe('the order of meetings and locking', () => {
  it('a new meeting may not have its cut-off at or before the last locked one', () => {
    expect(cutoffConflict('2026-03-10T17:00:00.000Z', plan, null)).toMatch(
      /after that of the last locked meeting \(Board 2, 10 March 2026\)/,
    );
    expect(cutoffConflict('2026-02-01T17:00:00.000Z', plan, null)).not.toBeNull();
    expect(cutoffConflict('2026-03-10T17:00:01.000Z', plan, null)).toBeNull();
  });

  it('moving a scheduled meeting is held to the same rule, and it is not its own obstacle', () => {
    expect(cutoffConflict('2026-02-01T17:00:00.000Z', plan, 3)).not.toBeNull();
    expect(cutoffConflict('2026-04-01T17:00:00.000Z', plan, 3)).toBeNull();
    // The last locked meeting is the latest by cut-off, whatever order the list comes in.
    expect(cutoffConflict('2026-02-01T17:00:00.000Z', [...plan].reverse(), 4)).toMatch(/Board 2/);
  });

  it("nor may its meeting date come before the last locked meeting's, even with a later cut-off", () => {
    const held = [m(1, '2026-01-10T17:00:00.000Z', 'locked')].map((x) => ({
      ...x,
      meetingDate: '2026-01-20',
    }));
    expect(cutoffConflict('2026-01-11T17:00:00.000Z', held, null, '2026-01-15')).toMatch(
      /meeting date must be on or after that of the last locked meeting \(Board 1, 20 January 2026\)/,
    );
    expect(cutoffConflict('2026-01-11T17:00:00.000Z', held, null, '2026-01-20')).toBeNull();
  });

  it('with nothing locked, any cut-off will do', () => {
    expect(cutoffConflict('2020-01-01T00:00:00.000Z', [plan[2]!, plan[3]!], null)).toBeNull();
  });

  it('a meeting is locked only after every earlier one, naming the earliest still open', () => {
    expect(lockOrderConflict(plan[3]!, plan)).toMatch(
      /Lock the earlier meeting first \(Board 3, 10 May 2026\)/,
    );
    expect(lockOrderConflict(plan[2]!, plan)).toBeNull();
  });
});

const row = (actionId: number, over: Partial<RatedAction> = {}): RatedAction => ({
  actionId,
  rag: 'green',
  previousRag: 'green',
  movement: 'unchanged',
  overdue: false,
  recommendationIds: [],
  acceptedImpactEvidence: 0,
  ...over,
});

describe('counts', () => {
  it('counts every RAG, and every movement but "removed"', () => {
    expect(countRags([{ rag: 'red' }, { rag: 'red' }, { rag: 'blue' }])).toEqual({
      blue: 1,
      green: 0,
      amber: 0,
      red: 2,
      not_started: 0,
    });
    expect(
      countMovements([
        { movement: 'improved' },
        { movement: 'removed' },
        { movement: 'new' },
        { movement: 'new' },
      ]),
    ).toEqual({ improved: 1, worsened: 0, unchanged: 0, new: 2 });
  });
});

describe('the roll-up of actions to a recommendation', () => {
  const rows = [
    row(1, { rag: 'blue', recommendationIds: [10, 11] }),
    row(2, { rag: 'amber', recommendationIds: [10] }),
    row(3, { rag: 'blue', recommendationIds: [11] }),
    row(4, { rag: 'blue', recommendationIds: [12], acceptedImpactEvidence: 1 }),
  ];

  it('takes the answering actions, in order, with counts and the worst RAG', () => {
    const c = coverageOf(10, rows);
    expect(c.answering.map((r) => r.actionId)).toEqual([1, 2]);
    expect(c.worstRag).toBe('amber');
    expect(c.blueCount).toBe(1);
    expect(c.counts.amber).toBe(1);
    expect(c.noLiveAction).toBe(false);
    expect(c.allBlueNoImpactEvidence).toBe(false);
  });

  it('warns when every answering action is Blue but none has accepted evidence of impact', () => {
    expect(coverageOf(11, rows).allBlueNoImpactEvidence).toBe(true);
    expect(coverageOf(12, rows).allBlueNoImpactEvidence).toBe(false);
  });

  it('answered only in part, all Blue is not complete: the roll-up says "in part" and stops at Green', () => {
    const part = [row(5, { rag: 'blue', recommendationIds: [20, 21], inPartOf: [20] })];
    expect(coverageOf(20, part)).toMatchObject({ worstRag: 'green', inPartOnly: true, blueCount: 1 });
    // The same action answering another recommendation in full completes that one.
    expect(coverageOf(21, part)).toMatchObject({ worstRag: 'blue', inPartOnly: false });
    // One Blue action in full beside the part one completes it; a worse RAG stays the roll-up.
    const both = [...part, row(6, { rag: 'blue', recommendationIds: [20] })];
    expect(coverageOf(20, both)).toMatchObject({ worstRag: 'blue', inPartOnly: false });
    const amber = [row(7, { rag: 'amber', recommendationIds: [20], inPartOf: [20] })];
    expect(coverageOf(20, amber)).toMatchObject({ worstRag: 'amber', inPartOnly: true });
  });

  it('warns of a gap when no action answers it', () => {
    const c = coverageOf(99, rows);
    expect(c).toMatchObject({
      noLiveAction: true,
      worstRag: null,
      blueCount: 0,
      allBlueNoImpactEvidence: false,
    });
  });
});

describe('changes since the previous meeting', () => {
  it('newly overdue, newly complete, worsened and improved', () => {
    const rows = [
      row(1, { overdue: true, rag: 'red', previousRag: 'amber', movement: 'worsened' }),
      row(2, { overdue: true, rag: 'red', previousRag: 'red' }),
      row(3, { rag: 'blue', previousRag: 'green', movement: 'improved' }),
      row(4, { rag: 'blue', previousRag: 'blue' }),
      row(5, { rag: 'green', previousRag: null, movement: 'new' }),
    ];
    const c = changesSincePrevious(rows, (id) => id === 2);
    const ids = (list: RatedAction[]) => list.map((r) => r.actionId);
    expect(ids(c.newlyOverdue)).toEqual([1]);
    expect(ids(c.newlyComplete)).toEqual([3]);
    expect(ids(c.worsened)).toEqual([1]);
    expect(ids(c.improved)).toEqual([3]);
  });
});

describe('recommendation labels', () => {
  it('use the source’s citation, or the kind of source when it has none', () => {
    expect(recommendationLabel('Ofsted recommendation', 'inspection', '3')).toBe('Ofsted recommendation 3');
    expect(recommendationLabel('  ', 'monitoring_visit', 'b5')).toBe('Ofsted monitoring visit b5');
  });
});
