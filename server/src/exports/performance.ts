/**
 * The Performance section of the summaries: each indicator's baseline, previous, latest (with periods),
 * target, comparators, direction, RAG and note, grouped as council reports group them — improved, no
 * significant change, deteriorated (and context only). The lines (in shared, which the export preview reads
 * too) carry the words for the paper; the data table carries the same figures as numbers, each with its
 * period, for the XLSX sheet and the performance CSV.
 */
import {
  COMPARATOR_KINDS,
  COMPARATOR_KIND_LABELS,
  formatPeriod,
  groupPerformance,
  indicatorRagWords,
  INDICATOR_UNIT_LABELS,
  performanceGroups,
  performanceLine,
  VALUE_STATUS_LABELS,
} from '@ipt/shared';
import type { ProgressSummary, ScorecardRow } from '@ipt/shared/schemas';
import type { PaperBlock } from './paper.js';
import type { ColumnKind, DataColumn, DataTable, TableValue } from './tables.js';

export { performanceGroups, performanceLine, type PerformanceLine } from '@ipt/shared';

export const ragWords = indicatorRagWords;

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
          { header: 'Indicator', width: 21 },
          { header: 'Baseline', width: 13 },
          { header: 'Previous', width: 13 },
          { header: 'Latest', width: 13 },
          { header: 'Target', width: 10 },
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

const text = (header: string, width: number): DataColumn => ({ header, kind: 'text', width });
const figure = (header: string, width = 12): DataColumn => ({ header, kind: 'number', width });

/**
 * The Performance data: one row per indicator, by group, its figures as numbers in the indicator's unit (a
 * percentage is a percent cell in the XLSX: 0.62 shown as 62%) beside the period each describes.
 */
export function performanceTable(s: ProgressSummary): DataTable {
  const columns: DataColumn[] = [
    text('Group', 22),
    text('Indicator', 40),
    text('Unit', 14),
    figure('Baseline'),
    text('Baseline period', 16),
    figure('Previous'),
    text('Previous period', 16),
    figure('Latest'),
    text('Latest period', 16),
    text('Latest status', 13),
    figure('Target'),
    figure('Amber tolerance', 15),
    ...COMPARATOR_KINDS.flatMap((k) => [
      figure(COMPARATOR_KIND_LABELS[k], 14),
      text(`${COMPARATOR_KIND_LABELS[k]} period`, 16),
    ]),
    text('Direction', 50),
    { header: 'RAG', kind: 'rag', width: 12 },
    text('Note', 40),
  ];
  const rows: TableValue[][] = [];
  const cellKinds: (ColumnKind | null)[][] = [];
  for (const g of groupPerformance(s.performance ?? [])) {
    for (const r of g.items) {
      const l = performanceLine(r);
      const period = (p: ScorecardRow['latest']) => (p ? formatPeriod(p.periodEnd, r.frequency) : null);
      const row: TableValue[] = [
        g.title,
        r.name,
        INDICATOR_UNIT_LABELS[r.unit],
        r.baseline?.value ?? null,
        period(r.baseline),
        r.previous?.value ?? null,
        period(r.previous),
        r.latest?.value ?? null,
        period(r.latest),
        r.latest ? VALUE_STATUS_LABELS[r.latest.status] : null,
        r.target?.value ?? null,
        r.target?.tolerance ?? null,
        ...COMPARATOR_KINDS.flatMap((k) => {
          const c = r.comparators.find((x) => x.kind === k);
          return [c?.value ?? null, c?.periodLabel ?? null];
        }),
        l.direction,
        r.rag,
        l.note,
      ];
      rows.push(row);
      cellKinds.push(columns.map((c) => (c.kind === 'number' && r.unit === 'percent' ? 'percent' : null)));
    }
  }
  return { name: 'Performance', columns, rows, cellKinds };
}
