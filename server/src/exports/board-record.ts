/**
 * The board's record in the pack: the executive summary and theme narratives, the risks by score with their
 * movement since the previous meeting, the decisions, the board actions and the matters arising. The paper
 * (DOCX, PDF), the XLSX sheets and the CSV rows all read these lines, so the four formats say the same.
 */
import { RISK_BAND_LABELS, RISK_MOVEMENT_LABELS } from '@ipt/shared';
import type { BoardItem, PackRecord, ProgressSummary } from '@ipt/shared/schemas';
import { longDate } from './format.js';
import type { PaperBlock, PaperCell } from './paper.js';
import type { DataTable, TableValue } from './tables.js';

export const RISK_BANDS_LINE = 'Score is likelihood × impact (each 1–5): 1–4 Green, 5–12 Amber, 15–25 Red.';

export function movementWords(r: PackRecord['risks'][number]): string {
  const label = RISK_MOVEMENT_LABELS[r.movement];
  return r.previousScore !== null && r.movement !== 'unchanged' ? `${label} from ${r.previousScore}` : label;
}

export function itemStatus(i: BoardItem): string {
  return i.closed ? `Closed at ${i.closed.meetingTitle} (${i.closed.by.name})` : 'Open';
}

const narrativeOf = (r: PackRecord) => r.themes.filter((t) => t.text.trim() !== '');

export function boardRecordBlocks(s: ProgressSummary): PaperBlock[] {
  const r = s.boardRecord;
  if (!r) return [];
  const c = (text: string, extra: Omit<PaperCell, 'text'> = {}): PaperCell => ({ text, ...extra });
  const para = (text: string, style: 'normal' | 'small' = 'normal'): PaperBlock => ({
    kind: 'paragraph',
    text,
    style,
  });
  const intro = (text: string): PaperBlock => ({ kind: 'paragraph', text, keepWithNext: true });
  const blocks: PaperBlock[] = [{ kind: 'heading', level: 1, text: 'Executive summary' }];
  blocks.push(para(r.summary.text.trim() || 'No executive summary was written for this meeting.'));
  const themes = narrativeOf(r);
  if (themes.length) {
    blocks.push({ kind: 'heading', level: 1, text: 'Theme narratives' });
    for (const t of themes)
      blocks.push({ kind: 'heading', level: 2, text: t.themeTitle ?? '' }, para(t.text));
  }

  blocks.push({ kind: 'heading', level: 1, text: 'Risk register' });
  if (r.risks.length === 0) blocks.push(para('No open risk was on the register.'));
  else
    blocks.push(
      intro(
        `${r.risks.length} open risk${r.risks.length === 1 ? '' : 's'}, highest score first, with movement since the previous meeting. ${RISK_BANDS_LINE}`,
      ),
      {
        kind: 'table',
        label: 'Risks by score',
        columns: [
          { header: 'Risk', width: 23 },
          { header: 'Owner', width: 15 },
          { header: 'Score', width: 12, align: 'right' },
          { header: 'Band', width: 9 },
          { header: 'Movement', width: 13 },
          { header: 'Mitigations', width: 28 },
        ],
        rows: r.risks.map((x) => [
          c(x.title, { bold: true }),
          c(x.owner),
          c(`${x.score} (${x.likelihood} × ${x.impact})`),
          c(RISK_BAND_LABELS[x.band], { rag: x.band }),
          c(movementWords(x)),
          c(x.mitigations || 'None recorded'),
        ]),
      },
    );

  blocks.push({ kind: 'heading', level: 1, text: 'Decisions and board actions' });
  blocks.push({ kind: 'heading', level: 2, text: 'Decisions' });
  if (r.decisions.length === 0) blocks.push(para('No decision was recorded at this meeting.'));
  else
    blocks.push({
      kind: 'table',
      label: 'Decisions',
      columns: [
        { header: 'Decision', width: 75 },
        { header: 'Recorded by', width: 25 },
      ],
      rows: r.decisions.map((d) => [c(d.text), c(d.recordedBy.name, { detail: longDate(d.recordedAt) })]),
    });
  const actionTable = (label: string, list: BoardItem[], withMeeting: boolean): PaperBlock => ({
    kind: 'table',
    label,
    columns: [
      { header: 'Board action', width: withMeeting ? 32 : 44 },
      ...(withMeeting ? [{ header: 'Set at', width: 14 }] : []),
      { header: 'Owner', width: 15 },
      { header: 'Due', width: 14 },
      { header: 'Status', width: withMeeting ? 25 : 27 },
    ],
    rows: list.map((a) => [
      c(a.text),
      ...(withMeeting ? [c(longDate(a.meetingDate))] : []),
      c(a.owner ?? ''),
      c(longDate(a.dueDate)),
      c(itemStatus(a)),
    ]),
  });
  blocks.push({ kind: 'heading', level: 2, text: 'Board actions' });
  if (r.boardActions.length === 0) blocks.push(para('No board action was set at this meeting.'));
  else blocks.push(actionTable('Board actions', r.boardActions, false));
  blocks.push({ kind: 'heading', level: 2, text: 'Matters arising' });
  if (r.mattersArising.length === 0)
    blocks.push(para('No board action was carried from an earlier meeting.'));
  else
    blocks.push(
      intro('Board actions of earlier meetings open at this one (or closed at it).'),
      actionTable('Matters arising', r.mattersArising, true),
    );
  return blocks;
}

export function boardRecordTables(s: ProgressSummary): DataTable[] {
  const r = s.boardRecord;
  if (!r) return [];
  const text = (header: string, width: number) => ({ header, kind: 'text' as const, width });
  const num = (header: string, width = 11) => ({ header, kind: 'number' as const, width });
  const date = (header: string, width = 13) => ({ header, kind: 'date' as const, width });
  const items: [string, BoardItem[]][] = [
    ['Decision', r.decisions],
    ['Board action', r.boardActions],
    ['Matter arising', r.mattersArising],
  ];
  return [
    {
      name: 'Narrative',
      columns: [text('Section', 30), text('Narrative', 90), text('Written by', 24), date('Updated')],
      rows: [
        ['Executive summary', r.summary.text, r.summary.updatedBy?.name ?? null, r.summary.updatedAt],
        ...narrativeOf(r).map((t): TableValue[] => [
          t.themeTitle,
          t.text,
          t.updatedBy?.name ?? null,
          t.updatedAt,
        ]),
      ],
    },
    {
      name: 'Risks',
      columns: [
        text('Risk', 40),
        text('Owner', 24),
        num('Likelihood'),
        num('Impact'),
        num('Score', 8),
        { header: 'Band', kind: 'rag', width: 10 },
        num('Previous score', 14),
        text('Movement', 14),
        text('Mitigations', 60),
      ],
      rows: r.risks.map((x) => [
        x.title,
        x.owner,
        x.likelihood,
        x.impact,
        x.score,
        x.band,
        x.previousScore,
        RISK_MOVEMENT_LABELS[x.movement],
        x.mitigations,
      ]),
    },
    {
      name: 'Decisions and actions',
      columns: [
        text('Kind', 16),
        text('Decision or action', 70),
        text('Meeting', 30),
        text('Owner', 24),
        date('Due date'),
        text('Status', 40),
        text('Recorded by', 24),
      ],
      rows: items.flatMap(([kind, list]) =>
        list.map((i) => [kind, i.text, i.meetingTitle, i.owner, i.dueDate, itemStatus(i), i.recordedBy.name]),
      ),
    },
  ];
}

/**
 * The board's record as CSV rows in the Actions table's own columns (found by header, so a column added to
 * that table leaves these rows right): the section in Theme, the text in "What we want to achieve".
 */
export function boardRecordCsvRows(s: ProgressSummary, headers: string[]): TableValue[][] {
  const r = s.boardRecord;
  if (!r) return [];
  const row = (v: Record<string, TableValue>) => headers.map((h) => v[h] ?? null);
  const out: TableValue[][] = [];
  const narrative = (section: string, n: PackRecord['summary']) =>
    row({
      Ref: 'Narrative',
      Theme: section,
      'What we want to achieve': n.text,
      'Commentary date': n.updatedAt,
      'Commentary by': n.updatedBy?.name ?? null,
    });
  if (r.summary.text.trim()) out.push(narrative('Executive summary', r.summary));
  for (const t of narrativeOf(r)) out.push(narrative(t.themeTitle ?? '', t));
  for (const x of r.risks)
    out.push(
      row({
        Ref: `Risk ${x.riskId}`,
        Theme: 'Risk register',
        'What we want to achieve': x.title,
        Leads: x.owner,
        Status: `Score ${x.score} (${x.likelihood} × ${x.impact})`,
        RAG: x.band,
        Movement: movementWords(x),
        'Latest commentary': x.mitigations,
      }),
    );
  const items: [string, BoardItem[]][] = [
    ['Decisions', r.decisions],
    ['Board actions', r.boardActions],
    ['Matters arising', r.mattersArising],
  ];
  for (const [section, list] of items)
    for (const i of list)
      out.push(
        row({
          Ref: i.kind === 'decision' ? 'Decision' : 'Board action',
          Theme: section,
          'What we want to achieve': i.text,
          Leads: i.owner,
          Status: i.kind === 'action' ? itemStatus(i) : null,
          'Due date': i.dueDate,
          'Commentary date': i.recordedAt,
          'Commentary by': i.recordedBy.name,
        }),
      );
  return out;
}
