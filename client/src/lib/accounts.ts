import { formatDateTime, LEAD_KIND_LABELS, ROLE_LABELS, ROLES, type Role } from '@ipt/shared';
import type { Lead, User } from '@ipt/shared/schemas';

/** What an administrator needs to know of an account's state, in words (a tag each). */
export function accountStatuses(user: Pick<User, 'active' | 'mustChangePassword' | 'lockedUntil'>): string[] {
  const words: string[] = [user.active ? 'Active' : 'Deactivated'];
  if (user.active && user.mustChangePassword) words.push('Has not chosen a password yet');
  if (user.lockedUntil) words.push(`Locked until ${formatDateTime(user.lockedUntil)}`);
  return words;
}

export const ROLE_OPTIONS = ROLES.map((value) => ({ value, text: ROLE_LABELS[value] }));

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * The leads an account can hold: live ones no one holds, or held by a deactivated account (the job changed
 * hands) — and the one it holds now.
 */
export function leadOptions(leads: Lead[], currentLeadId: number | null): { value: string; text: string }[] {
  return leads
    .filter((l) => l.archivedAt === null && (l.userId === null || !l.canSignIn || l.id === currentLeadId))
    .map((l) => ({ value: String(l.id), text: `${l.name} (${LEAD_KIND_LABELS[l.kind].toLowerCase()})` }));
}
