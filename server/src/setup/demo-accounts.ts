/**
 * Demo and production never mix: the demo's accounts all sign in with a published password at example.org
 * (a domain reserved for examples, never a council's), so a database that still has any active one must not
 * run with DEMO=false. `npm run retire-demo-accounts` keeps the data and deactivates them (nothing is
 * deleted), ending their sessions, with an audit row for each.
 */
import { inTransaction } from '../db/client.js';
import { createRepositories } from '../repositories/index.js';
import type { Services } from '../services/index.js';

export const DEMO_DOMAIN = 'example.org';

export function activeDemoAccounts(services: Services): string[] {
  return createRepositories(services.base.db)
    .users.activeAtDomain(DEMO_DOMAIN)
    .map((u) => u.email);
}

export function retireDemoAccounts(services: Services, now: Date): string[] {
  const repos = createRepositories(services.base.db);
  const at = now.toISOString();
  return inTransaction(services.base.sqlite, () => {
    const retired: string[] = [];
    for (const user of repos.users.activeAtDomain(DEMO_DOMAIN)) {
      repos.users.updateVersioned(user.id, user.version, { active: false, updatedAt: at });
      const sessions = repos.sessions.revokeAllForUser(user.id, at);
      repos.audit.record({
        at,
        userId: null,
        event: 'update',
        entityType: 'user',
        entityId: user.id,
        before: { active: true },
        after: { active: false, sessionsEnded: sessions, by: 'npm run retire-demo-accounts' },
      });
      retired.push(user.email);
    }
    return retired;
  });
}
