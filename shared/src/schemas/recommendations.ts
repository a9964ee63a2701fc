import { Type, type Static } from '@sinclair/typebox';
import { LINK_COVERAGES } from '../enums.js';
import { Id, IsoDateTime, Nullable, PageQuery, StringEnum } from './common.js';
import { SourceKindSchema } from './plans.js';
import { RagSchema } from './rag.js';

export const RecommendationAction = Type.Object({
  id: Id,
  planId: Id,
  ref: Type.String(),
  objective: Type.String(),
  coverage: StringEnum(LINK_COVERAGES),
  scopeNote: Type.String(),
  rag: RagSchema,
});
export type RecommendationAction = Static<typeof RecommendationAction>;

export const Recommendation = Type.Object(
  {
    id: Id,
    sourceId: Id,
    sourceTitle: Type.String(),
    sourceKind: SourceKindSchema,
    /** e.g. "Ofsted recommendation 3", "DfE direction b5" */
    label: Type.String(),
    number: Type.String(),
    text: Type.String(),
    position: Type.Integer(),
    version: Type.Integer(),
    archivedAt: Nullable(IsoDateTime),
    /** The live actions that answer it (in the plan asked for, or in every plan). */
    actions: Type.Array(RecommendationAction),
  },
  { title: 'Recommendation' },
);
export type Recommendation = Static<typeof Recommendation>;

export const RecommendationListQuery = Type.Object(
  {
    planId: Type.Optional(Id),
    sourceId: Type.Optional(Id),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    includeArchived: Type.Optional(Type.Boolean({ default: false })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type RecommendationListQuery = Static<typeof RecommendationListQuery>;

export const CreateRecommendationBody = Type.Object(
  {
    sourceId: Id,
    number: Type.String({ minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9.]+$' }),
    text: Type.String({ minLength: 1, maxLength: 5000 }),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  },
  { additionalProperties: false, title: 'CreateRecommendationBody' },
);
export type CreateRecommendationBody = Static<typeof CreateRecommendationBody>;

export const UpdateRecommendationBody = Type.Object(
  {
    number: Type.Optional(Type.String({ minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9.]+$' })),
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  },
  { additionalProperties: false, minProperties: 1, title: 'UpdateRecommendationBody' },
);
export type UpdateRecommendationBody = Static<typeof UpdateRecommendationBody>;

/** A source's recommendations in a new order (every live one, each once). */
export const RecommendationOrderBody = Type.Object(
  { recommendationIds: Type.Array(Id, { minItems: 1, maxItems: 500, uniqueItems: true }) },
  { additionalProperties: false, title: 'RecommendationOrderBody' },
);
export type RecommendationOrderBody = Static<typeof RecommendationOrderBody>;
