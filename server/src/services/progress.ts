/**
 * Progress on an action: a lead's updates (append-only), timeframe changes asked for by leads and decided by
 * the chair, and the chair's completion sign-off. Every write checks the action's version (If-Match), bumps
 * it, and records who did it, in one transaction.
 */
import { formatDate } from '@ipt/shared';
import type {
  ActionDetail,
  CreateDueDateChangeBody,
  CreateUpdateBody,
  DecisionBody,
  SignOffBody,
} from '@ipt/shared/schemas';
import { inTransaction } from '../db/client.js';
import { canUpdateAction } from '../domain/access.js';
import { problem } from '../lib/problems.js';
import type { Actor } from '../lib/types.js';
import type { ActionRecord, ActionRow } from '../repositories/actions.js';
import type { ActionService } from './actions.js';
import { closedPlanProblem } from '../domain/plan-status.js';
import type { ServiceDeps } from './deps.js';

export function createProgressService(deps: ServiceDeps, actions: ActionService) {
  const { repos, sqlite, clock } = deps;

  function requireRow(id: number): ActionRecord {
    const row = repos.actions.row(id);
    if (!row) throw problem.notFound(`Action ${id}`);
    return row;
  }

  /** The action, if this actor may change its progress; a refused attempt is recorded in the audit log. */
  function requireEditable(actor: Actor, id: number): { row: ActionRow; leadIds: number[] } {
    const row = requireRow(id);
    const leadIds = repos.actions.leadIds(id);
    if (!canUpdateAction(actor, leadIds)) {
      repos.audit.record({
        at: clock().toISOString(),
        userId: actor.id,
        event: 'access_denied',
        entityType: 'action',
        entityId: id,
        after: { attempted: 'progress change', role: actor.role },
      });
      throw problem.forbidden(
        actor.role === 'lead'
          ? `You do not lead action ${row.ref}. Only its leads, the chair and administrators can change it.`
          : `Your role cannot change action ${row.ref}.`,
      );
    }
    if (row.archivedAt) throw problem.conflict(`Action ${row.ref} is archived; its record is closed.`);
    const closed = closedPlanProblem(repos.plans.findRow(row.planId));
    if (closed) throw problem.conflict(closed);
    return { row, leadIds };
  }

  function checkVersion(row: ActionRow, version: number): void {
    if (row.version !== version) {
      throw problem.stale(
        `Action ${row.ref} changed since you opened it (someone recorded something). Reload it, check what changed, and try again.`,
      );
    }
  }

  /** Bumps the action's version under the If-Match check; a concurrent writer makes this throw 412. */
  function bump(
    row: ActionRow,
    version: number,
    patch: Parameters<typeof repos.actions.update>[2],
    now: string,
  ): void {
    if (!repos.actions.update(row.id, version, { ...patch, updatedAt: now })) {
      throw problem.stale(`Action ${row.ref} changed while you were saving. Reload it and try again.`);
    }
  }

  function reload(actor: Actor, id: number): ActionDetail {
    return actions.get(actor, id);
  }

  return {
    postUpdate(actor: Actor, id: number, version: number, body: CreateUpdateBody): ActionDetail {
      const { row, leadIds } = requireEditable(actor, id);
      checkVersion(row, version);
      if (row.signedOffAt) {
        throw problem.conflict(
          `Action ${row.ref} was signed off as complete on ${formatDate(row.signedOffAt)}; its progress record is closed.`,
        );
      }
      let onBehalfOf: number | null = null;
      if (body.onBehalfOfLeadId !== undefined) {
        if (actor.role !== 'admin' && actor.role !== 'chair') {
          throw problem.forbidden(
            'Only an administrator or the chair can record an update on behalf of a lead.',
          );
        }
        if (!leadIds.includes(body.onBehalfOfLeadId)) {
          throw problem.invalid(
            'body.onBehalfOfLeadId',
            `lead ${body.onBehalfOfLeadId} does not lead action ${row.ref}`,
          );
        }
        onBehalfOf = body.onBehalfOfLeadId;
      }
      if (body.correctsUpdateId !== undefined) {
        const corrected = repos.progress.findUpdate(body.correctsUpdateId);
        if (!corrected || corrected.actionId !== id) {
          throw problem.invalid(
            'body.correctsUpdateId',
            `update ${body.correctsUpdateId} is not an update of action ${row.ref}`,
          );
        }
      }
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const update = repos.progress.insertUpdate({
          actionId: id,
          authorId: actor.id,
          onBehalfOfLeadId: onBehalfOf,
          createdAt: now,
          status: body.status,
          reportedRag: body.reportedRag ?? null,
          commentary: body.commentary.trim(),
          correctsUpdateId: body.correctsUpdateId ?? null,
        });
        const latest = {
          status: body.status,
          reportedRag: body.reportedRag ?? null,
          lastUpdateId: update.id,
          lastUpdateAt: now,
        };
        if (!repos.actions.recordLatestUpdate(row.id, version, latest, row.startDate)) {
          throw problem.stale(`Action ${row.ref} changed while you were saving. Reload it and try again.`);
        }
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'create',
          entityType: 'action_update',
          entityId: update.id,
          after: update,
        });
      });
      return reload(actor, id);
    },

    requestDueDateChange(
      actor: Actor,
      id: number,
      version: number,
      body: CreateDueDateChangeBody,
    ): ActionDetail {
      const { row } = requireEditable(actor, id);
      checkVersion(row, version);
      if (row.signedOffAt)
        throw problem.conflict(`Action ${row.ref} is signed off as complete; its timeframe is closed.`);
      if (row.dueDate === body.toDate) {
        throw problem.invalid(
          'body.toDate',
          `the action is already due on ${formatDate(body.toDate)}; choose a different date`,
        );
      }
      if (row.startDate && body.toDate < row.startDate) {
        throw problem.invalid(
          'body.toDate',
          `the new due date must be on or after the start date, ${formatDate(row.startDate)}`,
        );
      }
      const pending = repos.progress.pendingDueDateChange(id);
      if (pending) {
        throw problem.conflict(
          `A request to move the due date to ${formatDate(pending.toDate)} is waiting for the chair's decision. Wait for it, or ask the chair to reject it first.`,
        );
      }
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const change = repos.progress.insertDueDateChange({
          actionId: id,
          fromDate: row.dueDate,
          toDate: body.toDate,
          reason: body.reason.trim(),
          requestedBy: actor.id,
          requestedAt: now,
        });
        bump(row, version, {}, now);
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'create',
          entityType: 'due_date_change',
          entityId: change.id,
          after: change,
        });
      });
      return reload(actor, id);
    },

    decideDueDateChange(
      actor: Actor,
      id: number,
      changeId: number,
      version: number,
      body: DecisionBody,
    ): ActionDetail {
      const row = requireRow(id);
      const change = repos.progress.findDueDateChange(changeId);
      if (!change || change.actionId !== id)
        throw problem.notFound(`Timeframe change ${changeId} of action ${row.ref}`);
      if (change.decision !== 'pending') {
        throw problem.conflict(
          `This request was already ${change.decision}${change.decidedAt ? ` on ${formatDate(change.decidedAt)}` : ''}.`,
        );
      }
      checkVersion(row, version);
      const comment = body.comment?.trim() ?? '';
      if (body.decision === 'rejected' && comment === '') {
        throw problem.invalid(
          'body.comment',
          'say why the request is rejected; the lead and the record need the reason',
        );
      }
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const decided = repos.progress.decideDueDateChange(changeId, {
          decision: body.decision,
          decidedBy: actor.id,
          decidedAt: now,
          decisionComment: comment || null,
        });
        if (!decided)
          throw problem.conflict('This request was decided by someone else a moment ago. Reload the action.');
        bump(
          row,
          version,
          body.decision === 'approved'
            ? { dueDate: change.toDate, dueDateRevisions: row.dueDateRevisions + 1 }
            : {},
          now,
        );
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: body.decision === 'approved' ? 'approve' : 'reject',
          entityType: 'due_date_change',
          entityId: changeId,
          before: change,
          after: decided,
        });
      });
      return reload(actor, id);
    },

    signOff(actor: Actor, id: number, version: number, body: SignOffBody): ActionDetail {
      const row = requireRow(id);
      if (row.archivedAt) throw problem.conflict(`Action ${row.ref} is archived; its record is closed.`);
      checkVersion(row, version);
      if (row.signedOffAt)
        throw problem.conflict(`Action ${row.ref} was already signed off on ${formatDate(row.signedOffAt)}.`);
      if (row.status !== 'complete') {
        throw problem.conflict(
          `Action ${row.ref} has not been reported complete. Its lead marks it complete first, with evidence.`,
        );
      }
      const reason = body.reason?.trim() ?? '';
      if (body.decision === 'returned' && reason === '') {
        throw problem.invalid(
          'body.reason',
          'say why the action is sent back, so that its lead knows what is missing',
        );
      }
      if (body.decision === 'signed_off') {
        if (!repos.evidence.hasAcceptedCompletion(id)) {
          throw problem.unprocessable(
            `Action ${row.ref} has no accepted evidence of completion. Accept an item of completion evidence first; the board does not take "done" on trust.`,
          );
        }
      }
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        repos.progress.insertSignOff({
          actionId: id,
          updateId: null,
          decision: body.decision,
          reason,
          decidedBy: actor.id,
          decidedAt: now,
        });
        if (body.decision === 'signed_off') {
          bump(row, version, { signedOffAt: now, signedOffBy: actor.id }, now);
        } else {
          // Sent back: the record says so in the action's own timeline, and it is no longer "complete".
          const update = repos.progress.insertUpdate({
            actionId: id,
            authorId: actor.id,
            createdAt: now,
            status: 'on_track',
            reportedRag: null,
            commentary: `Sent back by the chair, not signed off: ${reason}`,
          });
          bump(
            row,
            version,
            { status: 'on_track', reportedRag: null, lastUpdateId: update.id, lastUpdateAt: now },
            now,
          );
        }
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: body.decision === 'signed_off' ? 'sign_off' : 'return',
          entityType: 'action',
          entityId: id,
          before: { signedOffAt: null, status: row.status },
          after: { decision: body.decision, reason },
        });
      });
      return reload(actor, id);
    },
  };
}
export type ProgressService = ReturnType<typeof createProgressService>;
