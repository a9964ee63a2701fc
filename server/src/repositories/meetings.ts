import { and, desc, eq, isNull, lte } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { meetings } from '../db/schema.js';

export type MeetingRow = typeof meetings.$inferSelect;

export function createMeetingRepository(db: Db) {
  return {
    /** The latest papers cut-off of a plan's meetings at or before `at` (ISO instant), if any. */
    latestCutoffAtOrBefore(planId: number, at: string): string | null {
      return (
        db
          .select({ cutoff: meetings.papersCutoff })
          .from(meetings)
          .where(
            and(eq(meetings.planId, planId), isNull(meetings.archivedAt), lte(meetings.papersCutoff, at)),
          )
          .orderBy(desc(meetings.papersCutoff))
          .limit(1)
          .get()?.cutoff ?? null
      );
    },
  };
}
export type MeetingRepository = ReturnType<typeof createMeetingRepository>;
