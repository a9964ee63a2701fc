import { Type, type Static } from '@sinclair/typebox';
import { TEXT_LIMITS } from '../limits.js';
import { EVIDENCE_PURPOSES, MEETING_STATUSES, MOVEMENTS } from '../enums.js';
import { RAGS } from '../rag.js';
import {
  ActionLead,
  ActionListItem,
  ActionStatusSchema,
  ActionSummary,
  DueDateChange,
  EvidenceCounts,
  ListLead,
} from './actions.js';
import { Id, IsoDate, IsoDateTime, List, Nullable, PersonRef, StringEnum } from './common.js';
import { PlanRef } from './plans.js';
import { RagFlags, RagSchema } from './rag.js';

export const MovementSchema = StringEnum(MOVEMENTS);
export const RagCounts = Type.Object(
  Object.fromEntries(RAGS.map((r) => [r, Type.Integer()])) as Record<
    (typeof RAGS)[number],
    ReturnType<typeof Type.Integer>
  >,
  { $id: 'RagCounts', title: 'RagCounts' },
);
export type RagCounts = Static<typeof RagCounts>;

export const Meeting = Type.Object(
  {
    id: Id,
    planId: Id,
    title: Type.String(),
    meetingDate: IsoDate,
    papersCutoff: IsoDateTime,
    status: StringEnum(MEETING_STATUSES),
    lockedAt: Nullable(IsoDateTime),
    lockedBy: Nullable(PersonRef),
    version: Type.Integer(),
  },
  { $id: 'Meeting', title: 'Meeting' },
);
export type Meeting = Static<typeof Meeting>;

export const MeetingList = List(Meeting, 'MeetingList');

export const CreateMeetingBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    meetingDate: IsoDate,
    papersCutoff: Type.Optional(IsoDateTime),
  },
  {
    additionalProperties: false,
    $id: 'CreateMeetingBody',
    title: 'CreateMeetingBody',
    description:
      'papersCutoff defaults to a configured number of days before the meeting, at 17:00 London time.',
  },
);
export type CreateMeetingBody = Static<typeof CreateMeetingBody>;

export const UpdateMeetingBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    meetingDate: Type.Optional(IsoDate),
    papersCutoff: Type.Optional(IsoDateTime),
  },
  { additionalProperties: false, minProperties: 1, $id: 'UpdateMeetingBody', title: 'UpdateMeetingBody' },
);
export type UpdateMeetingBody = Static<typeof UpdateMeetingBody>;

export const SnapshotEvidence = Type.Composite([
  EvidenceCounts,
  Type.Object({ acceptedCompletion: Type.Integer(), acceptedImpact: Type.Integer() }),
]);
export type SnapshotEvidence = Static<typeof SnapshotEvidence>;

export const LatestCommentary = Type.Object({
  text: Type.String(),
  at: IsoDateTime,
  author: PersonRef,
  onBehalfOf: Nullable(Type.String()),
});
export type LatestCommentary = Static<typeof LatestCommentary>;

/** An action as reported at a meeting: written once into the snapshot when the meeting is locked. */
export const ReportedAction = Type.Object(
  {
    actionId: Id,
    ref: Type.String(),
    objective: Type.String(),
    themeId: Id,
    themeTitle: Type.String(),
    areaId: Id,
    areaTitle: Type.String(),
    leads: Type.Array(ActionLead),
    recommendationIds: Type.Array(Id),
    timeframeText: Type.String(),
    /** Absent in snapshots written before it was kept. */
    startDate: Type.Optional(Nullable(IsoDate)),
    originalDueDate: Nullable(IsoDate),
    dueDate: Nullable(IsoDate),
    status: ActionStatusSchema,
    rag: RagSchema,
    flags: RagFlags,
    latestCommentary: Nullable(LatestCommentary),
    evidence: SnapshotEvidence,
    /** The RAG at the previous meeting of the plan, as that meeting reported it. */
    previousRag: Nullable(RagSchema),
    movement: MovementSchema,
  },
  { $id: 'ReportedAction', title: 'ReportedAction' },
);
export type ReportedAction = Static<typeof ReportedAction>;

export const AgreedRag = Type.Object(
  {
    rag: RagSchema,
    reason: Type.String(),
    recordedBy: PersonRef,
    recordedAt: IsoDateTime,
  },
  { $id: 'AgreedRag', title: 'AgreedRag' },
);
export type AgreedRag = Static<typeof AgreedRag>;

/**
 * An action as the meeting page shows it: a row of its table (RAG with its flags, at the previous meeting,
 * movement, the latest commentary, the board's agreed RAG) under its theme. The snapshot (ReportedAction)
 * keeps more — dates, area, recommendations, evidence counts — for the exports and the roll-up.
 */
export const MeetingAction = Type.Object(
  {
    actionId: Id,
    ref: Type.String(),
    objective: Type.String(),
    themeId: Id,
    themeTitle: Type.String(),
    /** Name and kind, as lists carry them (views stored at a lock before this also have `userId`). */
    leads: Type.Array(ListLead),
    status: ActionStatusSchema,
    rag: RagSchema,
    flags: RagFlags,
    latestCommentary: Nullable(LatestCommentary),
    /** The RAG at the previous meeting of the plan, as that meeting reported it. */
    previousRag: Nullable(RagSchema),
    movement: MovementSchema,
    agreed: Nullable(AgreedRag),
  },
  { $id: 'MeetingAction', title: 'MeetingAction' },
);
export type MeetingAction = Static<typeof MeetingAction>;

export const MovementCounts = Type.Object(
  Object.fromEntries(MOVEMENTS.map((m) => [m, Type.Integer()])) as Record<
    (typeof MOVEMENTS)[number],
    ReturnType<typeof Type.Integer>
  >,
  { $id: 'MovementCounts', title: 'MovementCounts' },
);
export type MovementCounts = Static<typeof MovementCounts>;

/**
 * An item of evidence accepted by a meeting's cut-off, as the meeting page lists it (by action, then by
 * effective date); the record keeps its kind and effective date too, for the reports.
 */
export const MeetingEvidence = Type.Object(
  {
    id: Id,
    actionId: Id,
    actionRef: Type.String(),
    title: Type.String(),
    purpose: StringEnum(EVIDENCE_PURPOSES),
    acceptedAt: IsoDateTime,
    /** Still listed as the meeting recorded it, with this note: "withdrawn after this meeting was locked". */
    withdrawnAfterLock: Type.Boolean(),
  },
  { title: 'MeetingEvidence' },
);
export type MeetingEvidence = Static<typeof MeetingEvidence>;

export const MeetingView = Type.Object(
  {
    meeting: Meeting,
    previousMeeting: Nullable(Meeting),
    /** True when the meeting is locked and this is what it recorded; false for a computed, live view. */
    frozen: Type.Boolean(),
    /** The moment the RAGs are computed as of: the papers cut-off, or now if the cut-off is still ahead. */
    asOf: IsoDateTime,
    counts: RagCounts,
    previousCounts: Nullable(RagCounts),
    movementCounts: MovementCounts,
    actions: Type.Array(MeetingAction),
    newlyOverdue: Type.Array(Id),
    newlyComplete: Type.Array(Id),
    worsened: Type.Array(Id),
    improved: Type.Array(Id),
    /** Evidence accepted by the cut-off, from the meeting's record once it is locked. */
    evidence: Type.Array(MeetingEvidence),
  },
  { $id: 'MeetingView', title: 'MeetingView' },
);
export type MeetingView = Static<typeof MeetingView>;

export const MeetingComparison = Type.Object(
  {
    from: Meeting,
    to: Meeting,
    fromCounts: RagCounts,
    toCounts: RagCounts,
    movementCounts: MovementCounts,
    rows: Type.Array(
      Type.Object({
        actionId: Id,
        ref: Type.String(),
        objective: Type.String(),
        themeTitle: Type.String(),
        fromRag: Nullable(RagSchema),
        toRag: Nullable(RagSchema),
        movement: StringEnum([...MOVEMENTS, 'removed'] as const, {
          description: 'removed: archived since the earlier meeting',
        }),
      }),
    ),
  },
  { $id: 'MeetingComparison', title: 'MeetingComparison' },
);
export type MeetingComparison = Static<typeof MeetingComparison>;

export const AgreedRagBody = Type.Object(
  {
    rag: RagSchema,
    reason: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.reason }),
  },
  { additionalProperties: false, $id: 'AgreedRagBody', title: 'AgreedRagBody' },
);
export type AgreedRagBody = Static<typeof AgreedRagBody>;

export const RecommendationRollup = Type.Object(
  {
    id: Id,
    label: Type.String(),
    text: Type.String(),
    sourceTitle: Type.String(),
    actions: Type.Array(
      Type.Object({
        actionId: Id,
        ref: Type.String(),
        objective: Type.String(),
        rag: RagSchema,
        agreedRag: Nullable(RagSchema),
      }),
    ),
    counts: RagCounts,
    worstRag: Nullable(RagSchema),
    blueCount: Type.Integer(),
    /** Every answering action answers it only in part: not complete on them alone (the roll-up stops at Green). */
    inPartOnly: Type.Boolean(),
    /** No live action answers it: a gap the board and Ofsted will notice. */
    noLiveAction: Type.Boolean(),
    /** Every action is Blue but no accepted evidence of impact: done, but did it make a difference? */
    allBlueNoImpactEvidence: Type.Boolean(),
  },
  { $id: 'RecommendationRollup', title: 'RecommendationRollup' },
);
export type RecommendationRollup = Static<typeof RecommendationRollup>;

export const RecommendationRollupList = List(RecommendationRollup, 'RecommendationRollupList');

export const RagHistory = Type.Object(
  {
    meetings: Type.Array(Meeting),
    actions: Type.Array(
      Type.Object({
        actionId: Id,
        ref: Type.String(),
        objective: Type.String(),
        themeTitle: Type.String(),
        rags: Type.Array(Nullable(RagSchema), {
          description:
            'The RAG at each meeting, in the order of `meetings`; null where the action was not in the plan then',
        }),
        agreed: Type.Array(Type.Object({ meetingId: Id, rag: RagSchema }), {
          description: 'The RAGs the board agreed for this action, at the meetings where it recorded one',
        }),
      }),
    ),
  },
  {
    $id: 'RagHistory',
    title: 'RagHistory',
    description: 'Actions down, meetings across: one compact row per action, a RAG per meeting.',
  },
);
export type RagHistory = Static<typeof RagHistory>;

/** The lead's home: their actions, what needs an update before the next papers deadline first. */
/**
 * A lead's actions in one plan, with that plan's next meeting (and so its papers deadline): the ids of its
 * actions in MyActions' `items`, in that order (each action is sent once, not once per list it is in).
 */
export const MyPlanActions = Type.Object(
  {
    plan: PlanRef,
    nextMeeting: Nullable(Meeting),
    actionIds: Type.Array(Id),
  },
  { $id: 'MyPlanActions', title: 'MyPlanActions' },
);
export type MyPlanActions = Static<typeof MyPlanActions>;

export const MyActions = Type.Object(
  {
    /** The soonest papers deadline across the lead's plans. */
    nextMeeting: Nullable(Meeting),
    items: Type.Array(ActionListItem),
    /** The same actions grouped by live plan, each with its own next meeting. */
    plans: Type.Array(MyPlanActions),
  },
  { $id: 'MyActions', title: 'MyActions' },
);
export type MyActions = Static<typeof MyActions>;

export const WorsenedAction = Type.Object({ action: ActionSummary, previousRag: RagSchema });
export type WorsenedAction = Static<typeof WorsenedAction>;

export const PendingTimeframeRequest = Type.Object({ change: DueDateChange, action: ActionSummary });
export type PendingTimeframeRequest = Static<typeof PendingTimeframeRequest>;

/** The chair's overview of a plan, now. */
export const ChairOverview = Type.Object(
  {
    asOf: IsoDateTime,
    previousMeeting: Nullable(Meeting),
    nextMeeting: Nullable(Meeting),
    counts: RagCounts,
    overdue: Type.Array(ActionSummary),
    worsened: Type.Array(WorsenedAction),
    noUpdate: Type.Array(ActionSummary, {
      description: 'Never updated, or nothing since the last papers cut-off',
    }),
    awaitingSignOff: Type.Array(ActionSummary),
    otherRed: Type.Array(ActionSummary, {
      description:
        'Every Red action in none of the lists above (overdue, worse, no update, awaiting sign-off)',
    }),
    pendingTimeframeRequests: Type.Array(PendingTimeframeRequest),
    evidenceAwaitingReview: Type.Integer(),
  },
  { $id: 'ChairOverview', title: 'ChairOverview' },
);
export type ChairOverview = Static<typeof ChairOverview>;

export const OverviewQuery = Type.Object(
  {
    theme: Type.Optional(Id),
    lead: Type.Optional(Id),
    recommendation: Type.Optional(Id),
    sort: Type.Optional(StringEnum(['plan', 'days_overdue'] as const)),
  },
  { additionalProperties: false },
);
export type OverviewQuery = Static<typeof OverviewQuery>;
