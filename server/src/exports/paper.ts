/**
 * The paper (DOCX and PDF) as a list of blocks: headings, paragraphs and tables, in reading order. Both
 * renderers draw the same blocks, so the Word and PDF papers say the same things in the same order.
 */
import {
  EVIDENCE_PURPOSE_LABELS,
  formatDate,
  MOVEMENT_LABELS,
  MOVEMENTS,
  RAG_DESCRIPTIONS,
  RAG_LABELS,
  RAG_REPORT_ORDER,
  type Rag,
} from '@ipt/shared';
import type { ProgressSummary, SummaryAction } from '@ipt/shared/schemas';
import {
  asOfLine,
  commentaryByline,
  countsHeader,
  evidenceNote,
  flagsText,
  PROVISIONAL,
  ragBasisLine,
  comparedLine,
  coverageFlags,
  decisionText,
  documentTitle,
  filtersLine,
  EVIDENCE_KIND_LABELS,
  footerText,
  leadsText,
  longDate,
  producedLine,
  ragLabel,
  ragWithAgreed,
  recordLine,
  scopeLine,
} from './format.js';
import { boardRecordBlocks } from './board-record.js';
import { performanceBlocks } from './performance.js';

export interface PaperCell {
  text: string;
  /** A second, smaller line: who wrote a commentary and when. */
  detail?: string;
  /** Shade the cell in this RAG's colour (the text always says the RAG too). */
  rag?: Rag;
  bold?: boolean;
}

export interface PaperColumn {
  header: string;
  /** Share of the table's width, in any unit; the renderers scale them to the page. */
  width: number;
  align?: 'left' | 'right';
}

export type ParagraphStyle = 'normal' | 'lead' | 'meta' | 'quote' | 'warning' | 'small';

export type PaperBlock =
  | { kind: 'title'; text: string; subtitle: string }
  | { kind: 'heading'; level: 1 | 2; text: string }
  | {
      kind: 'paragraph';
      text: string;
      style?: ParagraphStyle;
      /** Keep on the same page as the block after it (a table's introduction). */
      keepWithNext?: boolean;
    }
  | {
      kind: 'table';
      label: string;
      columns: PaperColumn[];
      rows: PaperCell[][];
      /** The first column names each row (a count table): TH with scope Row in the PDF, bold in Word. */
      rowHeaders?: boolean;
    }
  | { kind: 'pageBreak' };

export interface Paper {
  title: string;
  subject: string;
  author: string;
  footer: string;
  blocks: PaperBlock[];
}

const cell = (text: string, extra: Omit<PaperCell, 'text'> = {}): PaperCell => ({ text, ...extra });

function ragCell(action: SummaryAction): PaperCell {
  return { text: ragWithAgreed(action), rag: action.rag };
}

function commentaryCell(action: SummaryAction): PaperCell {
  if (!action.latestCommentary) return { text: 'No update recorded' };
  const byline = commentaryByline(action);
  return byline ? { text: action.latestCommentary, detail: byline } : { text: action.latestCommentary };
}

/** Under an action's wording: its theme, timeframe, start and due dates. */
function actionDetail(a: SummaryAction): string {
  const parts = [a.themeTitle, `Timeframe: ${a.timeframeText || 'none given'}`];
  if (a.startDate) parts.push(`Start: ${longDate(a.startDate)}`);
  parts.push(`Due: ${longDate(a.dueDate) || 'no date'}`);
  return parts.join('. ');
}

const REF: PaperColumn = { header: 'Ref', width: 7 };
const OBJECTIVE: PaperColumn = { header: 'What we want to achieve', width: 27 };
const LEADS: PaperColumn = { header: 'Leads', width: 17 };
const RAG: PaperColumn = { header: 'RAG', width: 13 };

export function buildPaper(s: ProgressSummary): Paper {
  const blocks: PaperBlock[] = [];
  const push = (...b: PaperBlock[]) => blocks.push(...b);
  const para = (text: string, style: ParagraphStyle = 'normal'): PaperBlock => ({
    kind: 'paragraph',
    text,
    style,
  });
  const intro = (text: string, style: ParagraphStyle = 'normal'): PaperBlock => ({
    kind: 'paragraph',
    text,
    style,
    keepWithNext: true,
  });

  // Cover
  push(
    para(s.councilName, 'lead'),
    {
      kind: 'title',
      text: s.plan.title,
      subtitle: s.provisional ? `${s.plan.phase} — ${PROVISIONAL}` : s.plan.phase,
    },
    para(asOfLine(s), 'lead'),
    para(recordLine(s)),
    para(comparedLine(s)),
    para(scopeLine(s)),
    // The one line that differs between two exports of the same locked meeting.
    para(producedLine(s), 'meta'),
    { kind: 'pageBreak' },
  );

  // Headline
  const prev = s.headline.previousCounts;
  const nowHeader = countsHeader(s);
  const prevHeader = s.previousMeeting
    ? `Previous meeting (${formatDate(s.previousMeeting.meetingDate)})`
    : 'Previous meeting';
  push(
    { kind: 'heading', level: 1, text: 'Headline' },
    intro(
      `${s.headline.percentComplete}% complete: ${s.headline.counts.blue} of ${s.headline.total} ` +
        `action${s.headline.total === 1 ? '' : 's'} Blue (complete, with the evidence accepted by the board).`,
    ),
    intro(ragBasisLine(s), 'small'),
    {
      kind: 'table',
      label: 'Actions by RAG rating, now and at the previous meeting',
      rowHeaders: true,
      columns: [
        { header: 'RAG', width: 30 },
        { header: nowHeader, width: 35, align: 'right' },
        { header: prevHeader, width: 35, align: 'right' },
      ],
      rows: RAG_REPORT_ORDER.map((rag) => [
        cell(RAG_LABELS[rag], { rag }),
        cell(String(s.headline.counts[rag])),
        cell(prev ? String(prev[rag]) : 'Not available'),
      ]),
    },
    {
      kind: 'table',
      label: 'Movement since the previous meeting',
      rowHeaders: true,
      columns: [
        { header: 'Movement since the previous meeting', width: 65 },
        { header: 'Actions', width: 35, align: 'right' },
      ],
      rows: MOVEMENTS.map((m) => [cell(MOVEMENT_LABELS[m]), cell(String(s.headline.movementCounts[m]))]),
    },
    {
      kind: 'table',
      label: 'What the RAG ratings mean',
      columns: [
        { header: 'RAG', width: 30 },
        { header: 'What it means', width: 70 },
      ],
      rows: RAG_REPORT_ORDER.map((rag) => [cell(RAG_LABELS[rag], { rag }), cell(RAG_DESCRIPTIONS[rag])]),
    },
  );

  // The board's record: executive summary, theme narratives, risks, decisions and board actions.
  push(...boardRecordBlocks(s));

  // Progress against each recommendation
  const filtered = filtersLine(s) !== null;
  push({ kind: 'heading', level: 1, text: 'Progress against each recommendation' });
  if (s.recommendations.length === 0) push(para('No recommendation is in scope of this summary.'));
  for (const rec of s.recommendations) {
    push({ kind: 'heading', level: 2, text: rec.label }, intro(rec.text, 'quote'));
    const n = rec.actions.length;
    const overall = rec.worstRag
      ? `Worst RAG: ${ragLabel(rec.worstRag)}. Answered by ${n} action${n === 1 ? '' : 's'}${filtered ? ' in scope' : ''}.`
      : null;
    push(intro(`Source: ${rec.sourceTitle}.${overall ? ` ${overall}` : ''}`, 'small'));
    for (const flag of coverageFlags(rec)) push(intro(`${flag}.`, 'warning'));
    if (rec.actions.length > 0) {
      push({
        kind: 'table',
        label: `Actions answering ${rec.label}`,
        columns: [REF, OBJECTIVE, LEADS, RAG, { header: 'Latest commentary', width: 36 }],
        rows: rec.actions.map((a) => [
          cell(a.ref),
          cell(a.objective),
          cell(leadsText(a.leads)),
          ragCell(a),
          commentaryCell(a),
        ]),
      });
      for (const a of rec.actions) {
        if (a.agreedRag && a.agreedRag !== a.rag && a.agreedReason) {
          push(para(`Board-agreed RAG for ${a.ref}: ${RAG_LABELS[a.agreedRag]}. ${a.agreedReason}`, 'small'));
        }
      }
    }
  }

  // Overdue actions
  push({ kind: 'heading', level: 1, text: 'Overdue actions' });
  if (s.overdue.length === 0) push(para('No action is overdue.'));
  else {
    push(
      intro(
        `${s.overdue.length} action${s.overdue.length === 1 ? ' is' : 's are'} overdue, most overdue first.`,
      ),
    );
    push({
      kind: 'table',
      label: 'Overdue actions',
      columns: [
        REF,
        { header: 'What we want to achieve', width: 24 },
        { header: 'Leads', width: 16 },
        { header: 'Due date', width: 16 },
        { header: 'Days overdue', width: 12, align: 'right' },
        { header: 'Latest commentary', width: 26 },
      ],
      rows: s.overdue.map((a) => [
        cell(a.ref),
        cell(a.objective),
        cell(leadsText(a.leads)),
        cell(longDate(a.dueDate)),
        cell(String(a.daysOverdue ?? '')),
        commentaryCell(a),
      ]),
    });
  }

  // Changes since the previous meeting
  push({ kind: 'heading', level: 1, text: 'Changes since the previous meeting' });
  if (!s.previousMeeting) push(para('There is no earlier meeting to compare with.'));
  else {
    push(intro(`Compared with ${s.previousMeeting.title}.`));
    const movedColumns = [
      REF,
      { header: 'What we want to achieve', width: 39 },
      LEADS,
      { header: 'Previous RAG', width: 15 },
      { header: 'RAG now', width: 22 },
    ];
    const moved = (list: SummaryAction[]) =>
      list.map((a) => [
        cell(a.ref),
        cell(a.objective),
        cell(leadsText(a.leads)),
        a.previousRag ? cell(RAG_LABELS[a.previousRag], { rag: a.previousRag }) : cell('None'),
        ragCell(a),
      ]);
    const groups: [string, SummaryAction[], string][] = [
      ['Newly Blue', s.changes.newlyBlue, 'No action became Blue.'],
      ['Worsened', s.changes.worsened, 'No action worsened.'],
      ['Improved', s.changes.improved, 'No action improved.'],
    ];
    for (const [title, list, none] of groups) {
      push({ kind: 'heading', level: 2, text: `${title} (${list.length})` });
      if (list.length === 0) push(para(none));
      else push({ kind: 'table', label: title, columns: movedColumns, rows: moved(list) });
    }
    push({ kind: 'heading', level: 2, text: `Newly overdue (${s.changes.newlyOverdue.length})` });
    if (s.changes.newlyOverdue.length === 0) push(para('No action became overdue.'));
    else {
      push({
        kind: 'table',
        label: 'Newly overdue',
        columns: [
          REF,
          { header: 'What we want to achieve', width: 39 },
          LEADS,
          { header: 'Due date', width: 22 },
          { header: 'Days overdue', width: 15, align: 'right' },
        ],
        rows: s.changes.newlyOverdue.map((a) => [
          cell(a.ref),
          cell(a.objective),
          cell(leadsText(a.leads)),
          cell(longDate(a.dueDate)),
          cell(String(a.daysOverdue ?? '')),
        ]),
      });
    }
  }

  // Timeframe changes
  push({ kind: 'heading', level: 1, text: 'Timeframe changes' });
  if (s.timeframeChanges.length === 0) push(para('No timeframe change has been asked for.'));
  for (const t of s.timeframeChanges) {
    push(
      { kind: 'heading', level: 2, text: `Action ${t.ref}` },
      intro(t.objective),
      intro(
        `Original due date: ${longDate(t.originalDueDate) || 'none'}. ` +
          `Current due date: ${longDate(t.dueDate) || 'none'}. ` +
          `Times revised: ${t.revisions}.`,
        'small',
      ),
      {
        kind: 'table',
        label: `Timeframe changes for ${t.ref}`,
        columns: [
          { header: 'Asked for', width: 17 },
          { header: 'From', width: 17 },
          { header: 'To', width: 17 },
          { header: 'Reason', width: 25 },
          { header: 'Decision', width: 24 },
        ],
        rows: t.changes.map((c) => [
          cell(formatDate(c.requestedAt)),
          cell(longDate(c.fromDate) || 'No date'),
          cell(longDate(c.toDate)),
          cell(c.reason),
          cell(decisionText(c)),
        ]),
      },
    );
  }

  // Evidence
  push({ kind: 'heading', level: 1, text: 'Evidence' });
  if (s.evidence.length === 0) push(para(`No evidence had been accepted by ${formatDate(s.asOf)}.`));
  else push(para(`Evidence accepted by the board by ${formatDate(s.asOf)}, by action.`));
  for (const e of s.evidence) {
    push({ kind: 'heading', level: 2, text: `Action ${e.ref}` }, intro(e.objective), {
      kind: 'table',
      label: `Evidence for ${e.ref}`,
      columns: [
        { header: 'Evidence', width: 32 },
        { header: 'Kind', width: 9 },
        { header: 'Purpose', width: 23 },
        { header: 'Effective date', width: 18 },
        { header: 'Accepted', width: 18 },
      ],
      rows: e.items.map((i) => [
        cell(i.title),
        cell(EVIDENCE_KIND_LABELS[i.kind]),
        cell(EVIDENCE_PURPOSE_LABELS[i.purpose]),
        cell(longDate(i.effectiveDate)),
        cell(longDate(i.acceptedAt)),
      ]),
    });
  }

  push(...performanceBlocks(s));

  // Every action, so the ones answering no recommendation in scope are in the paper too.
  push({ kind: 'heading', level: 1, text: 'All actions' });
  if (s.actions.length === 0) push(para('No action is in scope of this summary.'));
  else {
    push(
      intro(
        'Every action in this summary, in plan order: its RAG as computed and as the board agreed it, ' +
          'its flags and evidence, and its latest commentary.',
      ),
      {
        kind: 'table',
        label: 'All actions',
        columns: [
          { header: 'Ref', width: 6 },
          { header: 'Action', width: 23 },
          { header: 'Leads', width: 16 },
          { header: 'RAG computed', width: 14 },
          { header: 'RAG agreed', width: 11 },
          { header: 'Flags and evidence', width: 13 },
          { header: 'Latest commentary', width: 22 },
        ],
        rows: s.actions.map((a) => [
          cell(a.ref),
          { text: a.objective, detail: actionDetail(a) },
          cell(leadsText(a.leads)),
          cell(RAG_LABELS[a.rag], { rag: a.rag }),
          a.agreedRag ? cell(RAG_LABELS[a.agreedRag], { rag: a.agreedRag }) : cell('Not agreed'),
          { text: flagsText(a) || 'No flags', detail: evidenceNote(a) },
          commentaryCell(a),
        ]),
      },
    );
  }

  return {
    title: documentTitle(s),
    subject: asOfLine(s),
    author: s.producedBy.name,
    footer: footerText(s),
    blocks,
  };
}
