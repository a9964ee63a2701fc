/**
 * Object-level access rules (role-level rules are declared on each route). Pure: given who is asking and
 * the facts of the record, may they change it?
 */
import type { Role } from '@ipt/shared';

export interface ActorLike {
  role: Role;
  leadId: number | null;
}

/** Chair and administrator act on every action; a lead only on the actions they lead; others on none. */
export function canUpdateAction(actor: ActorLike, actionLeadIds: readonly number[]): boolean {
  if (actor.role === 'admin' || actor.role === 'chair') return true;
  if (actor.role === 'lead') return actor.leadId !== null && actionLeadIds.includes(actor.leadId);
  return false;
}

/** Roles that only read (and export). */
export function isReadOnly(role: Role): boolean {
  return role === 'adviser' || role === 'viewer';
}
