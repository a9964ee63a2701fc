import { Type, type Static } from '@sinclair/typebox';
import { JUDGEMENTS, PLAN_STATUSES, QUARTER_YEARS, SOURCE_KINDS } from '../enums.js';
import { Id, IsoDate, IsoDateTime, List, Nullable, Page, PageQuery, StringEnum } from './common.js';

export const PlanStatusSchema = StringEnum(PLAN_STATUSES);
export const QuarterYearSchema = StringEnum(QUARTER_YEARS, {
  description:
    'How a bare quarter ("Q2 2027") in the plan\'s timeframes is read; "Q2 2027/28" is always financial',
});
const PapersCutoffDays = Type.Integer({ minimum: 0, maximum: 60 });

/** A plan named where an item of it is shown: "Children's Services Improvement Plan (Phase 2)". */
export const PlanRef = Type.Object({
  id: Id,
  title: Type.String(),
  phase: Type.String(),
  status: PlanStatusSchema,
});
export type PlanRef = Static<typeof PlanRef>;

export const Plan = Type.Object(
  {
    id: Id,
    title: Type.String(),
    phase: Type.String(),
    status: PlanStatusSchema,
    description: Type.String(),
    papersCutoffDays: Nullable(
      Type.Integer({ description: 'Days before a meeting its papers close; null for the service default' }),
    ),
    predecessorPlanId: Nullable(Id),
    quarters: QuarterYearSchema,
    sourceIds: Type.Array(Id),
    actionCount: Type.Integer(),
    version: Type.Integer(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    archivedAt: Nullable(IsoDateTime),
  },
  { $id: 'Plan', title: 'Plan' },
);
export type Plan = Static<typeof Plan>;

export const PlanPage = Page(Plan, 'PlanPage');

export const PlanListQuery = Type.Object(
  {
    status: Type.Optional(PlanStatusSchema),
    includeArchived: Type.Optional(Type.Boolean({ default: false })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type PlanListQuery = Static<typeof PlanListQuery>;

export const CreatePlanBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    phase: Type.Optional(Type.String({ maxLength: 100 })),
    status: Type.Optional(PlanStatusSchema),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    papersCutoffDays: Type.Optional(Nullable(PapersCutoffDays)),
    predecessorPlanId: Type.Optional(Nullable(Id)),
    quarters: Type.Optional(QuarterYearSchema),
    sourceIds: Type.Optional(Type.Array(Id, { maxItems: 100, uniqueItems: true })),
  },
  { additionalProperties: false, $id: 'CreatePlanBody', title: 'CreatePlanBody' },
);
export type CreatePlanBody = Static<typeof CreatePlanBody>;

export const UpdatePlanBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    phase: Type.Optional(Type.String({ maxLength: 100 })),
    status: Type.Optional(
      StringEnum(PLAN_STATUSES, {
        description: 'draft → active (live, needs at least one action) → closed (kept readable for good)',
      }),
    ),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    papersCutoffDays: Type.Optional(Nullable(PapersCutoffDays)),
    quarters: Type.Optional(QuarterYearSchema),
    sourceIds: Type.Optional(Type.Array(Id, { maxItems: 100, uniqueItems: true })),
  },
  { additionalProperties: false, minProperties: 1, $id: 'UpdatePlanBody', title: 'UpdatePlanBody' },
);
export type UpdatePlanBody = Static<typeof UpdatePlanBody>;

export const SourceKindSchema = StringEnum(SOURCE_KINDS);
export const JudgementSchema = StringEnum(JUDGEMENTS);

export const Source = Type.Object(
  {
    id: Id,
    kind: SourceKindSchema,
    title: Type.String(),
    citation: Type.String({ description: 'How the plan cites it, e.g. "Ofsted recommendation"' }),
    issuedOn: Nullable(IsoDate),
    judgement: Nullable(JudgementSchema),
    planIds: Type.Array(Id),
    recommendationCount: Type.Integer(),
    version: Type.Integer(),
    archivedAt: Nullable(IsoDateTime),
  },
  { $id: 'Source', title: 'Source' },
);
export type Source = Static<typeof Source>;

export const SourcePage = Page(Source, 'SourcePage');

export const SourceListQuery = Type.Object(
  {
    planId: Type.Optional(Id),
    kind: Type.Optional(SourceKindSchema),
    includeArchived: Type.Optional(Type.Boolean({ default: false })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type SourceListQuery = Static<typeof SourceListQuery>;

export const CreateSourceBody = Type.Object(
  {
    kind: SourceKindSchema,
    title: Type.String({ minLength: 1, maxLength: 300 }),
    citation: Type.Optional(Type.String({ maxLength: 100 })),
    issuedOn: Type.Optional(Nullable(IsoDate)),
    judgement: Type.Optional(Nullable(JudgementSchema)),
    planIds: Type.Optional(Type.Array(Id, { maxItems: 100, uniqueItems: true })),
  },
  { additionalProperties: false, $id: 'CreateSourceBody', title: 'CreateSourceBody' },
);
export type CreateSourceBody = Static<typeof CreateSourceBody>;

export const UpdateSourceBody = Type.Object(
  {
    kind: Type.Optional(SourceKindSchema),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    citation: Type.Optional(Type.String({ maxLength: 100 })),
    issuedOn: Type.Optional(Nullable(IsoDate)),
    judgement: Type.Optional(Nullable(JudgementSchema)),
  },
  { additionalProperties: false, minProperties: 1, $id: 'UpdateSourceBody', title: 'UpdateSourceBody' },
);
export type UpdateSourceBody = Static<typeof UpdateSourceBody>;

export const Area = Type.Object(
  { id: Id, themeId: Id, title: Type.String(), position: Type.Integer(), version: Type.Integer() },
  { $id: 'Area', title: 'Area' },
);
export type Area = Static<typeof Area>;

export const Theme = Type.Object(
  {
    id: Id,
    planId: Id,
    title: Type.String(),
    position: Type.Integer(),
    version: Type.Integer(),
    areas: Type.Array(Area),
  },
  { $id: 'Theme', title: 'Theme' },
);
export type Theme = Static<typeof Theme>;

export const ThemeList = List(Theme, 'ThemeList');

export const CreateThemeBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  },
  { additionalProperties: false, $id: 'CreateThemeBody', title: 'CreateThemeBody' },
);
export type CreateThemeBody = Static<typeof CreateThemeBody>;

export const UpdateThemeBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  },
  { additionalProperties: false, minProperties: 1, $id: 'UpdateThemeBody', title: 'UpdateThemeBody' },
);
export type UpdateThemeBody = Static<typeof UpdateThemeBody>;

/** The council's new order for a plan's themes (every live theme, each once). */
export const ThemeOrderBody = Type.Object(
  { themeIds: Type.Array(Id, { minItems: 1, maxItems: 200, uniqueItems: true }) },
  { additionalProperties: false, $id: 'ThemeOrderBody', title: 'ThemeOrderBody' },
);
export type ThemeOrderBody = Static<typeof ThemeOrderBody>;

/** The council's new order for a theme's areas (every live area, each once). */
export const AreaOrderBody = Type.Object(
  { areaIds: Type.Array(Id, { minItems: 1, maxItems: 200, uniqueItems: true }) },
  { additionalProperties: false, $id: 'AreaOrderBody', title: 'AreaOrderBody' },
);
export type AreaOrderBody = Static<typeof AreaOrderBody>;

/** The plan a person last chose with the plan switcher. */
export const PlanPreference = Type.Object(
  { planId: Nullable(Id) },
  { additionalProperties: false, $id: 'PlanPreference', title: 'PlanPreference' },
);
export type PlanPreference = Static<typeof PlanPreference>;

export const TimeframeCheckQuery = Type.Object(
  {
    text: Type.String({ maxLength: 100, description: 'The timeframe as the plan writes it' }),
    planId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type TimeframeCheckQuery = Static<typeof TimeframeCheckQuery>;

/** What the timeframe parser read from a text, or what to write instead. */
export const TimeframeCheck = Type.Object(
  {
    ok: Type.Boolean(),
    kind: Nullable(StringEnum(['dated', 'complete', 'ongoing'] as const)),
    startDate: Nullable(IsoDate),
    dueDate: Nullable(IsoDate),
    /** When ok is false: what is wrong and what to write instead. */
    message: Nullable(Type.String()),
  },
  { $id: 'TimeframeCheck', title: 'TimeframeCheck' },
);
export type TimeframeCheck = Static<typeof TimeframeCheck>;
