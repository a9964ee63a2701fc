/** Importing a council's plan (CSV, Excel, Word), recommendations from the inspection letter, roll-over. */
import { Type, type Static } from '@sinclair/typebox';
import { IMPORT_FIELDS, LEAD_KINDS } from '../enums.js';
import { Id, IsoDate, Nullable, StringEnum } from './common.js';
import { Plan, QuarterYearSchema } from './plans.js';

export const ImportFieldSchema = StringEnum(IMPORT_FIELDS);
export const ColumnChoiceSchema = StringEnum([...IMPORT_FIELDS, 'ignore'] as const, {
  description: 'A field of the plan, or "ignore" to leave the column out',
});

/** Largest file accepted for an import, before base64 (5 MB). */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

const FileFields = {
  fileName: Type.String({
    minLength: 1,
    maxLength: 255,
    description: 'Its extension decides the format: .csv, .xlsx or .docx',
  }),
  content: Type.String({
    minLength: 1,
    maxLength: Math.ceil((IMPORT_MAX_BYTES * 4) / 3) + 4,
    contentEncoding: 'base64',
    description: 'The file, base64-encoded (at most 5 MB before encoding)',
  }),
};

export const ImportRequest = Type.Object(
  {
    ...FileFields,
    table: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 200,
        description:
          'Which table (worksheet, Word table) holds the plan; the first with a header row if not given',
      }),
    ),
    mapping: Type.Optional(
      Type.Record(Type.String({ maxLength: 200 }), ColumnChoiceSchema, {
        description:
          'Heading key (as the preview lists it) → field or "ignore"; remembered for the plan on commit',
      }),
    ),
    leadSplits: Type.Optional(
      Type.Record(Type.String({ maxLength: 500 }), StringEnum(['split', 'keep'] as const), {
        description:
          'A lead cell part with "and" in it → split it into the proposed leads, or keep it as one',
      }),
    ),
    quarters: Type.Optional(QuarterYearSchema),
  },
  { additionalProperties: false, $id: 'ImportRequest', title: 'ImportRequest' },
);
export type ImportRequest = Static<typeof ImportRequest>;

export const ImportCommitBody = Type.Composite(
  [
    ImportRequest,
    Type.Object({
      previewToken: Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'From the preview: commit what was previewed',
      }),
    }),
  ],
  { additionalProperties: false, $id: 'ImportCommitBody', title: 'ImportCommitBody' },
);
export type ImportCommitBody = Static<typeof ImportCommitBody>;

export const ImportProblem = Type.Object(
  {
    row: Nullable(Type.Integer({ description: 'Row number in the sheet (1 is its first row)' })),
    column: Nullable(Type.String({ description: 'Column letter, e.g. "H"' })),
    field: Nullable(ImportFieldSchema),
    message: Type.String(),
  },
  { $id: 'ImportProblem', title: 'ImportProblem' },
);
export type ImportProblem = Static<typeof ImportProblem>;

export const ImportColumn = Type.Object(
  {
    letter: Type.String(),
    heading: Type.String(),
    key: Type.String(),
    field: Nullable(ImportFieldSchema),
    how: StringEnum(['recognised', 'mapped', 'ignored', 'unrecognised'] as const),
  },
  { $id: 'ImportColumn', title: 'ImportColumn' },
);

export const ImportChange = Type.Object({ field: Type.String(), from: Type.String(), to: Type.String() });
export type ImportChange = Static<typeof ImportChange>;

export const ImportActionRow = Type.Object(
  {
    row: Type.Integer(),
    ref: Type.String(),
    outcome: StringEnum(['create', 'update', 'unchanged', 'problem'] as const),
    theme: Type.String(),
    area: Type.String(),
    objective: Type.String(),
    leads: Type.Array(Type.String()),
    timeframe: Type.String(),
    startDate: Nullable(IsoDate),
    dueDate: Nullable(IsoDate),
    recommendations: Type.Array(Type.String(), { description: 'Labels of the recommendations it answers' }),
    changes: Type.Array(ImportChange),
  },
  { $id: 'ImportActionRow', title: 'ImportActionRow' },
);
export type ImportActionRow = Static<typeof ImportActionRow>;

export const LeadQuestion = Type.Object(
  {
    row: Type.Integer(),
    column: Type.String(),
    text: Type.String({ description: 'The lead as written, with "and" in it; the key for leadSplits' }),
    parts: Type.Array(Type.String()),
    answer: Nullable(StringEnum(['split', 'keep'] as const)),
  },
  { $id: 'LeadQuestion', title: 'LeadQuestion' },
);
export type LeadQuestion = Static<typeof LeadQuestion>;

export const ImportPreview = Type.Object(
  {
    fileName: Type.String(),
    format: StringEnum(['csv', 'xlsx', 'docx'] as const),
    tables: Type.Array(Type.Object({ index: Type.Integer(), name: Type.String(), rows: Type.Integer() })),
    table: Nullable(Type.Integer()),
    headerRow: Nullable(Type.Integer()),
    columns: Type.Array(ImportColumn),
    quarters: QuarterYearSchema,
    actions: Type.Array(ImportActionRow),
    missing: Type.Array(Type.Object({ id: Id, ref: Type.String(), objective: Type.String() }), {
      description:
        'Live actions of the plan that the sheet does not have: listed for a person to archive; never deleted',
    }),
    newThemes: Type.Array(Type.String()),
    newAreas: Type.Array(Type.Object({ theme: Type.String(), area: Type.String() })),
    newLeads: Type.Array(Type.Object({ name: Type.String(), kind: StringEnum(LEAD_KINDS) })),
    leadQuestions: Type.Array(LeadQuestion),
    problems: Type.Array(ImportProblem),
    notes: Type.Array(ImportProblem, { description: 'Worth knowing, but do not stop the import' }),
    counts: Type.Object({
      create: Type.Integer(),
      update: Type.Integer(),
      unchanged: Type.Integer(),
      missing: Type.Integer(),
      problems: Type.Integer(),
    }),
    canCommit: Type.Boolean(),
    previewToken: Type.String(),
  },
  { $id: 'ImportPreview', title: 'ImportPreview' },
);
export type ImportPreview = Static<typeof ImportPreview>;

export const ImportResult = Type.Object(
  {
    planId: Id,
    created: Type.Array(Type.Object({ id: Id, ref: Type.String() })),
    updated: Type.Array(Type.Object({ id: Id, ref: Type.String(), changes: Type.Array(ImportChange) })),
    unchanged: Type.Integer(),
    missing: Type.Array(Type.Object({ id: Id, ref: Type.String(), objective: Type.String() })),
    newLeads: Type.Array(Type.Object({ id: Id, name: Type.String() })),
  },
  { $id: 'ImportResult', title: 'ImportResult' },
);
export type ImportResult = Static<typeof ImportResult>;

export const RecommendationsPreviewBody = Type.Object(
  {
    text: Type.Optional(
      Type.String({
        maxLength: 100_000,
        description: 'The "What needs to improve" list as pasted from the letter',
      }),
    ),
    fileName: Type.Optional(FileFields.fileName),
    content: Type.Optional(FileFields.content),
    sheetSource: Type.Optional(
      Type.String({
        maxLength: 300,
        description: 'With a sheet that has a Source column: only its rows with this source',
      }),
    ),
  },
  { additionalProperties: false, $id: 'RecommendationsPreviewBody', title: 'RecommendationsPreviewBody' },
);
export type RecommendationsPreviewBody = Static<typeof RecommendationsPreviewBody>;

export const RecommendationItem = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9][A-Za-z0-9.\\-]*$' }),
    text: Type.String({ minLength: 1, maxLength: 5000 }),
  },
  { additionalProperties: false, $id: 'RecommendationItem', title: 'RecommendationItem' },
);
export type RecommendationItem = Static<typeof RecommendationItem>;

export const RecommendationsPreview = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        number: Type.String(),
        text: Type.String(),
        outcome: StringEnum(['create', 'update', 'unchanged'] as const),
      }),
    ),
    problems: Type.Array(ImportProblem),
  },
  { $id: 'RecommendationsPreview', title: 'RecommendationsPreview' },
);
export type RecommendationsPreview = Static<typeof RecommendationsPreview>;

export const RecommendationsImportBody = Type.Object(
  { items: Type.Array(RecommendationItem, { minItems: 1, maxItems: 200 }) },
  { additionalProperties: false, $id: 'RecommendationsImportBody', title: 'RecommendationsImportBody' },
);
export type RecommendationsImportBody = Static<typeof RecommendationsImportBody>;

export const RecommendationsImportResult = Type.Object(
  { created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() },
  { $id: 'RecommendationsImportResult', title: 'RecommendationsImportResult' },
);
export type RecommendationsImportResult = Static<typeof RecommendationsImportResult>;

export const RollOverBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    phase: Type.String({ minLength: 1, maxLength: 100, description: 'The next phase, e.g. "Phase 3"' }),
  },
  { additionalProperties: false, $id: 'RollOverBody', title: 'RollOverBody' },
);
export type RollOverBody = Static<typeof RollOverBody>;

export const RollOverResult = Type.Object(
  {
    plan: Plan,
    carried: Type.Array(Type.Object({ id: Id, ref: Type.String(), fromId: Id })),
    stayed: Type.Integer({ description: 'Completed actions left in the old plan' }),
  },
  { $id: 'RollOverResult', title: 'RollOverResult' },
);
export type RollOverResult = Static<typeof RollOverResult>;
