/**
 * The scorecard: every indicator of a plan as it stood at a moment (now, or a meeting's papers cut-off),
 * judged by the rules in domain/indicators. Locking a meeting freezes its scorecard into
 * `meeting_scorecards`; a locked meeting is served from that alone, so a value corrected afterwards leaves it
 * as it was. Movement is measured against the previous meeting as it reported.
 */
import { COMPARATOR_KINDS } from '@ipt/shared';
import type { Meeting, Scorecard, ScorecardRow } from '@ipt/shared/schemas';
import { assessIndicator, thresholdFor, type Point } from '../domain/indicators.js';
import type { IndicatorRow } from '../repositories/indicators.js';
import type { Repositories } from '../repositories/index.js';
import type { ServiceDeps } from './deps.js';

const TREND_PERIODS = 12;

function existedAt(row: IndicatorRow, asOf: string): boolean {
  return row.createdAt <= asOf && (row.archivedAt === null || row.archivedAt > asOf);
}

/** The rows of the plan's indicators as they stood at `asOf`; `previous` gives the points to move from. */
export function computeScorecardRows(
  repos: Repositories,
  planId: number,
  asOf: string,
  previous: { cutoff: string; points: Map<number, Point | null> | null } | null,
): ScorecardRow[] {
  const rows = repos.indicators.listRows(planId, true).filter((r) => existedAt(r, asOf));
  const ids = rows.map((r) => r.id);
  const targets = repos.indicators.targets(ids);
  const comparators = repos.indicators.comparators(ids);
  const values = repos.indicators.values(ids);
  const links = repos.indicators.actionLinks(ids);
  return rows.map((r) => {
    const a = assessIndicator(
      {
        polarity: r.polarity,
        unit: r.unit,
        threshold: thresholdFor(r.unit, r.thresholdKind, r.thresholdAmount),
        targets: (targets.get(r.id) ?? []).filter((t) => t.recordedAt <= asOf),
        values: values.get(r.id) ?? [],
      },
      asOf,
      previous?.points?.has(r.id)
        ? { previous: previous.points.get(r.id) ?? null }
        : { previousCutoff: previous?.cutoff ?? null },
    );
    const themes = new Map<number, { id: number; title: string; position: number }>();
    for (const l of links.get(r.id) ?? [])
      themes.set(l.themeId, { id: l.themeId, title: l.themeTitle, position: l.themePosition });
    const latestComparators = new Map<
      string,
      { kind: (typeof COMPARATOR_KINDS)[number]; value: number; periodLabel: string }
    >();
    for (const c of comparators.get(r.id) ?? [])
      if (c.recordedAt <= asOf)
        latestComparators.set(c.kind, { kind: c.kind, value: c.value, periodLabel: c.periodLabel });
    return {
      indicatorId: r.id,
      name: r.name,
      definition: r.definition,
      unit: r.unit,
      polarity: r.polarity,
      frequency: r.frequency,
      owner: r.owner,
      themes: [...themes.values()]
        .sort((x, y) => x.position - y.position)
        .map(({ id, title }) => ({ id, title })),
      latest: a.latest,
      previous: a.previous,
      baseline: a.baseline,
      peak: a.peak,
      trough: a.trough,
      target: a.target
        ? { value: a.target.value, tolerance: a.target.tolerance, effectiveFrom: a.target.effectiveFrom }
        : null,
      rag: a.rag,
      sincePrevious: a.sincePrevious,
      sinceBaseline: a.sinceBaseline,
      sinceWorst: a.sinceWorst,
      comparators: COMPARATOR_KINDS.flatMap((k) => {
        const c = latestComparators.get(k);
        return c ? [c] : [];
      }),
      trend: a.series.slice(-TREND_PERIODS),
    };
  });
}

function meetingRef(m: Meeting) {
  return { id: m.id, title: m.title, meetingDate: m.meetingDate, papersCutoff: m.papersCutoff };
}

export function createScorecardReader({ repos, clock }: Pick<ServiceDeps, 'repos' | 'clock'>) {
  function frozenRows(meetingId: number): ScorecardRow[] | null {
    const rows = repos.indicators.scorecard(meetingId);
    return rows.length ? rows.map((d) => JSON.parse(d) as ScorecardRow) : null;
  }

  /** What the previous meeting reported for each indicator: its frozen scorecard, or its cut-off. */
  function previousOf(meeting: Meeting | undefined) {
    if (!meeting) return null;
    const frozen = meeting.status === 'locked' ? frozenRows(meeting.id) : null;
    return {
      cutoff: meeting.papersCutoff,
      points: frozen ? new Map(frozen.map((r) => [r.indicatorId, r.latest] as const)) : null,
    };
  }

  /** A scheduled meeting whose cut-off is still ahead shows the picture now. */
  function asOfFor(meeting: Meeting): string {
    const now = clock().toISOString();
    return meeting.status === 'locked' || meeting.papersCutoff <= now ? meeting.papersCutoff : now;
  }

  function computeForMeeting(meeting: Meeting): ScorecardRow[] {
    return computeScorecardRows(
      repos,
      meeting.planId,
      asOfFor(meeting),
      previousOf(repos.meetings.previous(meeting)),
    );
  }

  return {
    /** The plan's scorecard now, moving from the latest meeting whose papers have gone out. */
    plan(planId: number): Scorecard {
      const asOf = clock().toISOString();
      const previous = repos.meetings.latestPast(planId, asOf) ?? null;
      return {
        planId,
        asOf,
        frozen: false,
        meeting: null,
        previousMeeting: previous ? meetingRef(previous) : null,
        rows: computeScorecardRows(repos, planId, asOf, previousOf(previous ?? undefined)),
      };
    },

    /** A meeting's scorecard: frozen when locked (or as of its cut-off, for one locked before indicators). */
    meeting(meeting: Meeting): Scorecard {
      const previous = repos.meetings.previous(meeting) ?? null;
      const frozen = meeting.status === 'locked' ? frozenRows(meeting.id) : null;
      return {
        planId: meeting.planId,
        asOf: asOfFor(meeting),
        frozen: meeting.status === 'locked',
        meeting: meetingRef(meeting),
        previousMeeting: previous ? meetingRef(previous) : null,
        rows: frozen ?? computeForMeeting(meeting),
      };
    },

    /**
     * The Performance section of a summary: the meeting's scorecard (frozen when locked) or the plan's now;
     * a summary narrowed to some actions carries only the indicators linked to one of them.
     */
    forSummary(planId: number, meeting: Meeting | null, actionIds: number[] | null): ScorecardRow[] {
      const rows = (meeting ? this.meeting(meeting) : this.plan(planId)).rows;
      if (!actionIds) return rows;
      const inScope = new Set(actionIds);
      const links = repos.indicators.actionLinks(rows.map((r) => r.indicatorId));
      return rows.filter((r) => (links.get(r.indicatorId) ?? []).some((l) => inScope.has(l.actionId)));
    },

    /**
     * Writes the meeting's scorecard as of its cut-off, never to change. Call inside the locking transaction,
     * before the meeting is marked locked.
     */
    freeze(meeting: Meeting): number {
      const rows = computeForMeeting({ ...meeting, status: 'locked' });
      repos.indicators.insertScorecard(
        rows.map((r) => ({ meetingId: meeting.id, indicatorId: r.indicatorId, data: JSON.stringify(r) })),
      );
      return rows.length;
    },
  };
}
export type ScorecardReader = ReturnType<typeof createScorecardReader>;
