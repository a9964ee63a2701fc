/** The board's record: meeting narratives, the risk register and its reviews, decisions and board actions. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.js';
import {
  boardItems,
  meetingNarratives,
  meetings,
  riskActions,
  riskRecommendations,
  riskReviews,
  risks,
  users,
} from '../db/schema.js';

export type NarrativeRow = typeof meetingNarratives.$inferSelect;
export type RiskRow = typeof risks.$inferSelect;
export type RiskReviewRow = typeof riskReviews.$inferSelect & {
  recorderName: string;
  recorderJobTitle: string;
  meetingTitle: string | null;
};
export type BoardItemRow = typeof boardItems.$inferSelect & {
  meetingTitle: string;
  meetingDate: string;
  meetingCutoff: string;
  recorderName: string;
  recorderJobTitle: string;
  closerName: string | null;
  closerJobTitle: string | null;
  closedMeetingTitle: string | null;
  closedMeetingCutoff: string | null;
  withdrawerName: string | null;
  withdrawerJobTitle: string | null;
};

const recorder = alias(users, 'recorder');
const closer = alias(users, 'closer');
const withdrawer = alias(users, 'withdrawer');
const closedMeeting = alias(meetings, 'closed_meeting');

export function createBoardRecordRepository(db: Db) {
  return {
    // ---- narratives
    narratives(meetingId: number): (NarrativeRow & { updaterName: string; updaterJobTitle: string })[] {
      return db
        .select({ n: meetingNarratives, name: users.name, jobTitle: users.jobTitle })
        .from(meetingNarratives)
        .innerJoin(users, eq(users.id, meetingNarratives.updatedBy))
        .where(eq(meetingNarratives.meetingId, meetingId))
        .all()
        .map(({ n, name, jobTitle }) => ({ ...n, updaterName: name, updaterJobTitle: jobTitle }));
    },

    findNarrative(meetingId: number, section: number): NarrativeRow | undefined {
      return db
        .select()
        .from(meetingNarratives)
        .where(and(eq(meetingNarratives.meetingId, meetingId), eq(meetingNarratives.section, section)))
        .get();
    },

    insertNarrative(row: typeof meetingNarratives.$inferInsert): NarrativeRow {
      return db.insert(meetingNarratives).values(row).returning().get();
    },

    updateNarrative(
      id: number,
      version: number,
      patch: { text: string; updatedBy: number; updatedAt: string },
    ) {
      return db
        .update(meetingNarratives)
        .set({ ...patch, version: version + 1 })
        .where(and(eq(meetingNarratives.id, id), eq(meetingNarratives.version, version)))
        .returning()
        .get();
    },

    // ---- risks
    risksOfPlan(planId: number): RiskRow[] {
      return db.select().from(risks).where(eq(risks.planId, planId)).orderBy(asc(risks.id)).all();
    },

    findRisk(id: number): RiskRow | undefined {
      return db.select().from(risks).where(eq(risks.id, id)).get();
    },

    insertRisk(row: typeof risks.$inferInsert): RiskRow {
      return db.insert(risks).values(row).returning().get();
    },

    updateRisk(id: number, version: number, patch: Partial<typeof risks.$inferInsert>): RiskRow | undefined {
      return db
        .update(risks)
        .set({ ...patch, version: version + 1 })
        .where(and(eq(risks.id, id), eq(risks.version, version)))
        .returning()
        .get();
    },

    insertReview(row: typeof riskReviews.$inferInsert): void {
      db.insert(riskReviews).values(row).run();
    },

    /** Every scoring of the risks, oldest first. */
    reviews(riskIds: number[]): RiskReviewRow[] {
      if (riskIds.length === 0) return [];
      return db
        .select({ r: riskReviews, name: users.name, jobTitle: users.jobTitle, meetingTitle: meetings.title })
        .from(riskReviews)
        .innerJoin(users, eq(users.id, riskReviews.recordedBy))
        .leftJoin(meetings, eq(meetings.id, riskReviews.meetingId))
        .where(inArray(riskReviews.riskId, riskIds))
        .orderBy(asc(riskReviews.recordedAt), asc(riskReviews.id))
        .all()
        .map(({ r, name, jobTitle, meetingTitle }) => ({
          ...r,
          recorderName: name,
          recorderJobTitle: jobTitle,
          meetingTitle,
        }));
    },

    linkedActions(riskIds: number[]): { riskId: number; actionId: number }[] {
      if (riskIds.length === 0) return [];
      return db.select().from(riskActions).where(inArray(riskActions.riskId, riskIds)).all();
    },

    linkedRecommendations(riskIds: number[]): { riskId: number; recommendationId: number }[] {
      if (riskIds.length === 0) return [];
      return db.select().from(riskRecommendations).where(inArray(riskRecommendations.riskId, riskIds)).all();
    },

    /** Replaces a risk's links (they are not governance records; the audit row keeps before and after). */
    setLinks(riskId: number, actionIds: number[] | undefined, recommendationIds: number[] | undefined): void {
      if (actionIds) {
        db.delete(riskActions).where(eq(riskActions.riskId, riskId)).run();
        if (actionIds.length)
          db.insert(riskActions)
            .values(actionIds.map((actionId) => ({ riskId, actionId })))
            .run();
      }
      if (recommendationIds) {
        db.delete(riskRecommendations).where(eq(riskRecommendations.riskId, riskId)).run();
        if (recommendationIds.length)
          db.insert(riskRecommendations)
            .values(recommendationIds.map((recommendationId) => ({ riskId, recommendationId })))
            .run();
      }
    },

    // ---- decisions and board actions
    /** The board items recorded at any meeting of a plan, oldest first. */
    itemsOfPlan(planId: number): BoardItemRow[] {
      return db
        .select({
          b: boardItems,
          meetingTitle: meetings.title,
          meetingDate: meetings.meetingDate,
          meetingCutoff: meetings.papersCutoff,
          recorderName: recorder.name,
          recorderJobTitle: recorder.jobTitle,
          closerName: closer.name,
          closerJobTitle: closer.jobTitle,
          closedMeetingTitle: closedMeeting.title,
          closedMeetingCutoff: closedMeeting.papersCutoff,
          withdrawerName: withdrawer.name,
          withdrawerJobTitle: withdrawer.jobTitle,
        })
        .from(boardItems)
        .innerJoin(meetings, eq(meetings.id, boardItems.meetingId))
        .innerJoin(recorder, eq(recorder.id, boardItems.recordedBy))
        .leftJoin(closer, eq(closer.id, boardItems.closedBy))
        .leftJoin(closedMeeting, eq(closedMeeting.id, boardItems.closedAtMeetingId))
        .leftJoin(withdrawer, eq(withdrawer.id, boardItems.withdrawnBy))
        .where(eq(meetings.planId, planId))
        .orderBy(asc(boardItems.recordedAt), asc(boardItems.id))
        .all()
        .map(({ b, ...rest }) => ({ ...b, ...rest }));
    },

    findItem(id: number): typeof boardItems.$inferSelect | undefined {
      return db.select().from(boardItems).where(eq(boardItems.id, id)).get();
    },

    insertItem(row: typeof boardItems.$inferInsert): typeof boardItems.$inferSelect {
      return db.insert(boardItems).values(row).returning().get();
    },

    updateItem(id: number, version: number, patch: Partial<typeof boardItems.$inferInsert>) {
      return db
        .update(boardItems)
        .set({ ...patch, version: version + 1 })
        .where(and(eq(boardItems.id, id), eq(boardItems.version, version)))
        .returning()
        .get();
    },
  };
}
export type BoardRecordRepository = ReturnType<typeof createBoardRecordRepository>;
