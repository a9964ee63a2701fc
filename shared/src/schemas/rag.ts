import { Type, type Static } from '@sinclair/typebox';
import { RAGS } from '../rag.js';
import { Nullable, StringEnum } from './common.js';

export const RagSchema = StringEnum(RAGS, { description: 'RAG rating; not_started reads "Not started"' });

export const RagFlags = Type.Object({
  overdue: Type.Boolean(),
  daysOverdue: Nullable(Type.Integer({ minimum: 1 })),
  noUpdate: Type.Boolean({ description: 'No update has ever been recorded, and the start date has passed' }),
  stale: Type.Boolean({ description: "No update since the previous meeting's papers cut-off" }),
  dueSoon: Type.Boolean(),
  daysUntilDue: Nullable(Type.Integer({ minimum: 0 })),
  awaitingSignOff: Type.Boolean({ description: 'Reported complete; the board has not yet signed it off' }),
  lateStart: Type.Boolean({ description: 'Reported not started although its start date has passed' }),
  noDueDate: Type.Boolean({ description: 'Ongoing: the timeframe gives no due date' }),
  timeframeRevised: Type.Boolean(),
  revisions: Type.Integer({ minimum: 0, description: 'Approved changes of due date' }),
  slipDays: Type.Integer({ description: 'Days from the original due date to the current one' }),
});
export type RagFlags = Static<typeof RagFlags>;

export const RagAssessment = Type.Object({
  rag: RagSchema,
  flags: RagFlags,
});
export type RagAssessment = Static<typeof RagAssessment>;
