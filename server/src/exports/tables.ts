/**
 * The data exports (XLSX sheets and the CSV) as plain tables: typed columns and rows of the summary's values.
 * The XLSX writes every table as a sheet; the CSV is the Actions table.
 */
import {
  ACTION_STATUS_LABELS,
  EVIDENCE_PURPOSE_LABELS,
  MOVEMENT_LABELS,
  MOVEMENTS,
  RAG_LABELS,
  RAG_REPORT_ORDER,
  type Rag,
} from '@ipt/shared';
import type { ProgressSummary, SummaryAction } from '@ipt/shared/schemas';
import {
  asOfLine,
  coverageFlags,
  DECISION_LABELS,
  EVIDENCE_KIND_LABELS,
  filtersLine,
  leadsText,
  producedLine,
  ragWithAgreed,
  recordLine,
} from './format.js';
import { performanceTable } from './performance.js';

/**
 * text: a string; date: an ISO date or instant (shown as its London date); number: a number; percent: a
 * percentage as written (62 for 62%: a percent cell of 0.62 in the XLSX, 62 in the CSV); rag: a RAG rating,
 * shown as its word (and shaded in the XLSX).
 */
export type ColumnKind = 'text' | 'date' | 'number' | 'percent' | 'rag';
export type TableValue = string | number | null;

export interface DataColumn {
  header: string;
  kind: ColumnKind;
  /** Width in characters, for the XLSX. */
  width: number;
}

export interface DataTable {
  name: string;
  columns: DataColumn[];
  rows: TableValue[][];
  /** A per-row kind overriding the column's, for the Summary sheet's mixed Value column. */
  rowKinds?: (ColumnKind | null)[];
  /** A per-cell kind overriding both, for the Performance sheet's figures (a percentage or a number). */
  cellKinds?: (ColumnKind | null)[][];
}

const text = (header: string, width: number): DataColumn => ({ header, kind: 'text', width });
const date = (header: string, width = 13): DataColumn => ({ header, kind: 'date', width });
const num = (header: string, width = 12): DataColumn => ({ header, kind: 'number', width });
const rag = (header: string, width = 12): DataColumn => ({ header, kind: 'rag', width });

const ACTION_COLUMNS: DataColumn[] = [
  text('Ref', 8),
  text('Theme', 16),
  text('Area', 24),
  text('What we want to achieve', 50),
  text('Leads', 30),
  text('Status', 12),
  rag('RAG'),
  rag('Agreed RAG'),
  rag('Previous RAG', 13),
  text('Movement', 12),
  date('Original due date', 15),
  date('Due date'),
  num('Days overdue'),
  text('Recommendations', 30),
  text('Latest commentary', 60),
  date('Commentary date', 16),
  text('Commentary by', 20),
];

function actionRow(a: SummaryAction): TableValue[] {
  return [
    a.ref,
    a.themeTitle,
    a.areaTitle,
    a.objective,
    leadsText(a.leads),
    ACTION_STATUS_LABELS[a.status],
    a.rag,
    a.agreedRag,
    a.previousRag,
    MOVEMENT_LABELS[a.movement],
    a.originalDueDate,
    a.dueDate,
    a.daysOverdue,
    a.recommendations.join('; '),
    a.latestCommentary,
    a.latestCommentaryAt,
    a.latestCommentaryBy,
  ];
}

export function actionsTable(s: ProgressSummary): DataTable {
  return { name: 'Actions', columns: ACTION_COLUMNS, rows: s.actions.map(actionRow) };
}

function summaryTable(s: ProgressSummary): DataTable {
  const rows: [string, TableValue, ColumnKind][] = [
    ['Council', s.councilName, 'text'],
    ['Plan', s.plan.title, 'text'],
    ['Phase', s.plan.phase, 'text'],
    ['Progress summary', asOfLine(s), 'text'],
    ['Meeting', s.meeting?.title ?? 'None (live)', 'text'],
    ['Meeting date', s.meeting?.meetingDate ?? null, 'date'],
    ['Papers cut-off', s.meeting?.papersCutoff ?? null, 'date'],
    ['RAG ratings as of', s.asOf, 'date'],
    ['Record', recordLine(s), 'text'],
    ['Previous meeting', s.previousMeeting?.title ?? 'None', 'text'],
    ['Previous meeting date', s.previousMeeting?.meetingDate ?? null, 'date'],
    ['Filters', filtersLine(s) ?? 'None: the whole plan', 'text'],
    ['Produced', producedLine(s), 'text'],
    ['Actions', s.headline.total, 'number'],
    ['Complete (Blue)', s.headline.percentComplete, 'percent'],
    ...MOVEMENTS.map((m): [string, TableValue, ColumnKind] => [
      `Movement since the previous meeting: ${MOVEMENT_LABELS[m]}`,
      s.headline.movementCounts[m],
      'number',
    ]),
  ];
  return {
    name: 'Summary',
    columns: [text('Item', 40), text('Value', 90)],
    rows: rows.map(([k, v]) => [k, v]),
    rowKinds: rows.map(([, , kind]) => kind),
  };
}

function ragCountsTable(s: ProgressSummary): DataTable {
  const prev = s.headline.previousCounts;
  return {
    name: 'RAG counts',
    columns: [rag('RAG', 14), num('Now', 10), num('At previous meeting', 20)],
    rows: RAG_REPORT_ORDER.map((r: Rag) => [r, s.headline.counts[r], prev ? prev[r] : null]),
  };
}

function recommendationsTable(s: ProgressSummary): DataTable {
  const rows: TableValue[][] = [];
  for (const r of s.recommendations) {
    const head = [r.label, r.sourceTitle, r.text, coverageFlags(r).join('; '), r.worstRag];
    if (r.actions.length === 0) rows.push([...head, null, null, null, null, null]);
    for (const a of r.actions) {
      rows.push([...head, a.ref, a.objective, leadsText(a.leads), ragWithAgreed(a), a.latestCommentary]);
    }
  }
  return {
    name: 'Recommendations',
    columns: [
      text('Recommendation', 24),
      text('Source', 24),
      text('Recommendation text', 50),
      text('Coverage', 28),
      rag('Worst RAG'),
      text('Ref', 8),
      text('What we want to achieve', 45),
      text('Leads', 26),
      text('RAG (board agreed)', 24),
      text('Latest commentary', 55),
    ],
    rows,
  };
}

function overdueTable(s: ProgressSummary): DataTable {
  return {
    name: 'Overdue',
    columns: [
      text('Ref', 8),
      text('What we want to achieve', 50),
      text('Leads', 30),
      date('Due date'),
      num('Days overdue'),
      rag('RAG'),
      text('Latest commentary', 60),
      date('Commentary date', 15),
    ],
    rows: s.overdue.map((a) => [
      a.ref,
      a.objective,
      leadsText(a.leads),
      a.dueDate,
      a.daysOverdue,
      a.rag,
      a.latestCommentary,
      a.latestCommentaryAt,
    ]),
  };
}

function changesTable(s: ProgressSummary): DataTable {
  const groups: [string, SummaryAction[]][] = [
    ['Newly Blue', s.changes.newlyBlue],
    ['Worsened', s.changes.worsened],
    ['Improved', s.changes.improved],
    ['Newly overdue', s.changes.newlyOverdue],
  ];
  return {
    name: 'Changes',
    columns: [
      text('Change', 16),
      text('Ref', 8),
      text('What we want to achieve', 50),
      text('Leads', 30),
      rag('Previous RAG', 13),
      rag('RAG'),
      date('Due date'),
      num('Days overdue'),
    ],
    rows: groups.flatMap(([label, list]) =>
      list.map((a) => [
        label,
        a.ref,
        a.objective,
        leadsText(a.leads),
        a.previousRag,
        a.rag,
        a.dueDate,
        a.daysOverdue,
      ]),
    ),
  };
}

function timeframeTable(s: ProgressSummary): DataTable {
  return {
    name: 'Timeframe changes',
    columns: [
      text('Ref', 8),
      text('What we want to achieve', 50),
      date('Original due date', 15),
      date('Current due date', 15),
      num('Revisions', 10),
      date('Asked for', 13),
      date('From'),
      date('To'),
      text('Reason', 50),
      text('Decision', 18),
      date('Decided', 13),
      text('Decision comment', 50),
    ],
    rows: s.timeframeChanges.flatMap((t) =>
      t.changes.map((c) => [
        t.ref,
        t.objective,
        t.originalDueDate,
        t.dueDate,
        t.revisions,
        c.requestedAt,
        c.fromDate,
        c.toDate,
        c.reason,
        DECISION_LABELS[c.decision],
        c.decidedAt,
        c.decisionComment,
      ]),
    ),
  };
}

function evidenceTable(s: ProgressSummary): DataTable {
  return {
    name: 'Evidence',
    columns: [
      text('Ref', 8),
      text('What we want to achieve', 50),
      text('Evidence', 45),
      text('Kind', 8),
      text('Purpose', 24),
      date('Effective date', 14),
      date('Accepted', 13),
    ],
    rows: s.evidence.flatMap((e) =>
      e.items.map((i) => [
        e.ref,
        e.objective,
        i.title,
        EVIDENCE_KIND_LABELS[i.kind],
        EVIDENCE_PURPOSE_LABELS[i.purpose],
        i.effectiveDate,
        i.acceptedAt,
      ]),
    ),
  };
}

export function dataTables(s: ProgressSummary): DataTable[] {
  return [
    summaryTable(s),
    ragCountsTable(s),
    recommendationsTable(s),
    actionsTable(s),
    overdueTable(s),
    changesTable(s),
    timeframeTable(s),
    evidenceTable(s),
    performanceTable(s),
  ];
}

export function ragText(value: TableValue): string {
  return typeof value === 'string' && value in RAG_LABELS ? RAG_LABELS[value as Rag] : '';
}
