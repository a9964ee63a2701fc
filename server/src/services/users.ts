/**
 * Accounts (administrators manage them; everyone changes their own password) and the leads of actions —
 * officers by job title, teams and partner agencies, with or without an account that holds them.
 */
import type {
  ChangePasswordBody,
  CreateLeadBody,
  CreateUserBody,
  Lead,
  LeadListQuery,
  PageOf,
  ResetPasswordBody,
  UpdateLeadBody,
  UpdateUserBody,
  User,
  UserListQuery,
  UserWithPassword,
} from '@ipt/shared/schemas';
import { inTransaction } from '../db/client.js';
import { passwordProblem } from '../domain/passwords.js';
import { loadCommonPasswords } from '../lib/common-passwords.js';
import { makeOneTimePassword } from '../lib/one-time-password.js';
import { hashPassword, verifyPassword } from '../lib/passwords.js';
import { problem } from '../lib/problems.js';
import type { SignInThrottle } from '../lib/sign-in-throttle.js';
import type { Actor } from '../lib/types.js';
import type { StoredUser, UserRow } from '../repositories/users.js';
import type { ServiceDeps } from './deps.js';

/**
 * What the audit log keeps of an account: never a password, its hash, or a word that would make a search of
 * the log for "password" find anything ("mustChooseOwn" is the one-time-password flag).
 */
function auditable(u: UserRow, leadId: number | null) {
  return {
    email: u.email,
    name: u.name,
    jobTitle: u.jobTitle,
    role: u.role,
    active: u.active,
    mustChooseOwn: u.mustChangePassword,
    leadId,
  };
}

export function createUserService({ repos, sqlite, clock }: ServiceDeps, throttle: SignInThrottle) {
  const staleAccount = () =>
    problem.stale('Someone changed this account since you read it. Reload it and try again.');
  const staleLead = () =>
    problem.stale('Someone changed this lead since you read it. Reload it and try again.');

  /**
   * No account is ever locked: wrong passwords only make the address they came from wait (see
   * lib/sign-in-throttle). `lockedUntil` says until when sign-in to this account is being delayed, if it is.
   */
  function present(u: StoredUser): User {
    const now = clock().getTime();
    const waits = throttle
      .forAccount(u.email, now)
      .map((e) => e.waitUntil)
      .filter((w): w is string => w !== null && Date.parse(w) > now)
      .sort();
    return { ...u, lockedUntil: waits.at(-1) ?? null };
  }

  function requireUser(id: number): User {
    const u = repos.users.findApiUser(id);
    if (!u) throw problem.notFound(`User ${id}`);
    return present(u);
  }

  function requireRow(id: number): UserRow {
    const row = repos.users.findById(id);
    if (!row) throw problem.notFound(`User ${id}`);
    return row;
  }

  /** Refuses a password that is too short, too common or the email address; field names the body field. */
  async function checkPassword(password: string, email: string, field: string): Promise<void> {
    const message = passwordProblem(password, { isCommon: await loadCommonPasswords(), email });
    if (message) throw problem.invalid(`body.${field}`, message);
  }

  /**
   * Checks that `leadId` can be held by account `userId`: the lead exists, is not archived, and no other
   * active account holds it (a deactivated holder gives it up: the job changed hands).
   */
  function checkLeadFree(leadId: number, userId: number | null): void {
    const lead = repos.leads.findRow(leadId);
    if (!lead || lead.archivedAt)
      throw problem.invalid('body.leadId', `No lead has the id ${leadId}, or it is archived.`);
    if (lead.userId !== null && lead.userId !== userId) {
      const holder = repos.users.findById(lead.userId);
      if (holder?.active)
        throw problem.conflict(
          `${lead.name} is held by ${holder.name}'s account. Remove it from that account first, or deactivate that account.`,
        );
    }
  }

  /** Inside a transaction: makes `leadId` (or none) the lead account `userId` holds. */
  function moveLead(userId: number, leadId: number | null, now: string): void {
    const current = repos.leads.findByUser(userId);
    if (current && current.id === leadId && !current.archivedAt) return;
    if (
      current &&
      repos.leads.update(current.id, current.version, { userId: null, updatedAt: now }) === undefined
    )
      throw staleLead();
    if (leadId === null) return;
    const lead = repos.leads.findRow(leadId);
    if (!lead) throw problem.invalid('body.leadId', `No lead has the id ${leadId}.`);
    if (repos.leads.update(lead.id, lead.version, { userId, updatedAt: now }) === undefined)
      throw staleLead();
  }

  function requireLead(id: number): Lead {
    const lead = repos.leads.find(id);
    if (!lead) throw problem.notFound(`Lead ${id}`);
    return lead;
  }

  function heldLeadId(userId: number): number | null {
    const lead = repos.leads.findByUser(userId);
    return lead && !lead.archivedAt ? lead.id : null;
  }

  return {
    list(query: UserListQuery): PageOf<User> {
      const page = repos.users.list(query);
      return { ...page, items: page.items.map(present) };
    },

    get: requireUser,

    /**
     * Opens an account with a one-time password (typed by the administrator, or made here and answered
     * once); the person must choose their own at first sign-in.
     */
    async create(actor: Actor, body: CreateUserBody): Promise<UserWithPassword> {
      const email = body.email.trim().toLowerCase();
      if (repos.users.findByEmail(email)) throw problem.conflict(`An account for ${email} exists already.`);
      const made = body.password === undefined ? makeOneTimePassword() : undefined;
      const password = body.password ?? made ?? '';
      if (body.password !== undefined) await checkPassword(body.password, email, 'password');
      const leadId = body.leadId ?? null;
      if (leadId !== null) checkLeadFree(leadId, null);
      const passwordHash = await hashPassword(password);
      const now = clock().toISOString();
      const id = inTransaction(sqlite, () => {
        if (repos.users.findByEmail(email)) throw problem.conflict(`An account for ${email} exists already.`);
        if (leadId !== null) checkLeadFree(leadId, null);
        const row = repos.users.insert({
          email,
          name: body.name.trim(),
          jobTitle: body.jobTitle?.trim() ?? '',
          role: body.role,
          passwordHash,
          mustChangePassword: true,
          createdAt: now,
          updatedAt: now,
        });
        moveLead(row.id, leadId, now);
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'create',
          entityType: 'user',
          entityId: row.id,
          after: {
            ...auditable(row, leadId),
            oneTime: made ? 'made by the server' : 'typed by the administrator',
          },
        });
        return row.id;
      });
      return { ...requireUser(id), ...(made ? { oneTimePassword: made } : {}) };
    },

    /**
     * Changes an account's name, job title, role, the lead it holds, or deactivates (ending its sessions)
     * or reactivates it. `version` is the one the administrator read (If-Match).
     */
    update(actor: Actor, id: number, version: number, body: UpdateUserBody): User {
      const before = requireRow(id);
      if (id === actor.id && (body.active === false || (body.role !== undefined && body.role !== 'admin'))) {
        throw problem.unprocessable(
          'You cannot deactivate your own account or remove your own administrator role. Ask another administrator.',
        );
      }
      if (before.version !== version) throw staleAccount();
      if (body.leadId !== undefined && body.leadId !== null) checkLeadFree(body.leadId, id);
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const leadBefore = heldLeadId(id);
        const after = repos.users.updateVersioned(id, version, {
          ...(body.name !== undefined ? { name: body.name.trim() } : {}),
          ...(body.jobTitle !== undefined ? { jobTitle: body.jobTitle.trim() } : {}),
          ...(body.role !== undefined ? { role: body.role } : {}),
          ...(body.active !== undefined ? { active: body.active } : {}),
          updatedAt: now,
        });
        if (!after) throw staleAccount();
        if (body.leadId !== undefined) moveLead(id, body.leadId, now);
        const deactivated = before.active && body.active === false;
        const reactivated = !before.active && body.active === true;
        // Deactivating an account or changing its role ends its sessions: it signs in again as it now is.
        if (deactivated || (body.role !== undefined && body.role !== before.role)) {
          repos.sessions.revokeAllForUser(id, now);
        }
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: deactivated ? 'deactivate' : reactivated ? 'reactivate' : 'update',
          entityType: 'user',
          entityId: id,
          before: auditable(before, leadBefore),
          after: auditable(after, body.leadId !== undefined ? body.leadId : leadBefore),
        });
      });
      return requireUser(id);
    },

    /**
     * Gives an account a new one-time password (typed, or made here and answered once), lifts any lock and
     * ends its sessions; the person chooses their own at next sign-in.
     */
    async resetPassword(
      actor: Actor,
      id: number,
      version: number,
      body: ResetPasswordBody,
    ): Promise<UserWithPassword> {
      const before = requireRow(id);
      if (id === actor.id)
        throw problem.unprocessable('To change your own password, use Change your password.');
      if (before.version !== version) throw staleAccount();
      if (body.password !== undefined) await checkPassword(body.password, before.email, 'password');
      const made = body.password === undefined ? makeOneTimePassword() : undefined;
      const passwordHash = await hashPassword(body.password ?? made ?? '');
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const after = repos.users.updateVersioned(id, version, {
          passwordHash,
          mustChangePassword: true,
          updatedAt: now,
        });
        if (!after) throw staleAccount();
        const ended = repos.sessions.revokeAllForUser(id, now);
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'reset_password',
          entityType: 'user',
          entityId: id,
          before: { mustChooseOwn: before.mustChangePassword },
          after: {
            mustChooseOwn: true,
            oneTime: made ? 'made by the server' : 'typed by the administrator',
            sessionsEnded: ended,
          },
        });
      });
      throttle.clearAccount(before.email);
      return { ...requireUser(id), ...(made ? { oneTimePassword: made } : {}) };
    },

    /** Forgets the wrong passwords counted against an account, from every address, so it can sign in now. */
    unlock(actor: Actor, id: number, version: number): User {
      const before = requireRow(id);
      if (before.version !== version) throw staleAccount();
      const counted = throttle.forAccount(before.email, clock().getTime());
      if (counted.length === 0)
        throw problem.conflict(
          `No wrong passwords are counted against ${before.name}'s account: there is nothing to clear.`,
        );
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'unlock',
          entityType: 'user',
          entityId: id,
          before: { signInDelays: counted.length },
          after: { signInDelays: 0 },
        });
      });
      throttle.clearAccount(before.email);
      return requireUser(id);
    },

    /**
     * A person changes their own password: the current one first, then a new one that passes the rule.
     * Their other sessions end; the one they are using goes on.
     */
    async changeOwnPassword(actor: Actor, sessionIdHash: string, body: ChangePasswordBody): Promise<void> {
      const user = requireRow(actor.id);
      if (!(await verifyPassword(user.passwordHash, body.currentPassword)))
        throw problem.invalid('body.currentPassword', 'Your current password is not right.');
      if (body.newPassword === body.currentPassword)
        throw problem.invalid(
          'body.newPassword',
          'The new password must be different from your current one.',
        );
      await checkPassword(body.newPassword, user.email, 'newPassword');
      const passwordHash = await hashPassword(body.newPassword);
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        if (
          !repos.users.updateVersioned(user.id, user.version, {
            passwordHash,
            mustChangePassword: false,
            updatedAt: now,
          })
        )
          throw problem.stale('Your account changed while you were choosing a password. Try again.');
        const ended = repos.sessions.revokeOthersForUser(user.id, sessionIdHash, now);
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'change_password',
          entityType: 'user',
          entityId: actor.id,
          before: { mustChooseOwn: user.mustChangePassword },
          after: { mustChooseOwn: false, otherSessionsEnded: ended },
        });
      });
    },

    leads(query: LeadListQuery = {}): Lead[] {
      return repos.leads.list({ archived: query.archived === true });
    },

    getLead: requireLead,

    createLead(actor: Actor, body: CreateLeadBody): Lead {
      if (repos.leads.findByName(body.name))
        throw problem.conflict(`A lead called ${body.name.trim()} exists already.`);
      if (body.userId) {
        if (!repos.users.findById(body.userId))
          throw problem.invalid('body.userId', `No user has the id ${body.userId}.`);
        if (repos.leads.findByUser(body.userId)) throw problem.conflict('That account already holds a lead.');
      }
      const now = clock().toISOString();
      const id = inTransaction(sqlite, () => {
        const row = repos.leads.insert({
          name: body.name.trim(),
          kind: body.kind,
          userId: body.userId ?? null,
          createdAt: now,
          updatedAt: now,
        });
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'create',
          entityType: 'lead',
          entityId: row.id,
          after: row,
        });
        return row.id;
      });
      return requireLead(id);
    },

    /** Renames a lead (a job title changes, a team is renamed) or changes its kind; its record follows it. */
    updateLead(actor: Actor, id: number, version: number, body: UpdateLeadBody): Lead {
      const before = repos.leads.findRow(id);
      if (!before) throw problem.notFound(`Lead ${id}`);
      if (before.archivedAt) throw problem.conflict(`${before.name} is archived and cannot be changed.`);
      if (before.version !== version) throw staleLead();
      const name = body.name?.trim();
      if (name !== undefined) {
        if (name === '') throw problem.invalid('body.name', 'Enter the name of the lead.');
        const clash = repos.leads.findByName(name);
        if (clash && clash.id !== id) throw problem.conflict(`A lead called ${name} exists already.`);
      }
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const after = repos.leads.update(id, version, {
          ...(name !== undefined ? { name } : {}),
          ...(body.kind !== undefined ? { kind: body.kind } : {}),
          updatedAt: now,
        });
        if (!after) throw staleLead();
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'update',
          entityType: 'lead',
          entityId: id,
          before: { name: before.name, kind: before.kind },
          after: { name: after.name, kind: after.kind },
        });
      });
      return requireLead(id);
    },

    /** Archives a lead that leads no live action; its past updates keep its name. Nothing is deleted. */
    archiveLead(actor: Actor, id: number, version: number, reason: string): Lead {
      const before = repos.leads.findRow(id);
      if (!before) throw problem.notFound(`Lead ${id}`);
      if (before.archivedAt) throw problem.conflict(`${before.name} is already archived.`);
      if (before.version !== version) throw staleLead();
      if (reason.trim() === '') throw problem.invalid('body.reason', 'Say why the lead is archived.');
      const live = repos.leads.liveActionCount(id);
      if (live > 0)
        throw problem.conflict(
          `${before.name} still leads ${live} action${live === 1 ? '' : 's'}. Give ${live === 1 ? 'it' : 'them'} another lead first.`,
        );
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        if (!repos.leads.update(id, version, { archivedAt: now, updatedAt: now })) throw staleLead();
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'archive',
          entityType: 'lead',
          entityId: id,
          before: { archivedAt: null },
          after: { archivedAt: now, reason: reason.trim() },
        });
      });
      return requireLead(id);
    },
  };
}
export type UserService = ReturnType<typeof createUserService>;
