import { and, asc, desc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { AgreedRag, Meeting } from '@ipt/shared/schemas';
import type { Rag } from '@ipt/shared';
import type { Db } from '../db/client.js';
import { inIdList } from './util.js';
import { agreedRags, meetingRecords, meetingSnapshots, meetings, users } from '../db/schema.js';

export type MeetingRow = typeof meetings.$inferSelect;

const locker = alias(users, 'locker');

export function createMeetingRepository(db: Db) {
  const columns = {
    m: meetings,
    lockerName: locker.name,
    lockerJobTitle: locker.jobTitle,
  };
  type Joined = { m: MeetingRow; lockerName: string | null; lockerJobTitle: string | null };
  const toApi = ({ m, lockerName, lockerJobTitle }: Joined): Meeting => ({
    id: m.id,
    planId: m.planId,
    title: m.title,
    meetingDate: m.meetingDate,
    papersCutoff: m.papersCutoff,
    status: m.status,
    lockedAt: m.lockedAt,
    lockedBy:
      m.lockedBy !== null && lockerName !== null
        ? { id: m.lockedBy, name: lockerName, jobTitle: lockerJobTitle ?? '' }
        : null,
    version: m.version,
  });
  const base = () => db.select(columns).from(meetings).leftJoin(locker, eq(locker.id, meetings.lockedBy));
  const byId = base()
    .where(and(eq(meetings.id, sql.placeholder('id')), isNull(meetings.archivedAt)))
    .prepare();
  const ofPlan = base()
    .where(and(eq(meetings.planId, sql.placeholder('planId')), isNull(meetings.archivedAt)))
    .orderBy(asc(meetings.papersCutoff), asc(meetings.id))
    .prepare();
  const latestPastOf = base()
    .where(
      and(
        eq(meetings.planId, sql.placeholder('planId')),
        isNull(meetings.archivedAt),
        lte(meetings.papersCutoff, sql.placeholder('at')),
      ),
    )
    .orderBy(desc(meetings.papersCutoff))
    .limit(1)
    .prepare();
  const nextOf = base()
    .where(
      and(
        eq(meetings.planId, sql.placeholder('planId')),
        isNull(meetings.archivedAt),
        gt(meetings.papersCutoff, sql.placeholder('at')),
      ),
    )
    .orderBy(asc(meetings.papersCutoff))
    .limit(1)
    .prepare();
  const latestCutoff = db
    .select({ cutoff: meetings.papersCutoff })
    .from(meetings)
    .where(
      and(
        eq(meetings.planId, sql.placeholder('planId')),
        isNull(meetings.archivedAt),
        lte(meetings.papersCutoff, sql.placeholder('at')),
      ),
    )
    .orderBy(desc(meetings.papersCutoff))
    .limit(1)
    .prepare();
  // One row per meeting, its RAGs gathered by SQLite into one JSON object: a grid of 30 meetings is 30 rows.
  const snapshotRagsOf = db
    .select({
      meetingId: meetingSnapshots.meetingId,
      rags: sql<string>`json_group_object(${meetingSnapshots.actionId}, ${meetingSnapshots.rag})`,
    })
    .from(meetingSnapshots)
    .where(inIdList(meetingSnapshots.meetingId, 'ids'))
    .groupBy(meetingSnapshots.meetingId)
    .prepare();
  const latestAgreed = db
    .select({ id: agreedRags.id })
    .from(agreedRags)
    .where(eq(agreedRags.meetingId, sql.placeholder('meetingId')))
    .orderBy(desc(agreedRags.id))
    .limit(1)
    .prepare();

  const snapshotFactsOf = db
    .select({
      actionId: meetingSnapshots.actionId,
      rag: meetingSnapshots.rag,
      overdue: sql<number>`json_extract(${meetingSnapshots.data}, '$.flags.overdue')`,
    })
    .from(meetingSnapshots)
    .where(eq(meetingSnapshots.meetingId, sql.placeholder('meetingId')))
    .prepare();

  return {
    /** A plan's meetings in time order (by papers cut-off). */
    listForPlan(planId: number): Meeting[] {
      return ofPlan.all({ planId }).map(toApi);
    },

    find(id: number): Meeting | undefined {
      const row = byId.get({ id });
      return row ? toApi(row) : undefined;
    },

    /** The meeting before this one in the plan (by papers cut-off). */
    previous(meeting: Meeting): Meeting | undefined {
      const all = this.listForPlan(meeting.planId);
      const i = all.findIndex((m) => m.id === meeting.id);
      return i > 0 ? all[i - 1] : undefined;
    },

    /** The latest papers cut-off of a plan's meetings at or before `at` (ISO instant), if any. */
    latestCutoffAtOrBefore(planId: number, at: string): string | null {
      return latestCutoff.get({ planId, at })?.cutoff ?? null;
    },

    /** The latest meeting whose cut-off has passed. */
    latestPast(planId: number, at: string): Meeting | undefined {
      const row = latestPastOf.get({ planId, at });
      return row ? toApi(row) : undefined;
    },

    /** The next meeting whose cut-off is still ahead. */
    next(planId: number, at: string): Meeting | undefined {
      const row = nextOf.get({ planId, at });
      return row ? toApi(row) : undefined;
    },

    insert(row: typeof meetings.$inferInsert): MeetingRow {
      return db.insert(meetings).values(row).returning().get();
    },

    update(
      id: number,
      version: number,
      patch: Partial<typeof meetings.$inferInsert>,
    ): MeetingRow | undefined {
      return db
        .update(meetings)
        .set({ ...patch, version: version + 1 })
        .where(and(eq(meetings.id, id), eq(meetings.version, version)))
        .returning()
        .get();
    },

    insertSnapshots(rows: (typeof meetingSnapshots.$inferInsert)[]): void {
      // In chunks: SQLite limits the number of bound parameters in one statement.
      for (let i = 0; i < rows.length; i += 200)
        db.insert(meetingSnapshots)
          .values(rows.slice(i, i + 200))
          .run();
    },

    /** Snapshot rows (the JSON text as stored) of meetings, by meeting id. */
    snapshots(meetingIds: number[]): Map<number, { actionId: number; rag: string; data: string }[]> {
      const out = new Map<number, { actionId: number; rag: string; data: string }[]>();
      if (meetingIds.length === 0) return out;
      const rows = db
        .select()
        .from(meetingSnapshots)
        .where(inArray(meetingSnapshots.meetingId, meetingIds))
        .orderBy(asc(meetingSnapshots.meetingId), asc(meetingSnapshots.actionId))
        .all();
      for (const r of rows) {
        const list = out.get(r.meetingId);
        const row = { actionId: r.actionId, rag: r.rag, data: r.data };
        if (list) list.push(row);
        else out.set(r.meetingId, [row]);
      }
      return out;
    },

    /** Of one meeting's snapshot, just each action's RAG and whether it was overdue (no JSON parsed here). */
    snapshotFacts(meetingId: number): Map<number, { rag: Rag; overdue: boolean }> {
      return new Map(
        snapshotFactsOf
          .all({ meetingId })
          .map((r) => [r.actionId, { rag: r.rag, overdue: Boolean(r.overdue) }] as const),
      );
    },

    latestAgreedId(meetingId: number): number {
      return latestAgreed.get({ meetingId })?.id ?? 0;
    },

    /** Just the RAG of each action in each meeting's snapshot. */
    snapshotRags(meetingIds: number[]): Map<number, Map<number, { rag: Rag }>> {
      const out = new Map<number, Map<number, { rag: Rag }>>();
      for (const id of meetingIds) out.set(id, new Map());
      if (meetingIds.length === 0) return out;
      for (const r of snapshotRagsOf.all({ ids: JSON.stringify(meetingIds) })) {
        const rags = out.get(r.meetingId);
        for (const [actionId, rag] of Object.entries(JSON.parse(r.rags) as Record<string, Rag>))
          rags?.set(Number(actionId), { rag });
      }
      return out;
    },

    insertRecord(row: typeof meetingRecords.$inferInsert): void {
      db.insert(meetingRecords).values(row).run();
    },

    /** A locked meeting's record document as stored (meetings locked before records were kept have none). */
    record(meetingId: number): { format: number; data: string } | undefined {
      return db
        .select({ format: meetingRecords.format, data: meetingRecords.data })
        .from(meetingRecords)
        .where(eq(meetingRecords.meetingId, meetingId))
        .get();
    },

    insertAgreed(row: typeof agreedRags.$inferInsert): void {
      db.insert(agreedRags).values(row).run();
    },

    /** The standing agreed RAG (the latest recorded) of each action, per meeting. */
    agreed(meetingIds: number[]): Map<number, Map<number, AgreedRag>> {
      const out = new Map<number, Map<number, AgreedRag>>();
      if (meetingIds.length === 0) return out;
      const rows = db
        .select({ a: agreedRags, name: users.name, jobTitle: users.jobTitle })
        .from(agreedRags)
        .innerJoin(users, eq(users.id, agreedRags.recordedBy))
        .where(inArray(agreedRags.meetingId, meetingIds))
        .orderBy(asc(agreedRags.id))
        .all();
      for (const { a, name, jobTitle } of rows) {
        const m = out.get(a.meetingId) ?? new Map<number, AgreedRag>();
        m.set(a.actionId, {
          rag: a.rag,
          reason: a.reason,
          recordedBy: { id: a.recordedBy, name, jobTitle },
          recordedAt: a.recordedAt,
        });
        out.set(a.meetingId, m);
      }
      return out;
    },
  };
}
export type MeetingRepository = ReturnType<typeof createMeetingRepository>;
