import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { evidence } from '../db/schema.js';

export type EvidenceRow = typeof evidence.$inferSelect;

export function createEvidenceRepository(db: Db) {
  return {
    /** At least one accepted, not withdrawn, item of completion evidence. */
    hasAcceptedCompletion(actionId: number): boolean {
      return (
        db
          .select({ id: evidence.id })
          .from(evidence)
          .where(
            and(
              eq(evidence.actionId, actionId),
              eq(evidence.purpose, 'completion'),
              eq(evidence.reviewState, 'accepted'),
              isNull(evidence.withdrawnAt),
            ),
          )
          .limit(1)
          .get() !== undefined
      );
    },
  };
}
export type EvidenceRepository = ReturnType<typeof createEvidenceRepository>;
