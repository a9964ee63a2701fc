/**
 * What every versioned record of the plan's structure shares: the optional If-Match check, and archiving
 * (never deleting) with its audit row, in one transaction.
 */
import { inTransaction } from '../db/client.js';
import { problem } from '../lib/problems.js';
import type { Actor } from '../lib/types.js';
import type { ServiceDeps } from './deps.js';

export function createRecordKeeper({ repos, sqlite, clock }: ServiceDeps) {
  function checkVersion(current: number, expected: number | undefined, what: string): number {
    if (expected !== undefined && expected !== current) {
      throw problem.stale(`${what} was changed by someone else. Reload it and try again.`);
    }
    return current;
  }

  return {
    checkVersion,

    /**
     * Archives a record at the version the caller expects: `update` applies the patch only if the row is
     * still at that version and answers undefined when it is not.
     */
    archive(args: {
      actor: Actor;
      entityType: string;
      id: number;
      /** "The plan", "The theme": how messages name it. */
      what: string;
      record: { version: number; archivedAt: string | null };
      expectedVersion: number | undefined;
      reason: string;
      update: (version: number, patch: { archivedAt: string; updatedAt: string }) => unknown;
    }): void {
      const { actor, entityType, id, what, record, expectedVersion, reason, update } = args;
      if (record.archivedAt) throw problem.conflict(`${what} is already archived.`);
      const version = checkVersion(record.version, expectedVersion, what);
      const now = clock().toISOString();
      inTransaction(sqlite, () => {
        if (!update(version, { archivedAt: now, updatedAt: now })) {
          throw problem.stale(`${what} was changed by someone else. Reload it and try again.`);
        }
        repos.audit.record({
          at: now,
          userId: actor.id,
          event: 'archive',
          entityType,
          entityId: id,
          before: { archivedAt: null },
          after: { archivedAt: now, reason: reason.trim() },
        });
      });
    },
  };
}
export type RecordKeeper = ReturnType<typeof createRecordKeeper>;
