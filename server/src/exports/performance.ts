/**
 * The Performance section of the summaries: each indicator's baseline, previous, latest (with periods),
 * target, comparators, direction, RAG and note, grouped as council reports group them — improved, no
 * significant change, deteriorated (and context only). The paper and the data tables both read these lines,
 * so the four formats carry the same figures.
 */
import {
  COMPARATOR_KIND_LABELS,
  formatIndicatorValue,
  movementWords,
  pointWords,
  TRAVEL_LABELS,
  type IndicatorRag,
  type Travel,
} from '@ipt/shared';
import type { ProgressSummary, ScorecardRow } from '@ipt/shared/schemas';
import type { PaperBlock } from './paper.js';

export interface PerformanceLine {
  indicator: string;
  baseline: string;
  previous: string;
  latest: string;
  target: string;
  comparators: string;
  direction: string;
  rag: IndicatorRag | null;
  note: string;
}

const GROUPS: Travel[] = ['improved', 'no_significant_change', 'deteriorated', 'not_judged'];

/** Since the last meeting when there was one, otherwise since the baseline. */
function travelOf(r: ScorecardRow): Travel {
  return (
    (r.sincePrevious ?? r.sinceBaseline)?.travel ??
    (r.polarity === 'context_only' ? 'not_judged' : 'no_significant_change')
  );
}

export function performanceLine(r: ScorecardRow): PerformanceLine {
  const point = (p: ScorecardRow['latest']) => (p ? pointWords(p, r.unit, r.frequency) : 'None');
  const m = r.sincePrevious ?? r.sinceBaseline;
  return {
    indicator: r.name,
    baseline: point(r.baseline),
    previous: point(r.previous),
    latest: point(r.latest),
    target: r.target
      ? `${formatIndicatorValue(r.target.value, r.unit)} (Amber within ${formatIndicatorValue(r.target.tolerance, r.unit)})`
      : r.polarity === 'context_only'
        ? 'Context only'
        : 'None',
    comparators: r.comparators
      .map(
        (c) =>
          `${COMPARATOR_KIND_LABELS[c.kind]} ${formatIndicatorValue(c.value, r.unit)} (${c.periodLabel})`,
      )
      .join('; '),
    direction: m
      ? `${movementWords(m, r.unit, r.frequency)}${r.sincePrevious ? '' : ' (since the baseline)'}`
      : 'No earlier value',
    rag: r.rag,
    note: r.latest?.note ?? '',
  };
}

/** The indicators by group, in the order reports give them; empty groups left out. */
export function performanceGroups(
  rows: readonly ScorecardRow[],
): { title: string; lines: PerformanceLine[] }[] {
  return GROUPS.flatMap((g) => {
    const lines = rows.filter((r) => travelOf(r) === g).map(performanceLine);
    return lines.length ? [{ title: TRAVEL_LABELS[g], lines }] : [];
  });
}

const RAG_WORDS: Record<IndicatorRag, string> = { green: 'Green', amber: 'Amber', red: 'Red' };

export function ragWords(rag: IndicatorRag | null): string {
  return rag ? RAG_WORDS[rag] : 'None';
}

/** The Performance section of the paper (DOCX and PDF). */
export function performanceBlocks(s: ProgressSummary): PaperBlock[] {
  const rows = s.performance ?? [];
  const blocks: PaperBlock[] = [{ kind: 'heading', level: 1, text: 'Performance' }];
  if (rows.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'No performance indicators had values for this summary.' });
    return blocks;
  }
  blocks.push({
    kind: 'paragraph',
    text: `Each indicator's baseline (its first period on record), its value at the previous meeting and its latest value, against its target and published comparators; grouped by its movement since the previous meeting.${s.frozen ? ' Frozen as the meeting reported it.' : ''}`,
  });
  for (const g of performanceGroups(rows)) {
    blocks.push(
      { kind: 'heading', level: 2, text: g.title },
      {
        kind: 'table',
        label: `Performance: ${g.title}`,
        columns: [
          { header: 'Indicator', width: 20 },
          { header: 'Baseline', width: 13 },
          { header: 'Previous', width: 13 },
          { header: 'Latest', width: 13 },
          { header: 'Target', width: 11 },
          { header: 'Direction', width: 20 },
          { header: 'RAG', width: 10 },
        ],
        rows: g.lines.map((l) => [
          { text: l.indicator, ...(l.comparators ? { detail: l.comparators } : {}) },
          { text: l.baseline },
          { text: l.previous },
          { text: l.latest, ...(l.note ? { detail: l.note } : {}) },
          { text: l.target },
          { text: l.direction },
          l.rag ? { text: ragWords(l.rag), rag: l.rag } : { text: 'None' },
        ]),
      },
    );
  }
  return blocks;
}
