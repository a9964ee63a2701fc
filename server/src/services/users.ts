/** Accounts (administrators manage them) and the leads of actions. */
import type {
  CreateLeadBody,
  CreateUserBody,
  Lead,
  PageOf,
  UpdateUserBody,
  User,
  UserListQuery,
} from '@ipt/shared/schemas';
import { inTransaction } from '../db/client.js';
import { hashPassword } from '../lib/passwords.js';
import { problem } from '../lib/problems.js';
import type { Actor } from '../lib/types.js';
import type { ServiceDeps } from './deps.js';

/** What the audit log keeps of an account: never the password hash. */
function auditable(u: { email: string; name: string; jobTitle: string; role: string; active: boolean }) {
  return { email: u.email, name: u.name, jobTitle: u.jobTitle, role: u.role, active: u.active };
}

export function createUserService({ repos, sqlite, clock }: ServiceDeps) {
  function requireUser(id: number): User {
    const u = repos.users.findApiUser(id);
    if (!u) throw problem.notFound(`User ${id}`);
    return u;
  }

  return {
    list(query: UserListQuery): PageOf<User> {
      return repos.users.list(query);
    },

    get: requireUser,

    async create(actor: Actor, body: CreateUserBody): Promise<User> {
      if (repos.users.findByEmail(body.email))
        throw problem.conflict(`An account for ${body.email} exists already.`);
      const passwordHash = await hashPassword(body.password);
      const now = clock().toISOString();
      const id = inTransaction(sqlite, () => {
        if (repos.users.findByEmail(body.email))
          throw problem.conflict(`An account for ${body.email} exists already.`);
        const row = repos.users.insert({
          email: body.email.trim().toLowerCase(),
          name: body.name.trim(),
          jobTitle: body.jobTitle?.trim() ?? '',
          role: body.role,
          passwordHash,
          createdAt: now,
          updatedAt: now,
        });
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'create',
          entityType: 'user',
          entityId: row.id,
          after: auditable(row),
        });
        return row.id;
      });
      return requireUser(id);
    },

    async update(actor: Actor, id: number, body: UpdateUserBody): Promise<User> {
      const before = repos.users.findById(id);
      if (!before) throw problem.notFound(`User ${id}`);
      if (id === actor.id && (body.active === false || (body.role !== undefined && body.role !== 'admin'))) {
        throw problem.unprocessable(
          'You cannot close your own account or remove your own administrator role. Ask another administrator.',
        );
      }
      const passwordHash = body.password !== undefined ? await hashPassword(body.password) : undefined;
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        const after = repos.users.update(id, {
          ...(body.name !== undefined ? { name: body.name.trim() } : {}),
          ...(body.jobTitle !== undefined ? { jobTitle: body.jobTitle.trim() } : {}),
          ...(body.role !== undefined ? { role: body.role } : {}),
          ...(body.active !== undefined ? { active: body.active } : {}),
          ...(passwordHash !== undefined ? { passwordHash, failedSignIns: 0, lockedUntil: null } : {}),
          updatedAt: now,
        });
        if (!after) throw problem.notFound(`User ${id}`);
        // Closing an account, changing its role or resetting its password ends its sessions.
        if (
          body.active === false ||
          (body.role !== undefined && body.role !== before.role) ||
          passwordHash !== undefined
        ) {
          repos.sessions.revokeAllForUser(id, now);
        }
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: passwordHash !== undefined ? 'update_with_password_reset' : 'update',
          entityType: 'user',
          entityId: id,
          before: auditable(before),
          after: auditable(after),
        });
      });
      return requireUser(id);
    },

    leads(): Lead[] {
      return repos.leads.list();
    },

    createLead(actor: Actor, body: CreateLeadBody): Lead {
      if (repos.leads.findByName(body.name))
        throw problem.conflict(`A lead called ${body.name} exists already.`);
      if (body.userId) {
        if (!repos.users.findById(body.userId))
          throw problem.unprocessable(`No user has the id ${body.userId}.`);
        if (repos.leads.findByUser(body.userId))
          throw problem.conflict('That account already answers for a lead.');
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
      const lead = repos.leads.find(id);
      if (!lead) throw new Error('lead vanished after insert');
      return lead;
    },
  };
}
export type UserService = ReturnType<typeof createUserService>;
