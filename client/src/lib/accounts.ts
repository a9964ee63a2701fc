import {
  formatDateTime,
  LEAD_KIND_LABELS,
  LEAD_KINDS,
  PASSWORD_MIN_LENGTH,
  ROLE_LABELS,
  ROLES,
  type LeadKind,
  type Role,
} from '@ipt/shared';
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

export const LEAD_KIND_OPTIONS = LEAD_KINDS.map((value) => ({ value, text: LEAD_KIND_LABELS[value] }));

export function isLeadKind(value: string): value is LeadKind {
  return (LEAD_KINDS as readonly string[]).includes(value);
}

/** What is wrong with a one-time password the administrator chose to type; undefined when it will do. */
export function oneTimePasswordError(choice: string, password: string): string | undefined {
  if (choice !== 'type') return undefined;
  if (password === '') return 'Type the one-time password';
  if (password.length < PASSWORD_MIN_LENGTH)
    return `The one-time password must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  return undefined;
}

/** The errors of a lead's name and kind, keyed by the ids of their fields. */
export function leadFormErrors(
  name: string,
  kind: string,
): Record<'lead-name' | 'lead-kind', string | undefined> {
  return {
    'lead-name': name.trim() === '' ? 'Enter the name of the lead' : undefined,
    'lead-kind': isLeadKind(kind) ? undefined : 'Select what kind of lead it is',
  };
}

/** A change refused with 412: someone changed the account after this page read it. */
export const STALE_ACCOUNT_MESSAGE =
  'Someone changed this account since you opened it. Go back to the account to see it as it is now.';
