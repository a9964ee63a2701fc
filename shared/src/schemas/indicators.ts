import { Type, type Static } from '@sinclair/typebox';
import {
  COMPARATOR_KINDS,
  FREQUENCIES,
  INDICATOR_RAGS,
  INDICATOR_UNITS,
  POLARITIES,
  THRESHOLD_KINDS,
  TRAVELS,
  VALUE_STATUSES,
} from '../indicators.js';
import { TEXT_LIMITS } from '../limits.js';
import { Id, IsoDate, IsoDateTime, List, Nullable, StringEnum } from './common.js';

export const IndicatorUnitSchema = StringEnum(INDICATOR_UNITS);
export const PolaritySchema = StringEnum(POLARITIES);
export const FrequencySchema = StringEnum(FREQUENCIES);
export const ComparatorKindSchema = StringEnum(COMPARATOR_KINDS);
export const ValueStatusSchema = StringEnum(VALUE_STATUSES);
export const ThresholdKindSchema = StringEnum(THRESHOLD_KINDS);
export const TravelSchema = StringEnum(TRAVELS);
export const IndicatorRagSchema = StringEnum(INDICATOR_RAGS);

const Amount = Type.Number({ minimum: -1e12, maximum: 1e12 });
const PeriodEnd = Type.String({
  format: 'date',
  description: "The period's last day, YYYY-MM-DD: 2024-03-31 is March 2024 (or the quarter or year to it)",
});

export const IndicatorTarget = Type.Object(
  {
    id: Id,
    value: Type.Number(),
    tolerance: Type.Number({ description: 'How far short of the target is still Amber, in the unit' }),
    effectiveFrom: IsoDate,
    recordedAt: IsoDateTime,
  },
  { $id: 'IndicatorTarget', title: 'IndicatorTarget' },
);
export type IndicatorTarget = Static<typeof IndicatorTarget>;

export const IndicatorComparator = Type.Object(
  {
    id: Id,
    kind: ComparatorKindSchema,
    value: Type.Number(),
    periodLabel: Type.String({ description: 'The period the published figure describes, e.g. 2022-23' }),
    recordedAt: IsoDateTime,
  },
  { $id: 'IndicatorComparator', title: 'IndicatorComparator' },
);
export type IndicatorComparator = Static<typeof IndicatorComparator>;

export const IndicatorValue = Type.Object(
  {
    id: Id,
    periodEnd: IsoDate,
    value: Type.Number(),
    status: ValueStatusSchema,
    note: Type.String(),
    recordedAt: IsoDateTime,
    recordedBy: Nullable(Type.Object({ id: Id, name: Type.String() })),
    /** A later value for the same period replaced this one (it is kept). */
    superseded: Type.Boolean(),
  },
  { $id: 'IndicatorValue', title: 'IndicatorValue' },
);
export type IndicatorValue = Static<typeof IndicatorValue>;

export const Threshold = Type.Object(
  { kind: ThresholdKindSchema, amount: Type.Number({ minimum: 0 }) },
  { $id: 'Threshold', title: 'Threshold' },
);
export type Threshold = Static<typeof Threshold>;

export const Indicator = Type.Object(
  {
    id: Id,
    planId: Id,
    name: Type.String(),
    definition: Type.String(),
    unit: IndicatorUnitSchema,
    polarity: PolaritySchema,
    frequency: FrequencySchema,
    owner: Type.String(),
    dataSource: Type.String(),
    /** The indicator's own significance threshold; null uses the default. */
    threshold: Nullable(Threshold),
    /** The threshold in use (the indicator's own, or the default for its unit). */
    effectiveThreshold: Threshold,
    position: Type.Integer(),
    version: Type.Integer(),
    archivedAt: Nullable(IsoDateTime),
    targets: Type.Array(IndicatorTarget),
    comparators: Type.Array(IndicatorComparator),
    actions: Type.Array(
      Type.Object({ id: Id, ref: Type.String(), objective: Type.String(), themeTitle: Type.String() }),
    ),
    recommendations: Type.Array(Type.Object({ id: Id, label: Type.String(), text: Type.String() })),
    /** Every value recorded, oldest period first, corrections after what they replace. */
    values: Type.Array(IndicatorValue),
    /** The value standing for each period now, with the target in force for it and its RAG. */
    series: Type.Array(
      Type.Object({
        periodEnd: IsoDate,
        value: Type.Number(),
        status: ValueStatusSchema,
        note: Type.String(),
        target: Nullable(Type.Number()),
        rag: Nullable(IndicatorRagSchema),
      }),
    ),
  },
  { $id: 'Indicator', title: 'Indicator' },
);
export type Indicator = Static<typeof Indicator>;

export const IndicatorList = List(Indicator, 'IndicatorList');

export const IndicatorListQuery = Type.Object(
  { includeArchived: Type.Optional(Type.Boolean({ default: false })) },
  { additionalProperties: false },
);
export type IndicatorListQuery = Static<typeof IndicatorListQuery>;

export const TargetBody = Type.Object(
  {
    value: Amount,
    tolerance: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 })),
    effectiveFrom: IsoDate,
  },
  { additionalProperties: false, $id: 'TargetBody', title: 'TargetBody' },
);
export type TargetBody = Static<typeof TargetBody>;

export const ComparatorBody = Type.Object(
  {
    kind: ComparatorKindSchema,
    value: Amount,
    periodLabel: Type.String({ minLength: 1, maxLength: 60 }),
  },
  { additionalProperties: false, $id: 'ComparatorBody', title: 'ComparatorBody' },
);
export type ComparatorBody = Static<typeof ComparatorBody>;

const IndicatorFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  definition: Type.String({ maxLength: TEXT_LIMITS.note }),
  unit: IndicatorUnitSchema,
  polarity: PolaritySchema,
  frequency: FrequencySchema,
  owner: Type.String({ maxLength: 200 }),
  dataSource: Type.String({ maxLength: 1000 }),
  threshold: Nullable(Threshold),
  position: Type.Integer({ minimum: 0, maximum: 100000 }),
  actionIds: Type.Array(Id, { maxItems: 200, uniqueItems: true }),
  recommendationIds: Type.Array(Id, { maxItems: 200, uniqueItems: true }),
};

export const CreateIndicatorBody = Type.Object(
  {
    name: IndicatorFields.name,
    unit: IndicatorFields.unit,
    polarity: IndicatorFields.polarity,
    definition: Type.Optional(IndicatorFields.definition),
    frequency: Type.Optional(IndicatorFields.frequency),
    owner: Type.Optional(IndicatorFields.owner),
    dataSource: Type.Optional(IndicatorFields.dataSource),
    threshold: Type.Optional(IndicatorFields.threshold),
    position: Type.Optional(IndicatorFields.position),
    actionIds: Type.Optional(IndicatorFields.actionIds),
    recommendationIds: Type.Optional(IndicatorFields.recommendationIds),
    target: Type.Optional(TargetBody),
  },
  { additionalProperties: false, $id: 'CreateIndicatorBody', title: 'CreateIndicatorBody' },
);
export type CreateIndicatorBody = Static<typeof CreateIndicatorBody>;

export const UpdateIndicatorBody = Type.Partial(Type.Object(IndicatorFields), {
  additionalProperties: false,
  minProperties: 1,
  $id: 'UpdateIndicatorBody',
  title: 'UpdateIndicatorBody',
});
export type UpdateIndicatorBody = Static<typeof UpdateIndicatorBody>;

export const RecordValueBody = Type.Object(
  {
    periodEnd: PeriodEnd,
    value: Amount,
    status: ValueStatusSchema,
    note: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.note })),
  },
  { additionalProperties: false, $id: 'RecordValueBody', title: 'RecordValueBody' },
);
export type RecordValueBody = Static<typeof RecordValueBody>;

/** A period's values for several indicators at once: the monthly entry form. */
export const RecordValuesBody = Type.Object(
  {
    periodEnd: PeriodEnd,
    values: Type.Array(
      Type.Object(
        {
          indicatorId: Id,
          value: Amount,
          status: ValueStatusSchema,
          note: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.note })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false, $id: 'RecordValuesBody', title: 'RecordValuesBody' },
);
export type RecordValuesBody = Static<typeof RecordValuesBody>;

export const RecordValuesResult = Type.Object(
  { recorded: Type.Integer(), periodEnd: IsoDate },
  { $id: 'RecordValuesResult', title: 'RecordValuesResult' },
);
export type RecordValuesResult = Static<typeof RecordValuesResult>;

export const ImportReturnBody = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 255, pattern: '\\.(csv|xlsx|CSV|XLSX)$' }),
    /** The file, base64-encoded. */
    content: Type.String({ minLength: 1, maxLength: 7_000_000, contentEncoding: 'base64' }),
    /** Preview only: check and report, write nothing. */
    dryRun: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false, $id: 'ImportReturnBody', title: 'ImportReturnBody' },
);
export type ImportReturnBody = Static<typeof ImportReturnBody>;

export const ReturnImportProblem = Type.Object(
  {
    row: Type.Integer({ description: 'The row in the file, 1 being the heading row' }),
    column: Type.String({ description: 'The column, as the file heads it (or its letter)' }),
    message: Type.String(),
  },
  { $id: 'ReturnImportProblem', title: 'ReturnImportProblem' },
);
export type ReturnImportProblem = Static<typeof ReturnImportProblem>;

export const ImportReturnResult = Type.Object(
  {
    layout: StringEnum(['rows', 'columns'] as const, {
      description: 'rows: one row per indicator per period; columns: periods across the columns',
    }),
    /** True when every row can be imported (and, without dryRun, was). */
    ok: Type.Boolean(),
    imported: Type.Integer({ description: 'Values written (0 for a preview or when there are problems)' }),
    values: Type.Array(
      Type.Object({
        row: Type.Integer(),
        indicatorId: Id,
        indicatorName: Type.String(),
        periodEnd: IsoDate,
        value: Type.Number(),
        status: ValueStatusSchema,
        note: Type.String(),
      }),
    ),
    problems: Type.Array(ReturnImportProblem),
  },
  { $id: 'ImportReturnResult', title: 'ImportReturnResult' },
);
export type ImportReturnResult = Static<typeof ImportReturnResult>;

export const ScorecardPoint = Type.Object(
  { periodEnd: IsoDate, value: Type.Number(), status: ValueStatusSchema, note: Type.String() },
  { $id: 'ScorecardPoint', title: 'ScorecardPoint' },
);
export type ScorecardPoint = Static<typeof ScorecardPoint>;

export const ScorecardMovement = Type.Object(
  {
    from: ScorecardPoint,
    to: ScorecardPoint,
    change: Type.Number(),
    significant: Type.Boolean(),
    travel: TravelSchema,
  },
  { $id: 'ScorecardMovement', title: 'ScorecardMovement' },
);
export type ScorecardMovement = Static<typeof ScorecardMovement>;

export const ScorecardRow = Type.Object(
  {
    indicatorId: Id,
    name: Type.String(),
    definition: Type.String(),
    unit: IndicatorUnitSchema,
    polarity: PolaritySchema,
    frequency: FrequencySchema,
    owner: Type.String(),
    /** The themes of its linked actions; none: "Not linked to a theme". */
    themes: Type.Array(Type.Object({ id: Id, title: Type.String() })),
    latest: Nullable(ScorecardPoint),
    previous: Nullable(ScorecardPoint),
    baseline: Nullable(ScorecardPoint),
    peak: Nullable(ScorecardPoint),
    trough: Nullable(ScorecardPoint),
    target: Nullable(Type.Object({ value: Type.Number(), tolerance: Type.Number(), effectiveFrom: IsoDate })),
    rag: Nullable(IndicatorRagSchema),
    sincePrevious: Nullable(ScorecardMovement),
    sinceBaseline: Nullable(ScorecardMovement),
    sinceWorst: Nullable(ScorecardMovement),
    comparators: Type.Array(
      Type.Object({ kind: ComparatorKindSchema, value: Type.Number(), periodLabel: Type.String() }),
    ),
    /** The last 12 periods, oldest first, for the trend line. */
    trend: Type.Array(ScorecardPoint),
  },
  { $id: 'ScorecardRow', title: 'ScorecardRow' },
);
export type ScorecardRow = Static<typeof ScorecardRow>;

const MeetingRef = Type.Object({
  id: Id,
  title: Type.String(),
  meetingDate: IsoDate,
  papersCutoff: IsoDateTime,
});

export const Scorecard = Type.Object(
  {
    planId: Id,
    /** The moment the figures stand at: now, or a meeting's papers cut-off. */
    asOf: IsoDateTime,
    /** Frozen at a locked meeting: nothing recorded later changes it. */
    frozen: Type.Boolean(),
    meeting: Nullable(MeetingRef),
    /** The meeting movement is measured from ("since the last meeting"). */
    previousMeeting: Nullable(MeetingRef),
    rows: Type.Array(ScorecardRow),
  },
  { $id: 'Scorecard', title: 'Scorecard' },
);
export type Scorecard = Static<typeof Scorecard>;

export const LinkedIndicator = Type.Object(
  {
    id: Id,
    planId: Id,
    name: Type.String(),
    unit: IndicatorUnitSchema,
    latest: Nullable(ScorecardPoint),
    rag: Nullable(IndicatorRagSchema),
    sinceBaseline: Nullable(ScorecardMovement),
    frequency: FrequencySchema,
  },
  { $id: 'LinkedIndicator', title: 'LinkedIndicator' },
);
export type LinkedIndicator = Static<typeof LinkedIndicator>;

export const LinkedIndicatorList = List(LinkedIndicator, 'LinkedIndicatorList');
