/** The audit log, read: newest first, filtered by record or by who made the change. */
import type { ServiceDeps } from './deps.js';
import { pageOf } from '../repositories/util.js';

export interface AuditQuery {
  entityType?: string | undefined;
  entityId?: number | undefined;
  userId?: number | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export function createAuditService({ repos }: ServiceDeps) {
  return {
    list(query: AuditQuery) {
      const { page: _page, pageSize: _pageSize, ...filter } = query;
      const { page, pageSize, offset } = pageOf(query);
      const items = repos.audit.list({ ...filter, limit: pageSize, offset });
      return { items, page, pageSize, total: repos.audit.count(filter) };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
