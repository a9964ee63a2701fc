import { Type, type Static } from '@sinclair/typebox';
import {
  BOARD_ITEM_KINDS,
  RISK_BANDS,
  RISK_MOVEMENTS,
  RISK_SCALE_MAX,
  RISK_SCALE_MIN,
  RISK_STATUSES,
} from '../board-record.js';
import { TEXT_LIMITS } from '../limits.js';
import { Id, IsoDate, IsoDateTime, List, Nullable, PersonRef, StringEnum } from './common.js';

const Scale = Type.Integer({ minimum: RISK_SCALE_MIN, maximum: RISK_SCALE_MAX });
const Title = Type.String({ minLength: 1, maxLength: 200 });
const Owner = Type.String({
  minLength: 1,
  maxLength: 200,
  description: 'A job title, e.g. "Head of Finance"',
});
const LongText = Type.String({ maxLength: TEXT_LIMITS.longText });

// ---- Narrative -----------------------------------------------------------------------------------------

/** The executive summary (themeId null) or one theme's narrative, at one meeting. */
export const NarrativeSection = Type.Object(
  {
    themeId: Nullable(Id),
    themeTitle: Nullable(Type.String()),
    text: Type.String(),
    /** 0 until first written; send it back as If-Match ("summary<meetingId>-v0" or "themenarrative<themeId>-v0"). */
    version: Type.Integer({ minimum: 0 }),
    updatedBy: Nullable(PersonRef),
    updatedAt: Nullable(IsoDateTime),
  },
  { title: 'NarrativeSection' },
);
export type NarrativeSection = Static<typeof NarrativeSection>;

export const NarrativeBody = Type.Object(
  { text: Type.String({ maxLength: TEXT_LIMITS.longText }) },
  { additionalProperties: false, title: 'NarrativeBody' },
);
export type NarrativeBody = Static<typeof NarrativeBody>;

export const NarrativeThemeParams = Type.Object({ id: Id, themeId: Id }, { additionalProperties: false });

// ---- Risks ---------------------------------------------------------------------------------------------

export const RiskLink = Type.Object({ id: Id, label: Type.String(), text: Type.String() });
export type RiskLink = Static<typeof RiskLink>;

export const Risk = Type.Object(
  {
    id: Id,
    planId: Id,
    title: Type.String(),
    description: Type.String(),
    owner: Type.String(),
    likelihood: Scale,
    impact: Scale,
    score: Type.Integer(),
    band: StringEnum(RISK_BANDS),
    mitigations: Type.String(),
    status: StringEnum(RISK_STATUSES),
    closedAt: Nullable(IsoDateTime),
    actions: Type.Array(RiskLink),
    recommendations: Type.Array(RiskLink),
    createdAt: IsoDateTime,
    version: Type.Integer(),
  },
  { title: 'Risk' },
);
export type Risk = Static<typeof Risk>;

/** One scoring of a risk: the first when it is raised, then each review. Append-only. */
export const RiskReview = Type.Object(
  {
    id: Id,
    likelihood: Scale,
    impact: Scale,
    score: Type.Integer(),
    band: StringEnum(RISK_BANDS),
    note: Type.String(),
    meetingId: Nullable(Id),
    meetingTitle: Nullable(Type.String()),
    recordedBy: PersonRef,
    recordedAt: IsoDateTime,
  },
  { title: 'RiskReview' },
);
export type RiskReview = Static<typeof RiskReview>;

export const RiskDetail = Type.Composite([Risk, Type.Object({ reviews: Type.Array(RiskReview) })], {
  title: 'RiskDetail',
});
export type RiskDetail = Static<typeof RiskDetail>;

/** A plan's risk register, in the one list envelope. */
export const RiskList = List(RiskDetail, 'RiskList');
export type RiskList = Static<typeof RiskList>;

export const CreateRiskBody = Type.Object(
  {
    title: Title,
    description: Type.Optional(LongText),
    owner: Owner,
    likelihood: Scale,
    impact: Scale,
    mitigations: Type.Optional(LongText),
    actionIds: Type.Optional(Type.Array(Id, { maxItems: 200, uniqueItems: true })),
    recommendationIds: Type.Optional(Type.Array(Id, { maxItems: 200, uniqueItems: true })),
  },
  { additionalProperties: false, title: 'CreateRiskBody' },
);
export type CreateRiskBody = Static<typeof CreateRiskBody>;

export const UpdateRiskBody = Type.Object(
  {
    title: Type.Optional(Title),
    description: Type.Optional(LongText),
    owner: Type.Optional(Owner),
    mitigations: Type.Optional(LongText),
    actionIds: Type.Optional(Type.Array(Id, { maxItems: 200, uniqueItems: true })),
    recommendationIds: Type.Optional(Type.Array(Id, { maxItems: 200, uniqueItems: true })),
    status: Type.Optional(StringEnum(RISK_STATUSES, { description: 'closed: archived, kept in the record' })),
  },
  { additionalProperties: false, minProperties: 1, title: 'UpdateRiskBody' },
);
export type UpdateRiskBody = Static<typeof UpdateRiskBody>;

export const RiskReviewBody = Type.Object(
  {
    likelihood: Scale,
    impact: Scale,
    note: Type.String({
      minLength: 1,
      maxLength: TEXT_LIMITS.reason,
      description: 'Why the score is what it is now',
    }),
    meetingId: Type.Optional(Id),
  },
  { additionalProperties: false, title: 'RiskReviewBody' },
);
export type RiskReviewBody = Static<typeof RiskReviewBody>;

/** A risk as a meeting reports it: its score at the cut-off and how it moved since the previous meeting. */
export const ReportedRisk = Type.Object(
  {
    riskId: Id,
    title: Type.String(),
    owner: Type.String(),
    likelihood: Scale,
    impact: Scale,
    score: Type.Integer(),
    band: StringEnum(RISK_BANDS),
    previousScore: Nullable(Type.Integer()),
    movement: StringEnum(RISK_MOVEMENTS),
    mitigations: Type.String(),
  },
  { title: 'ReportedRisk' },
);
export type ReportedRisk = Static<typeof ReportedRisk>;

// ---- Decisions and board actions ----------------------------------------------------------------------

export const BoardItem = Type.Object(
  {
    id: Id,
    kind: StringEnum(BOARD_ITEM_KINDS),
    meetingId: Id,
    meetingTitle: Type.String(),
    meetingDate: IsoDate,
    text: Type.String(),
    owner: Nullable(Type.String()),
    dueDate: Nullable(IsoDate),
    recordedBy: PersonRef,
    recordedAt: IsoDateTime,
    /** Board actions only: closed, by whom, when and at which meeting. */
    closed: Nullable(
      Type.Object({
        by: PersonRef,
        at: IsoDateTime,
        meetingId: Id,
        meetingTitle: Type.String(),
        note: Type.String(),
      }),
    ),
    /**
     * Withdrawn as recorded in error, by whom, when and why: listed on its meeting's page as withdrawn, left
     * out of the pack and of matters arising. Absent from records frozen before withdrawal existed.
     */
    withdrawn: Type.Optional(
      Nullable(Type.Object({ by: PersonRef, at: IsoDateTime, reason: Type.String() })),
    ),
    version: Type.Integer(),
  },
  { title: 'BoardItem' },
);
export type BoardItem = Static<typeof BoardItem>;

export const BoardItemBody = Type.Object(
  {
    kind: StringEnum(BOARD_ITEM_KINDS),
    text: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.reason }),
    owner: Type.Optional(Type.String({ maxLength: 200, description: 'Required for a board action' })),
    dueDate: Type.Optional(IsoDate),
  },
  { additionalProperties: false, title: 'BoardItemBody' },
);
export type BoardItemBody = Static<typeof BoardItemBody>;

export const CloseBoardActionBody = Type.Object(
  {
    meetingId: Id,
    note: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.reason })),
  },
  { additionalProperties: false, title: 'CloseBoardActionBody' },
);
export type CloseBoardActionBody = Static<typeof CloseBoardActionBody>;

export const WithdrawBoardItemBody = Type.Object(
  {
    reason: Type.String({
      minLength: 1,
      maxLength: TEXT_LIMITS.reason,
      description: 'Why it was recorded in error, e.g. "Recorded against the wrong meeting"',
    }),
  },
  { additionalProperties: false, title: 'WithdrawBoardItemBody' },
);
export type WithdrawBoardItemBody = Static<typeof WithdrawBoardItemBody>;

// ---- The record of one meeting ------------------------------------------------------------------------

export const BoardRecord = Type.Object(
  {
    meetingId: Nullable(Id),
    /** True when the meeting is locked and this is what was frozen at lock. */
    frozen: Type.Boolean(),
    summary: NarrativeSection,
    themes: Type.Array(NarrativeSection),
    risks: Type.Array(ReportedRisk, { description: 'Open risks at the cut-off, highest score first' }),
    decisions: Type.Array(BoardItem),
    boardActions: Type.Array(BoardItem),
    /** Board actions of earlier meetings still open at this one (or closed at it). */
    mattersArising: Type.Array(BoardItem),
    /** Decisions and board actions recorded at this meeting and withdrawn as recorded in error. */
    withdrawn: Type.Array(BoardItem),
    /** What the reader may write now (nothing once the cut-off has passed or the meeting is locked). */
    canWrite: Type.Object({
      summary: Type.Boolean(),
      themeIds: Type.Array(Id),
      decisions: Type.Boolean(),
    }),
  },
  { title: 'BoardRecord' },
);
export type BoardRecord = Static<typeof BoardRecord>;

/** The board's record as a pack carries it (a locked meeting's from what was frozen at lock). */
export const PackRecord = Type.Object(
  {
    summary: NarrativeSection,
    themes: Type.Array(NarrativeSection),
    risks: Type.Array(ReportedRisk),
    decisions: Type.Array(BoardItem),
    boardActions: Type.Array(BoardItem),
    mattersArising: Type.Array(BoardItem),
  },
  { title: 'PackRecord' },
);
export type PackRecord = Static<typeof PackRecord>;
