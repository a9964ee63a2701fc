import { Type, type Static } from '@sinclair/typebox';
import { EVIDENCE_KINDS, EVIDENCE_PURPOSES } from '../enums.js';
import { ActionStatusSchema } from './actions.js';
import { Id, IsoDate, IsoDateTime, Nullable, StringEnum } from './common.js';
import { ScorecardRow } from './indicators.js';
import { Meeting, MovementCounts, MovementSchema, RagCounts } from './meetings.js';
import { RagSchema } from './rag.js';

export const EXPORT_FORMATS = ['json', 'docx', 'pdf', 'xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A CSV holds one table: the actions, or the indicators' figures. */
export const EXPORT_CSV_TABLES = ['actions', 'performance'] as const;
export type ExportCsvTable = (typeof EXPORT_CSV_TABLES)[number];

export const ExportQuery = Type.Object(
  {
    format: Type.Optional(
      StringEnum(EXPORT_FORMATS, { description: 'json (the on-screen preview), docx, pdf, xlsx or csv' }),
    ),
    meeting: Type.Optional(Id),
    theme: Type.Optional(Id),
    lead: Type.Optional(Id),
    recommendation: Type.Optional(Id),
    table: Type.Optional(
      StringEnum(EXPORT_CSV_TABLES, {
        description:
          'CSV only: actions (the default, a row per action) or performance (a row per indicator, its figures as numbers with their periods)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuery>;

const SummaryAction = Type.Object({
  actionId: Id,
  ref: Type.String(),
  objective: Type.String(),
  themeTitle: Type.String(),
  areaTitle: Type.String(),
  leads: Type.Array(Type.String()),
  /** Labels of the recommendations it answers, e.g. "Ofsted recommendation 3". */
  recommendations: Type.Array(Type.String()),
  status: ActionStatusSchema,
  rag: RagSchema,
  agreedRag: Nullable(RagSchema),
  agreedReason: Nullable(Type.String()),
  previousRag: Nullable(RagSchema),
  movement: MovementSchema,
  originalDueDate: Nullable(IsoDate),
  dueDate: Nullable(IsoDate),
  daysOverdue: Nullable(Type.Integer()),
  latestCommentary: Nullable(Type.String()),
  latestCommentaryAt: Nullable(IsoDateTime),
  latestCommentaryBy: Nullable(Type.String()),
});
export type SummaryAction = Static<typeof SummaryAction>;

/** A progress summary for the Department, as of a locked meeting (exactly what it recorded) or now. */
export const ProgressSummary = Type.Object(
  {
    councilName: Type.String(),
    plan: Type.Object({ id: Id, title: Type.String(), phase: Type.String() }),
    /** The meeting it is as of, or null for a live summary. */
    meeting: Nullable(Meeting),
    previousMeeting: Nullable(Meeting),
    /** The instant the RAGs are as of: the meeting's papers cut-off, or when produced. */
    asOf: IsoDateTime,
    frozen: Type.Boolean(),
    producedAt: IsoDateTime,
    /** The scorecard as of the same moment (frozen at a locked meeting): the Performance section. */
    performance: Type.Optional(Type.Array(ScorecardRow)),
    producedBy: Type.Object({ name: Type.String(), jobTitle: Type.String() }),
    filters: Type.Object({
      theme: Nullable(Type.String()),
      lead: Nullable(Type.String()),
      recommendation: Nullable(Type.String()),
    }),
    headline: Type.Object({
      total: Type.Integer(),
      counts: RagCounts,
      previousCounts: Nullable(RagCounts),
      percentComplete: Type.Integer({ description: 'Blue as a whole-number percentage of all actions' }),
      movementCounts: MovementCounts,
    }),
    recommendations: Type.Array(
      Type.Object({
        id: Id,
        label: Type.String(),
        text: Type.String(),
        sourceTitle: Type.String(),
        noLiveAction: Type.Boolean(),
        allBlueNoImpactEvidence: Type.Boolean(),
        /** Every answering action answers it only in part: not complete on them alone. */
        inPartOnly: Type.Boolean(),
        worstRag: Nullable(RagSchema),
        actions: Type.Array(SummaryAction),
      }),
    ),
    overdue: Type.Array(SummaryAction, { description: 'Most overdue first' }),
    changes: Type.Object({
      newlyBlue: Type.Array(SummaryAction),
      worsened: Type.Array(SummaryAction),
      improved: Type.Array(SummaryAction),
      newlyOverdue: Type.Array(SummaryAction),
    }),
    timeframeChanges: Type.Array(
      Type.Object({
        ref: Type.String(),
        objective: Type.String(),
        originalDueDate: Nullable(IsoDate),
        dueDate: Nullable(IsoDate),
        revisions: Type.Integer(),
        changes: Type.Array(
          Type.Object({
            fromDate: Nullable(IsoDate),
            toDate: IsoDate,
            reason: Type.String(),
            decision: StringEnum(['pending', 'approved', 'rejected'] as const),
            requestedAt: IsoDateTime,
            decidedAt: Nullable(IsoDateTime),
            decisionComment: Nullable(Type.String()),
          }),
        ),
      }),
    ),
    evidence: Type.Array(
      Type.Object({
        ref: Type.String(),
        objective: Type.String(),
        items: Type.Array(
          Type.Object({
            title: Type.String(),
            kind: StringEnum(EVIDENCE_KINDS),
            purpose: StringEnum(EVIDENCE_PURPOSES),
            effectiveDate: IsoDate,
            acceptedAt: Nullable(IsoDateTime),
          }),
        ),
      }),
    ),
    /** Every action in the summary, in plan order. */
    actions: Type.Array(SummaryAction),
  },
  { title: 'ProgressSummary' },
);
export type ProgressSummary = Static<typeof ProgressSummary>;
