/**
 * Object-level access rules (role-level rules are declared on each route). Pure: given who is asking and
 * the facts of the record, may they change it?
 */
import type { PlanStatus, Role } from '@ipt/shared';

export interface ActorLike {
  role: Role;
  leadId: number | null;
}

/**
 * Which actions an actor may update, as a query can ask it: every action (chair and administrator), those
 * led by `leadId` (a lead), or none (`leadId` null and not all).
 */
export function actionUpdateScope(actor: ActorLike): { all: boolean; leadId: number | null } {
  if (actor.role === 'admin' || actor.role === 'chair') return { all: true, leadId: null };
  if (actor.role === 'lead') return { all: false, leadId: actor.leadId };
  return { all: false, leadId: null };
}

/** Chair and administrator act on every action; a lead only on the actions they lead; others on none. */
export function canUpdateAction(actor: ActorLike, actionLeadIds: readonly number[]): boolean {
  const scope = actionUpdateScope(actor);
  return scope.all || (scope.leadId !== null && actionLeadIds.includes(scope.leadId));
}

/**
 * Who sees a plan: a draft is the programme office's work in progress, seen by administrators only; live and
 * closed plans are seen by everyone signed in (a closed plan stays readable for good).
 */
export function canSeePlan(actor: ActorLike, plan: { status: PlanStatus }): boolean {
  return plan.status !== 'draft' || actor.role === 'admin';
}

/** Roles that only read (and export). */
export function isReadOnly(role: Role): boolean {
  return role === 'adviser' || role === 'viewer';
}
