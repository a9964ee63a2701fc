import { Type, type Static } from '@sinclair/typebox';
import { TEXT_LIMITS } from '../limits.js';
import { EVIDENCE_KINDS, EVIDENCE_PURPOSES, EVIDENCE_REVIEW_STATES } from '../enums.js';
import { Id, IsoDate, IsoDateTime, List, Nullable, PersonRef, StringEnum } from './common.js';

export const EvidencePurposeSchema = StringEnum(EVIDENCE_PURPOSES, {
  description: 'completion: shows the action was done; impact: shows it made a difference for children',
});

export const Evidence = Type.Object(
  {
    id: Id,
    actionId: Id,
    actionRef: Type.String(),
    kind: StringEnum(EVIDENCE_KINDS),
    title: Type.String(),
    description: Type.String(),
    purpose: EvidencePurposeSchema,
    /** When the thing it shows happened, not when it was uploaded. */
    effectiveDate: IsoDate,
    fileName: Nullable(Type.String({ description: 'Display text only' })),
    contentType: Nullable(Type.String()),
    fileSize: Nullable(Type.Integer()),
    url: Nullable(Type.String()),
    note: Nullable(Type.String()),
    uploadedBy: PersonRef,
    uploadedAt: IsoDateTime,
    reviewState: StringEnum(EVIDENCE_REVIEW_STATES),
    reviewedBy: Nullable(PersonRef),
    reviewedAt: Nullable(IsoDateTime),
    reviewComment: Nullable(Type.String()),
    withdrawnAt: Nullable(IsoDateTime),
    withdrawnBy: Nullable(PersonRef),
    withdrawnReason: Nullable(Type.String()),
    version: Type.Integer(),
  },
  { $id: 'Evidence', title: 'Evidence' },
);
export type Evidence = Static<typeof Evidence>;

export const EvidenceList = List(Evidence, 'EvidenceList');

const common = {
  title: Type.String({ minLength: 1, maxLength: 300 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  purpose: EvidencePurposeSchema,
  effectiveDate: IsoDate,
};

export const CreateEvidenceBody = Type.Object(
  {
    kind: StringEnum(['link', 'note'] as const),
    ...common,
    url: Type.Optional(Type.String({ maxLength: 2000, description: 'For a link: http or https only' })),
    note: Type.Optional(Type.String({ maxLength: 20000, description: 'For a note: the text' })),
  },
  {
    additionalProperties: false,
    $id: 'CreateEvidenceBody',
    title: 'CreateEvidenceBody',
    description: 'A link or a written note. Files go to POST /api/actions/{id}/evidence/files.',
  },
);
export type CreateEvidenceBody = Static<typeof CreateEvidenceBody>;

/** The text fields of a file upload (multipart/form-data, alongside the `file` part). */
export const EvidenceFileFields = Type.Object(
  {
    ...common,
    file: Type.Optional(
      Type.String({ format: 'binary', description: 'The file itself (multipart file part)' }),
    ),
  },
  { additionalProperties: false, $id: 'EvidenceFileFields', title: 'EvidenceFileFields' },
);
export type EvidenceFileFields = Static<typeof EvidenceFileFields>;

export const ReviewEvidenceBody = Type.Object(
  {
    decision: StringEnum(['accepted', 'rejected'] as const),
    comment: Type.Optional(
      Type.String({ maxLength: TEXT_LIMITS.comment, description: 'Required when rejecting' }),
    ),
  },
  { additionalProperties: false, $id: 'ReviewEvidenceBody', title: 'ReviewEvidenceBody' },
);
export type ReviewEvidenceBody = Static<typeof ReviewEvidenceBody>;

export const EvidenceQueueItem = Type.Composite(
  [Evidence, Type.Object({ actionObjective: Type.String(), planId: Id })],
  {
    $id: 'EvidenceQueueItem',
    title: 'EvidenceQueueItem',
  },
);
export type EvidenceQueueItem = Static<typeof EvidenceQueueItem>;

export const EvidenceQueue = List(EvidenceQueueItem, 'EvidenceQueue');
