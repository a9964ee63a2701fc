import { describe, expect, it } from 'vitest';
import type { Lead } from '@ipt/shared/schemas';
import { accountStatuses, isRole, leadOptions } from '../../../client/src/lib/accounts';

describe('an account’s status in words', () => {
  it('says active or deactivated, a one-time password not yet changed, and a lock with its end', () => {
    expect(accountStatuses({ active: true, mustChangePassword: false, lockedUntil: null })).toEqual([
      'Active',
    ]);
    expect(accountStatuses({ active: false, mustChangePassword: true, lockedUntil: null })).toEqual([
      'Deactivated',
    ]);
    expect(
      accountStatuses({ active: true, mustChangePassword: true, lockedUntil: '2026-03-05T14:05:00.000Z' }),
    ).toEqual(['Active', 'Has not chosen a password yet', 'Locked until 5 March 2026 at 2:05pm']);
  });
});

describe('the leads an account can hold', () => {
  const lead = (id: number, over: Partial<Lead> = {}): Lead => ({
    id,
    name: `Lead ${id}`,
    kind: 'person',
    userId: null,
    userName: null,
    canSignIn: false,
    archivedAt: null,
    version: 1,
    ...over,
  });

  it('offers free leads, those of deactivated accounts and its own; not archived or held by others', () => {
    const leads = [
      lead(1),
      lead(2, { userId: 9, userName: 'Someone', canSignIn: true }),
      lead(3, { userId: 8, userName: 'Gone', canSignIn: false }),
      lead(4, { archivedAt: '2026-01-01T00:00:00.000Z' }),
      lead(5, { userId: 7, userName: 'Me', canSignIn: true, kind: 'team' }),
    ];
    expect(leadOptions(leads, 5).map((o) => o.value)).toEqual(['1', '3', '5']);
    expect(leadOptions(leads, 5).at(-1)?.text).toBe('Lead 5 (team)');
    expect(leadOptions(leads, null).map((o) => o.value)).toEqual(['1', '3']);
  });

  it('knows a role from anything else', () => {
    expect(isRole('lead')).toBe(true);
    expect(isRole('king')).toBe(false);
  });
});
