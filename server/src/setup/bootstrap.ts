/**
 * The first administrator of a real (not demo) installation: created from ADMIN_EMAIL, ADMIN_NAME and
 * ADMIN_PASSWORD when the database has no active accounts (none at all, or only retired demo accounts), and
 * never again afterwards.
 */
import type { AppConfig } from '../config.js';
import { inTransaction } from '../db/client.js';
import { createRepositories } from '../repositories/index.js';
import { hashPassword } from '../lib/passwords.js';
import type { Services } from '../services/index.js';

export type BootstrapResult = 'created' | 'exists' | 'needed';

export async function bootstrapAdmin(
  services: Services,
  config: AppConfig,
  now: Date,
): Promise<BootstrapResult> {
  const repos = createRepositories(services.base.db);
  if (repos.users.countActive() > 0) return 'exists';
  if (!config.firstAdmin) return 'needed';
  const { email, name, password } = config.firstAdmin;
  const passwordHash = await hashPassword(password);
  const at = now.toISOString();
  if (repos.users.findByEmail(email))
    throw new Error(`ADMIN_EMAIL ${email} belongs to an existing, inactive account; choose another address.`);
  inTransaction(services.base.sqlite, () => {
    if (repos.users.countActive() > 0) return;
    const user = repos.users.insert({
      email: email.toLowerCase(),
      name,
      jobTitle: 'Administrator',
      role: 'admin',
      passwordHash,
      createdAt: at,
      updatedAt: at,
    });
    repos.audit.record({
      at,
      userId: null,
      event: 'create',
      entityType: 'user',
      entityId: user.id,
      after: { email: user.email, name, role: 'admin', by: 'ADMIN_EMAIL at start-up' },
    });
  });
  return 'created';
}
