import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Evidence, EvidenceQueueItem, SnapshotEvidence } from '@ipt/shared/schemas';
import type { Db } from '../db/client.js';
import { actions, evidence, users } from '../db/schema.js';
import { createListPartsWriter } from './list-parts.js';
import { inIdList } from './util.js';

const uploader = alias(users, 'uploader');
const reviewer = alias(users, 'reviewer');
const withdrawer = alias(users, 'withdrawer');

export type EvidenceRow = typeof evidence.$inferSelect;

export function createEvidenceRepository(db: Db) {
  const listParts = createListPartsWriter(db);
  const columns = {
    e: evidence,
    actionRef: actions.ref,
    actionObjective: actions.objective,
    planId: actions.planId,
    uploaderName: uploader.name,
    uploaderJobTitle: uploader.jobTitle,
    reviewerName: reviewer.name,
    reviewerJobTitle: reviewer.jobTitle,
    withdrawerName: withdrawer.name,
    withdrawerJobTitle: withdrawer.jobTitle,
  };
  const base = () =>
    db
      .select(columns)
      .from(evidence)
      .innerJoin(actions, eq(actions.id, evidence.actionId))
      .innerJoin(uploader, eq(uploader.id, evidence.uploadedBy))
      .leftJoin(reviewer, eq(reviewer.id, evidence.reviewedBy))
      .leftJoin(withdrawer, eq(withdrawer.id, evidence.withdrawnBy));
  type Joined = {
    e: EvidenceRow;
    actionRef: string;
    actionObjective: string;
    planId: number;
    uploaderName: string;
    uploaderJobTitle: string;
    reviewerName: string | null;
    reviewerJobTitle: string | null;
    withdrawerName: string | null;
    withdrawerJobTitle: string | null;
  };
  const person = (id: number | null, name: string | null, jobTitle: string | null) =>
    id !== null && name !== null ? { id, name, jobTitle: jobTitle ?? '' } : null;
  const toApi = (r: Joined): Evidence => ({
    id: r.e.id,
    actionId: r.e.actionId,
    actionRef: r.actionRef,
    kind: r.e.kind,
    title: r.e.title,
    description: r.e.description,
    purpose: r.e.purpose,
    effectiveDate: r.e.effectiveDate,
    fileName: r.e.fileName,
    contentType: r.e.contentType,
    fileSize: r.e.fileSize,
    url: r.e.url,
    note: r.e.note,
    uploadedBy: { id: r.e.uploadedBy, name: r.uploaderName, jobTitle: r.uploaderJobTitle },
    uploadedAt: r.e.uploadedAt,
    reviewState: r.e.reviewState,
    reviewedBy: person(r.e.reviewedBy, r.reviewerName, r.reviewerJobTitle),
    reviewedAt: r.e.reviewedAt,
    reviewComment: r.e.reviewComment,
    withdrawnAt: r.e.withdrawnAt,
    withdrawnBy: person(r.e.withdrawnBy, r.withdrawerName, r.withdrawerJobTitle),
    withdrawnReason: r.e.withdrawnReason,
    version: r.e.version,
  });

  // Counted in SQL, one group per action (evidence_action_idx): uploaded by asOf; withdrawn only if by
  // asOf; otherwise in the review state it had then (a review after asOf had not happened yet).
  const asOf = sql.placeholder('asOf');
  const kept = sql`(${evidence.withdrawnAt} IS NULL OR ${evidence.withdrawnAt} > ${asOf})`;
  const reviewed = sql`(${evidence.reviewedAt} IS NOT NULL AND ${evidence.reviewedAt} <= ${asOf})`;
  const inState = (state: 'accepted' | 'rejected') =>
    sql`(${kept} AND ${reviewed} AND ${evidence.reviewState} = ${state})`;
  const countsAsOfQuery = db
    .select({
      actionId: evidence.actionId,
      counts: sql<string>`json_object(
        'submitted', sum(${kept} AND (NOT ${reviewed} OR ${evidence.reviewState} = 'submitted')),
        'accepted', sum(${inState('accepted')}),
        'rejected', sum(${inState('rejected')}),
        'withdrawn', sum(NOT ${kept}),
        'acceptedCompletion', sum(${inState('accepted')} AND ${evidence.purpose} = 'completion'),
        'acceptedImpact', sum(${inState('accepted')} AND ${evidence.purpose} <> 'completion'))`,
    })
    .from(evidence)
    .where(and(inIdList(evidence.actionId, 'ids'), lte(evidence.uploadedAt, asOf)))
    .groupBy(evidence.actionId)
    .prepare();

  const acceptedByQuery = db
    .select({
      id: evidence.id,
      actionId: evidence.actionId,
      title: evidence.title,
      kind: evidence.kind,
      purpose: evidence.purpose,
      effectiveDate: evidence.effectiveDate,
      acceptedAt: sql<string>`${evidence.reviewedAt}`,
    })
    .from(evidence)
    .innerJoin(actions, eq(actions.id, evidence.actionId))
    .where(
      and(
        eq(actions.planId, sql.placeholder('planId')),
        // Unary + keeps the review-state index out: the plan's actions first (actions_plan_idx), then
        // each one's evidence, rather than every accepted item of every plan.
        sql`+${evidence.reviewState} = 'accepted'`,
        isNull(evidence.withdrawnAt),
        lte(evidence.reviewedAt, sql.placeholder('asOf')),
      ),
    )
    .orderBy(asc(evidence.actionId), asc(evidence.effectiveDate), asc(evidence.id))
    .prepare();

  return {
    listForActions(actionIds: number[], includeWithdrawn: boolean): Evidence[] {
      if (actionIds.length === 0) return [];
      return base()
        .where(
          and(
            inArray(evidence.actionId, actionIds),
            includeWithdrawn ? undefined : isNull(evidence.withdrawnAt),
          ),
        )
        .orderBy(asc(evidence.actionId), desc(evidence.uploadedAt), desc(evidence.id))
        .all()
        .map(toApi);
    },

    find(id: number): Evidence | undefined {
      const r = base().where(eq(evidence.id, id)).get();
      return r ? toApi(r) : undefined;
    },

    findRow(id: number): EvidenceRow | undefined {
      return db.select().from(evidence).where(eq(evidence.id, id)).get();
    },

    /** Submitted items awaiting the chair's review in a plan, oldest first. */
    queue(planId: number): EvidenceQueueItem[] {
      return base()
        .where(
          and(
            eq(actions.planId, planId),
            eq(evidence.reviewState, 'submitted'),
            isNull(evidence.withdrawnAt),
            isNull(actions.archivedAt),
          ),
        )
        .orderBy(asc(evidence.uploadedAt), asc(evidence.id))
        .all()
        .map((r) => ({ ...toApi(r), actionObjective: r.actionObjective, planId: r.planId }));
    },

    /** Accepted, not withdrawn, items of a plan's actions (for reports). */
    acceptedForPlan(planId: number): Evidence[] {
      return base()
        .where(
          and(
            eq(actions.planId, planId),
            // As in acceptedByQuery: the plan's actions first, not every accepted item of every plan.
            sql`+${evidence.reviewState} = 'accepted'`,
            isNull(evidence.withdrawnAt),
          ),
        )
        .orderBy(asc(evidence.actionId), asc(evidence.effectiveDate), asc(evidence.id))
        .all()
        .map(toApi);
    },

    /**
     * Of a plan's items not withdrawn, those accepted at or before `asOf`, as a meeting lists them (only the
     * columns it shows), by action, effective date and id.
     */
    acceptedByOfPlan(
      planId: number,
      asOf: string,
    ): (Pick<Evidence, 'id' | 'actionId' | 'title' | 'kind' | 'purpose' | 'effectiveDate'> & {
      acceptedAt: string;
    })[] {
      return acceptedByQuery.all({ planId, asOf });
    },

    /** Of these items, those withdrawn since, with when. */
    withdrawnAmong(ids: number[]): Map<number, string> {
      if (ids.length === 0) return new Map();
      return new Map(
        db
          .select({ id: evidence.id, at: evidence.withdrawnAt })
          .from(evidence)
          .where(and(inArray(evidence.id, ids), isNotNull(evidence.withdrawnAt)))
          .all()
          .map((r) => [r.id, r.at ?? ''] as const),
      );
    },

    insert(row: typeof evidence.$inferInsert): EvidenceRow {
      const created = db.insert(evidence).values(row).returning().get();
      listParts.evidenceOfAction(created.actionId);
      return created;
    },

    update(
      id: number,
      version: number,
      patch: Partial<typeof evidence.$inferInsert>,
    ): EvidenceRow | undefined {
      const updated = db
        .update(evidence)
        .set({ ...patch, version: version + 1 })
        .where(and(eq(evidence.id, id), eq(evidence.version, version)))
        .returning()
        .get();
      // Its action's counts in the lists (a review or a withdrawal moves them).
      if (updated) listParts.evidenceOfAction(updated.actionId);
      return updated;
    },

    /** Bytes of the files recorded as evidence (withdrawn ones too: they stay stored), or one person's. */
    fileBytes(uploadedBy?: number): number {
      return (
        db
          .select({ n: sql<number>`coalesce(sum(${evidence.fileSize}), 0)` })
          .from(evidence)
          .where(uploadedBy === undefined ? undefined : eq(evidence.uploadedBy, uploadedBy))
          .get()?.n ?? 0
      );
    },

    hashInUse(hash: string): boolean {
      return (
        db
          .select({ n: sql<number>`1` })
          .from(evidence)
          .where(eq(evidence.fileHash, hash))
          .limit(1)
          .get() !== undefined
      );
    },

    /**
     * Evidence counts of actions as they stood at `asOf`: items uploaded by then, in the review state they
     * had then (a review after `asOf` had not happened yet), withdrawn only if withdrawn by then.
     */
    countsAsOf(actionIds: number[], asOf: string): Map<number, SnapshotEvidence> {
      const out = new Map<number, SnapshotEvidence>();
      if (actionIds.length === 0) return out;
      for (const { actionId, counts } of countsAsOfQuery.all({ ids: JSON.stringify(actionIds), asOf }))
        out.set(actionId, JSON.parse(counts) as SnapshotEvidence);
      return out;
    },

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
