/** Writes and reads of an action's progress record: updates, timeframe changes, sign-off decisions. */
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { inIdList, jsonObject, parseJsonRows } from './util.js';
import { actionUpdates, actions, dueDateChanges, leads, signOffDecisions, users } from '../db/schema.js';

export type UpdateRow = typeof actionUpdates.$inferSelect;
export type DueDateChangeRow = typeof dueDateChanges.$inferSelect;

export interface LatestUpdateAsOf {
  actionId: number;
  id: number;
  createdAt: string;
  status: UpdateRow['status'];
  reportedRag: UpdateRow['reportedRag'];
  commentary: string;
  authorId: number;
  authorName: string;
  authorJobTitle: string;
  onBehalfOfName: string | null;
}

export function createProgressRepository(db: Db) {
  const insertUpdate = db
    .insert(actionUpdates)
    .values({
      actionId: sql.placeholder('actionId'),
      authorId: sql.placeholder('authorId'),
      onBehalfOfLeadId: sql.placeholder('onBehalfOfLeadId'),
      createdAt: sql.placeholder('createdAt'),
      status: sql.placeholder('status'),
      reportedRag: sql.placeholder('reportedRag'),
      commentary: sql.placeholder('commentary'),
      correctsUpdateId: sql.placeholder('correctsUpdateId'),
    })
    .returning()
    .prepare();
  const latestAsOf = db
    .select({
      j: jsonObject({
        actionId: actionUpdates.actionId,
        id: actionUpdates.id,
        createdAt: actionUpdates.createdAt,
        status: actionUpdates.status,
        reportedRag: actionUpdates.reportedRag,
        commentary: actionUpdates.commentary,
        authorId: actionUpdates.authorId,
        authorName: users.name,
        authorJobTitle: users.jobTitle,
        onBehalfOfName: leads.name,
      }),
    })
    .from(actions)
    .innerJoin(
      actionUpdates,
      eq(
        actionUpdates.id,
        sql`(SELECT l.id FROM action_updates AS l WHERE l.action_id = ${actions.id} AND l.created_at <= ${sql.placeholder('asOf')} ORDER BY l.created_at DESC, l.id DESC LIMIT 1)`,
      ),
    )
    .innerJoin(users, eq(users.id, actionUpdates.authorId))
    .leftJoin(leads, eq(leads.id, actionUpdates.onBehalfOfLeadId))
    .where(inIdList(actions.id, 'ids'))
    .prepare();

  const approvedAsOf = db
    .select({
      actionId: dueDateChanges.actionId,
      toDate: dueDateChanges.toDate,
      decidedAt: dueDateChanges.decidedAt,
    })
    .from(dueDateChanges)
    .where(
      and(
        inIdList(dueDateChanges.actionId, 'ids'),
        eq(dueDateChanges.decision, 'approved'),
        lte(dueDateChanges.decidedAt, sql.placeholder('asOf')),
      ),
    )
    .orderBy(asc(dueDateChanges.id))
    .prepare();

  return {
    insertUpdate(row: typeof actionUpdates.$inferInsert): UpdateRow {
      const inserted = insertUpdate.get({
        onBehalfOfLeadId: null,
        reportedRag: null,
        correctsUpdateId: null,
        ...row,
      });
      if (!inserted) throw new Error('update not written');
      return inserted;
    },

    findUpdate(id: number): UpdateRow | undefined {
      return db.select().from(actionUpdates).where(eq(actionUpdates.id, id)).get();
    },

    insertDueDateChange(row: typeof dueDateChanges.$inferInsert): DueDateChangeRow {
      return db.insert(dueDateChanges).values(row).returning().get();
    },

    findDueDateChange(id: number): DueDateChangeRow | undefined {
      return db.select().from(dueDateChanges).where(eq(dueDateChanges.id, id)).get();
    },

    pendingDueDateChange(actionId: number): DueDateChangeRow | undefined {
      return db
        .select()
        .from(dueDateChanges)
        .where(and(eq(dueDateChanges.actionId, actionId), eq(dueDateChanges.decision, 'pending')))
        .get();
    },

    /** Pending requests of a plan's live actions, oldest first. */
    pendingDueDateChangesOfPlan(planId: number): DueDateChangeRow[] {
      return db
        .select({ c: dueDateChanges })
        .from(dueDateChanges)
        .innerJoin(actions, eq(actions.id, dueDateChanges.actionId))
        .where(
          and(
            eq(actions.planId, planId),
            eq(dueDateChanges.decision, 'pending'),
            sql`${actions.archivedAt} IS NULL`,
          ),
        )
        .orderBy(asc(dueDateChanges.requestedAt))
        .all()
        .map((r) => r.c);
    },

    /** Every timeframe change asked for in a plan by `asOf`, oldest first. */
    dueDateChangesOfPlan(planId: number, asOf: string): DueDateChangeRow[] {
      return db
        .select({ c: dueDateChanges })
        .from(dueDateChanges)
        .innerJoin(actions, eq(actions.id, dueDateChanges.actionId))
        .where(and(eq(actions.planId, planId), lte(dueDateChanges.requestedAt, asOf)))
        .orderBy(asc(dueDateChanges.requestedAt), asc(dueDateChanges.id))
        .all()
        .map((r) => r.c);
    },

    decideDueDateChange(
      id: number,
      patch: Pick<DueDateChangeRow, 'decision' | 'decidedBy' | 'decidedAt' | 'decisionComment'>,
    ): DueDateChangeRow | undefined {
      return db
        .update(dueDateChanges)
        .set(patch)
        .where(and(eq(dueDateChanges.id, id), eq(dueDateChanges.decision, 'pending')))
        .returning()
        .get();
    },

    insertSignOff(row: typeof signOffDecisions.$inferInsert): void {
      db.insert(signOffDecisions).values(row).run();
    },

    /** Each action's latest update at or before `asOf` (ties broken by id). */
    latestUpdatesAsOf(actionIds: number[], asOf: string): Map<number, LatestUpdateAsOf> {
      const out = new Map<number, LatestUpdateAsOf>();
      if (actionIds.length === 0) return out;
      // One index seek per action on (action_id, created_at), newest first: no sort of the whole history.
      const rows = parseJsonRows<LatestUpdateAsOf>(latestAsOf.all({ ids: JSON.stringify(actionIds), asOf }));
      for (const r of rows) out.set(r.actionId, r);
      return out;
    },

    /** Approved due-date changes decided at or before `asOf`, per action. */
    approvedChangesAsOf(
      actionIds: number[],
      asOf: string,
    ): Map<number, { toDate: string; decidedAt: string }[]> {
      const out = new Map<number, { toDate: string; decidedAt: string }[]>();
      if (actionIds.length === 0) return out;
      const rows = approvedAsOf.all({ ids: JSON.stringify(actionIds), asOf });
      for (const r of rows) {
        if (!r.decidedAt) continue;
        out.set(r.actionId, [...(out.get(r.actionId) ?? []), { toDate: r.toDate, decidedAt: r.decidedAt }]);
      }
      return out;
    },
  };
}
export type ProgressRepository = ReturnType<typeof createProgressRepository>;
