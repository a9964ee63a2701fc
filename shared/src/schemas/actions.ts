import { Type, type Static } from '@sinclair/typebox';
import { TEXT_LIMITS } from '../limits.js';
import {
  ACTION_STATUSES,
  DUE_DATE_DECISIONS,
  LEAD_KINDS,
  LINK_COVERAGES,
  REPORTED_RAGS,
  SIGN_OFF_DECISIONS,
} from '../enums.js';
import { ACTION_FLAG_FILTERS, ACTION_SORTS } from '../flags.js';
import { Id, IsoDate, IsoDateTime, List, Nullable, PageQuery, PersonRef, StringEnum } from './common.js';
import { RagAssessment, RagSchema } from './rag.js';

export const ActionStatusSchema = StringEnum(ACTION_STATUSES);
export const ReportedRagSchema = StringEnum(REPORTED_RAGS, { description: 'The RAG the lead reports' });

export const ActionLead = Type.Object({
  id: Id,
  name: Type.String(),
  kind: StringEnum(LEAD_KINDS),
  userId: Nullable(Id),
});
export type ActionLead = Static<typeof ActionLead>;

export const EvidenceCounts = Type.Object({
  submitted: Type.Integer(),
  accepted: Type.Integer(),
  rejected: Type.Integer(),
  withdrawn: Type.Integer(),
});
export type EvidenceCounts = Static<typeof EvidenceCounts>;

export const ActionSummary = Type.Object(
  {
    id: Id,
    planId: Id,
    /** The plan's title, so a list across plans names each action's plan. */
    planTitle: Type.String(),
    ref: Type.String(),
    objective: Type.String({ description: 'What we want to achieve' }),
    themeId: Id,
    themeTitle: Type.String(),
    areaId: Id,
    areaTitle: Type.String(),
    leads: Type.Array(ActionLead),
    timeframeText: Type.String({ description: 'The timeframe as the plan wrote it' }),
    startDate: Nullable(IsoDate),
    originalDueDate: Nullable(IsoDate),
    dueDate: Nullable(IsoDate),
    status: ActionStatusSchema,
    reportedRag: Nullable(ReportedRagSchema),
    lastUpdateAt: Nullable(IsoDateTime),
    signedOffAt: Nullable(IsoDateTime),
    assessment: RagAssessment,
    evidenceCounts: EvidenceCounts,
    /** The signed-in user leads this action (or may act on it as chair or administrator), and its plan is open. */
    canUpdate: Type.Boolean(),
    /** The action's plan is closed: its record stays as it was, and nothing more is recorded on it. */
    planClosed: Type.Boolean(),
    /** Updated since the latest papers cut-off that has passed. */
    updatedSinceCutoff: Type.Boolean(),
    version: Type.Integer(),
    archivedAt: Nullable(IsoDateTime),
  },
  { $id: 'ActionSummary', title: 'ActionSummary' },
);
export type ActionSummary = Static<typeof ActionSummary>;

export const ActionListQuery = Type.Object(
  {
    theme: Type.Optional(Id),
    area: Type.Optional(Id),
    lead: Type.Optional(Id),
    recommendation: Type.Optional(Id),
    status: Type.Optional(ActionStatusSchema),
    rag: Type.Optional(RagSchema),
    flag: Type.Optional(StringEnum(ACTION_FLAG_FILTERS)),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Words in the ref, objective or action' })),
    includeArchived: Type.Optional(Type.Boolean({ default: false })),
    sort: Type.Optional(
      StringEnum(ACTION_SORTS, { description: 'plan order (default) or most overdue first' }),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ActionListQuery = Static<typeof ActionListQuery>;

/** An action's lead as a list shows it. */
export const ListLead = Type.Object({ id: Id, name: Type.String(), kind: StringEnum(LEAD_KINDS) });
export type ListLead = Static<typeof ListLead>;

const holds = (description: string) => Type.Optional(Type.Literal(true, { description }));

/**
 * The flags of an action's RAG now, as a list carries them: only those that hold. A flag left out is false;
 * a count is there only with its flag (`daysOverdue` with `overdue`, `daysUntilDue` with `dueSoon`,
 * `revisions` with `timeframeRevised`).
 */
export const ListFlags = Type.Object(
  {
    overdue: holds('Past its due date and not signed off'),
    daysOverdue: Type.Optional(Type.Integer({ minimum: 1 })),
    noUpdate: holds('No update has ever been recorded, and the start date has passed'),
    stale: holds("No update since the previous meeting's papers cut-off"),
    dueSoon: holds('Due within the due-soon window'),
    daysUntilDue: Type.Optional(Type.Integer({ minimum: 0 })),
    awaitingSignOff: holds('Reported complete; the board has not yet signed it off'),
    lateStart: holds('Reported not started although its start date has passed'),
    noDueDate: holds('Ongoing: the timeframe gives no due date'),
    timeframeRevised: holds('Its due date has moved by an approved change'),
    revisions: Type.Optional(Type.Integer({ minimum: 1, description: 'Approved changes of due date' })),
  },
  { additionalProperties: false, $id: 'ListFlags', title: 'ListFlags' },
);
export type ListFlags = Static<typeof ListFlags>;

/**
 * An action as a list shows it (the plan's list, My actions): what the rows and cards show, and no more.
 * Its plan, theme and area are named once per answer, not on every row; the action's page has the rest.
 */
export const ActionListItem = Type.Object(
  {
    id: Id,
    ref: Type.String(),
    objective: Type.String({ description: 'What we want to achieve' }),
    areaId: Id,
    leads: Type.Array(ListLead),
    timeframeText: Type.String({ description: 'The timeframe as the plan wrote it' }),
    dueDate: Nullable(IsoDate),
    status: ActionStatusSchema,
    lastUpdateAt: Nullable(IsoDateTime),
    rag: RagSchema,
    flags: ListFlags,
    evidenceCounts: EvidenceCounts,
    /** The signed-in user leads this action (or may act on it as chair or administrator), and its plan is open. */
    canUpdate: Type.Boolean(),
    /** Updated since the latest papers cut-off that has passed. */
    updatedSinceCutoff: Type.Boolean(),
    archivedAt: Type.Optional(IsoDateTime),
  },
  { additionalProperties: false, $id: 'ActionListItem', title: 'ActionListItem' },
);
export type ActionListItem = Static<typeof ActionListItem>;

/** An area of the plan with its theme: named once in a page for the rows in it. */
export const ListArea = Type.Object(
  { id: Id, title: Type.String(), themeId: Id, themeTitle: Type.String() },
  { additionalProperties: false },
);
export type ListArea = Static<typeof ListArea>;

export const ActionPage = Type.Object(
  {
    items: Type.Array(ActionListItem),
    /** The areas of the actions on this page, with their themes, in the plan's order. */
    areas: Type.Array(ListArea),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    total: Type.Integer({ description: 'Number of items matching the filters, on all pages' }),
  },
  { additionalProperties: false, $id: 'ActionPage', title: 'ActionPage' },
);
export type ActionPage = Static<typeof ActionPage>;

export const LinkCoverageSchema = StringEnum(LINK_COVERAGES, {
  description: 'Whether the action answers the recommendation in full or in part',
});

export const RecommendationLinkInput = Type.Object(
  {
    recommendationId: Id,
    coverage: Type.Optional(LinkCoverageSchema),
    scopeNote: Type.Optional(
      Type.String({ maxLength: 500, description: 'e.g. "asylum-seeking children only"' }),
    ),
  },
  { additionalProperties: false },
);
export type RecommendationLinkInput = Static<typeof RecommendationLinkInput>;

export const CreateActionBody = Type.Object(
  {
    ref: Type.String({ minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9][A-Za-z0-9.\\-]*$' }),
    areaId: Id,
    objective: Type.String({ minLength: 1, maxLength: 5000 }),
    description: Type.Optional(Type.String({ maxLength: 20000 })),
    leadIds: Type.Array(Id, { minItems: 1, maxItems: 20, uniqueItems: true }),
    timeframe: Type.String({
      minLength: 1,
      maxLength: 100,
      description:
        'As councils write it: "Mar 2019", "Jul 2018 – Mar 2019", "31/03/2019", "Complete", "Ongoing"',
    }),
    recommendations: Type.Optional(Type.Array(RecommendationLinkInput, { maxItems: 100 })),
  },
  { additionalProperties: false, $id: 'CreateActionBody', title: 'CreateActionBody' },
);
export type CreateActionBody = Static<typeof CreateActionBody>;

export const UpdateActionBody = Type.Object(
  {
    ref: Type.Optional(
      Type.String({ minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9][A-Za-z0-9.\\-]*$' }),
    ),
    areaId: Type.Optional(Id),
    objective: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })),
    description: Type.Optional(Type.String({ maxLength: 20000 })),
    leadIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 20, uniqueItems: true })),
    startDate: Type.Optional(Nullable(IsoDate)),
    timeframe: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'Only while the plan is a draft; once live, the due date moves through due-date-changes',
      }),
    ),
    recommendations: Type.Optional(Type.Array(RecommendationLinkInput, { maxItems: 100 })),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    $id: 'UpdateActionBody',
    title: 'UpdateActionBody',
    description: 'The due date moves only through a timeframe change (due-date-changes).',
  },
);
export type UpdateActionBody = Static<typeof UpdateActionBody>;

/**
 * An update in an action's history (always read with its action, so it does not name it): what the page's
 * timeline shows. `onBehalfOf` and `correctsUpdateId` are there only when they apply.
 */
export const ActionUpdate = Type.Object(
  {
    id: Id,
    createdAt: IsoDateTime,
    status: ActionStatusSchema,
    reportedRag: Nullable(ReportedRagSchema),
    commentary: Type.String(),
    author: PersonRef,
    /** The lead it was recorded for, when someone else recorded it on their behalf. */
    onBehalfOf: Type.Optional(Type.Object({ id: Id, name: Type.String() })),
    /** The earlier update this one corrects, when it is a correction. */
    correctsUpdateId: Type.Optional(Id),
  },
  { $id: 'ActionUpdate', title: 'ActionUpdate' },
);
export type ActionUpdate = Static<typeof ActionUpdate>;

export const ActionUpdateList = List(ActionUpdate, 'ActionUpdateList');

export const CreateUpdateBody = Type.Object(
  {
    status: ActionStatusSchema,
    reportedRag: Type.Optional(Nullable(ReportedRagSchema)),
    commentary: Type.String({
      minLength: 1,
      maxLength: TEXT_LIMITS.commentary,
      description: 'What was done, what is next, any blocker',
    }),
    correctsUpdateId: Type.Optional(Id),
    onBehalfOfLeadId: Type.Optional(Id),
  },
  { additionalProperties: false, $id: 'CreateUpdateBody', title: 'CreateUpdateBody' },
);
export type CreateUpdateBody = Static<typeof CreateUpdateBody>;

export const DueDateChange = Type.Object(
  {
    id: Id,
    actionId: Id,
    fromDate: Nullable(IsoDate),
    toDate: IsoDate,
    reason: Type.String(),
    requestedBy: PersonRef,
    requestedAt: IsoDateTime,
    decision: StringEnum(DUE_DATE_DECISIONS),
    decidedBy: Nullable(PersonRef),
    decidedAt: Nullable(IsoDateTime),
    decisionComment: Nullable(Type.String()),
  },
  { $id: 'DueDateChange', title: 'DueDateChange' },
);
export type DueDateChange = Static<typeof DueDateChange>;

export const CreateDueDateChangeBody = Type.Object(
  {
    toDate: IsoDate,
    reason: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.reason }),
  },
  { additionalProperties: false, $id: 'CreateDueDateChangeBody', title: 'CreateDueDateChangeBody' },
);
export type CreateDueDateChangeBody = Static<typeof CreateDueDateChangeBody>;

export const DecisionBody = Type.Object(
  {
    decision: StringEnum(['approved', 'rejected'] as const),
    comment: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.comment })),
  },
  { additionalProperties: false, $id: 'DecisionBody', title: 'DecisionBody' },
);
export type DecisionBody = Static<typeof DecisionBody>;

export const SignOffRecord = Type.Object(
  {
    id: Id,
    decision: StringEnum(SIGN_OFF_DECISIONS),
    reason: Type.String(),
    decidedBy: PersonRef,
    decidedAt: IsoDateTime,
  },
  { $id: 'SignOffRecord', title: 'SignOffRecord' },
);
export type SignOffRecord = Static<typeof SignOffRecord>;

export const SignOffBody = Type.Object(
  {
    decision: StringEnum(SIGN_OFF_DECISIONS),
    reason: Type.Optional(
      Type.String({ maxLength: TEXT_LIMITS.reason, description: 'Required when sending back' }),
    ),
  },
  { additionalProperties: false, $id: 'SignOffBody', title: 'SignOffBody' },
);
export type SignOffBody = Static<typeof SignOffBody>;

export const LinkedRecommendation = Type.Object({
  id: Id,
  sourceId: Id,
  label: Type.String(),
  text: Type.String(),
  coverage: LinkCoverageSchema,
  scopeNote: Type.String(),
});
export type LinkedRecommendation = Static<typeof LinkedRecommendation>;

export const ActionDetail = Type.Composite(
  [
    ActionSummary,
    Type.Object({
      description: Type.String({ description: 'The action itself' }),
      recommendations: Type.Array(LinkedRecommendation),
      updates: Type.Array(ActionUpdate, { description: 'Newest first' }),
      dueDateChanges: Type.Array(DueDateChange, { description: 'Newest first' }),
      signOffs: Type.Array(SignOffRecord, { description: 'Newest first' }),
      signedOffBy: Nullable(PersonRef),
      rolledOverFromId: Nullable(Id),
      createdAt: IsoDateTime,
      updatedAt: IsoDateTime,
      archivedReason: Nullable(Type.String()),
    }),
  ],
  { $id: 'ActionDetail', title: 'ActionDetail' },
);
export type ActionDetail = Static<typeof ActionDetail>;
